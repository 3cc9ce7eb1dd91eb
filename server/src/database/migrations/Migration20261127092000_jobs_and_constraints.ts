import { Migration } from '@mikro-orm/migrations';

/**
 * Agenda's PostgreSQL tables are created here, once, rather than by each Agenda instance at start-up:
 * two instances creating them at once on a fresh database race (STACK-NOTES pitfall 4).
 * Also: integration names are unique per customer among integrations that are not deleted.
 */
export class Migration20261127092000_jobs_and_constraints extends Migration {
  override async up(): Promise<void> {
    const schema = await import('@agendajs/postgres-backend');
    this.addSql(schema.getCreateTableSQL('agenda_jobs'));
    for (const sql of schema.getCreateIndexesSQL('agenda_jobs')) this.addSql(sql);
    this.addSql(schema.getUpdateTimestampTriggerSQL('agenda_jobs'));
    this.addSql(
      `create unique index "integrations_customer_name_live_unique" on "integrations" ("customer_id", lower("name")) where "status" <> 'DELETED';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "integrations_customer_name_live_unique";`);
    this.addSql(`drop table if exists "agenda_jobs" cascade;`);
  }
}
