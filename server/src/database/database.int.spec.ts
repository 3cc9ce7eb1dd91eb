import { createTestDatabase } from '../../test-support/test-database.js';

describe('database migrations', () => {
  it('create every table, the agenda jobs table, and the partial unique index on integration names', async () => {
    const db = await createTestDatabase();
    try {
      const rows = await db.orm.em.getConnection().execute<{ table_name: string }[]>(
        `select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      );
      const tables = rows.map((r) => r.table_name);
      expect(tables).toEqual(
        expect.arrayContaining(['agenda_jobs', 'audit_events', 'billing_lines', 'customer_warehouses', 'customers', 'integrations', 'sync_runs', 'synced_shipments', 'warehouse_mappings', 'warehouses']),
      );
      const indexes = await db.orm.em.getConnection().execute<{ indexname: string }[]>(`select indexname from pg_indexes where tablename = 'integrations'`);
      expect(indexes.map((i) => i.indexname)).toContain('integrations_customer_name_live_unique');
      // the entities and the migrations agree: nothing left to generate
      const diff = await db.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
      expect(diff.replace(/\s+/g, ' ').trim()).toBe('');
    } finally {
      await db.drop();
    }
  });
});
