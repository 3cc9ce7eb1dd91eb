import { IntegrationStatus } from '../integrations/integration.enums.js';
import { Integration } from '../integrations/integration.entity.js';
import { makeCustomer, makeWarehouse } from '../../test-support/factories.js';
import { countStatements } from '../../test-support/statement-count.js';
import { startTestConveyor, type TestConveyor } from '../../test-support/test-conveyor.js';

const QUERY = '{ customers { id name activeIntegrationCount hasLiveIntegration warehouses { name } integrations { name } } }';

/** The customer list must cost the same number of SQL statements for 3 customers as for 300 (no N+1). */
describe('the customer list', () => {
  let t: TestConveyor;
  beforeAll(async () => {
    // ROLE=api: no job runs in this process, so the ORM's statements while the query runs are the query's own
    t = await startTestConveyor({ env: { ROLE: 'api' } });
  });
  afterAll(async () => {
    await t.close();
  });

  async function seedCustomers(count: number): Promise<void> {
    const em = t.services.orm.em.fork();
    const warehouse = await makeWarehouse(em);
    for (let i = 0; i < count; i++) {
      const customer = await makeCustomer(em, { name: `Customer ${String(i).padStart(3, '0')}`, warehouses: [warehouse] });
      em.create(Integration, { customer, name: 'Live', status: IntegrationStatus.ACTIVE, activatedAt: new Date() });
      em.create(Integration, { customer, name: 'Draft' });
    }
    await em.flush();
  }

  async function statementsFor(token: string): Promise<{ statements: number; customers: number }> {
    const { statements, value: result } = await countStatements(t, () =>
      t.gql<{ customers: { activeIntegrationCount: number; hasLiveIntegration: boolean; integrations: unknown[]; warehouses: unknown[] }[] }>(QUERY, {}, token),
    );
    expect(result.errors).toBeUndefined();
    for (const c of result.data!.customers) {
      expect(c).toMatchObject({ activeIntegrationCount: 1, hasLiveIntegration: true });
      expect(c.integrations).toHaveLength(2);
      expect(c.warehouses).toHaveLength(1);
    }
    return { statements, customers: result.data!.customers.length };
  }

  it('issues the same number of SQL statements for 3 customers and for 300', async () => {
    const admin = await t.issuer.admin();
    await seedCustomers(3);
    const few = await statementsFor(admin);
    expect(few.customers).toBe(3);
    await seedCustomers(297);
    const many = await statementsFor(admin);
    expect(many.customers).toBe(300);
    expect(many.statements).toBe(few.statements);
    expect(few.statements).toBeGreaterThanOrEqual(3); // customers, warehouses, counts, integrations
    expect(few.statements).toBeLessThanOrEqual(6);
  });
});
