import { HealthConditionCode } from '../integrations/health-conditions.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { AttentionCode } from '../ledger/attention.js';
import { arrangedRow } from '../../test-support/attention-world.js';
import { makeCustomer, makeWarehouse } from '../../test-support/factories.js';
import { countStatements } from '../../test-support/statement-count.js';
import { startTestConveyor, type TestConveyor } from '../../test-support/test-conveyor.js';

const OVERVIEW = `query($tz: String) {
  overview(timeZone: $tz) {
    generatedAt timeZone
    unhealthyIntegrations { id name customer { name } conditions { code severity message action } }
    platformConditions { code message }
    needsAttention { customer { id name } count oldestSince }
    orders { createdToday createdThisWeek dispatchedToday dispatchedThisWeek }
    createBudget { limitPerMinute usedLastMinute reservedAhead }
    unleashedCallsThisMonth { callsThisMonth quota remaining integration { id } }
  }
}`;

interface OverviewData {
  overview: {
    timeZone: string;
    unhealthyIntegrations: { id: string; name: string; customer: { name: string }; conditions: { code: string; severity: string }[] }[];
    platformConditions: { code: string }[];
    needsAttention: { customer: { id: string; name: string }; count: number; oldestSince: string }[];
    orders: { createdToday: number; createdThisWeek: number; dispatchedToday: number; dispatchedThisWeek: number };
    createBudget: { limitPerMinute: number; usedLastMinute: number; reservedAhead: number };
    unleashedCallsThisMonth: unknown[] | null;
  };
}

/**
 * The admin overview in one query: its figures, who may read it, and a bounded number of SQL statements
 * whatever the number of customers (3 or 30 customers with problems cost the same).
 */
describe('the admin overview', () => {
  let t: TestConveyor;
  let admin: string;
  let seeded = 0;
  const now = () => new Date();

  /** `count` customers, each with an ACTIVE integration that has a condition, two shipments needing a person, and today's traffic */
  async function seed(count: number): Promise<void> {
    const em = t.services.orm.em.fork();
    const warehouse = await makeWarehouse(em);
    for (let i = 0; i < count; i++) {
      const n = ++seeded;
      const customer = await makeCustomer(em, { name: `Customer ${String(n).padStart(3, '0')}`, warehouses: [warehouse] });
      const integration = em.create(Integration, { customer, name: `Store ${n}`, status: IntegrationStatus.ACTIVE, activatedAt: now() });
      const healthy = em.create(Integration, { customer, name: `Healthy ${n}`, status: IntegrationStatus.ACTIVE, activatedAt: now() });
      await em.flush();
      await t.services.health.raise(em, integration, HealthConditionCode.CREDENTIALS_SUSPECT);
      await t.services.health.raise(em, healthy, HealthConditionCode.ORDER_MANAGEMENT_OFF); // a notice: still healthy
      await arrangedRow(t, integration.id, { reference: `R-${n} | SS-1`, state: 'REJECTED', attention: AttentionCode.REJECTED, since: new Date(Date.now() - 3_600_000) });
      await arrangedRow(t, integration.id, { reference: `F-${n} | SS-1`, state: 'FAILED', attention: AttentionCode.CREATE_FAILED, since: new Date(Date.now() - 60_000) });
      await t.services.orm.em.getConnection().execute(
        `insert into synced_shipments (id, integration_id, unleashed_shipment_guid, unleashed_order_number, unleashed_shipment_number, customer_reference, state, claimed_at, dispatched_at)
         values (gen_random_uuid(), ?, gen_random_uuid()::text, ?, 'SS-1', ?, 'DISPATCHED', now() - interval '2 seconds', now() - interval '1 second'),
                (gen_random_uuid(), ?, gen_random_uuid()::text, ?, 'SS-1', ?, 'CREATED', now() - interval '20 days', null)`,
        [healthy.id, `D-${n}`, `D-${n} | SS-1`, healthy.id, `O-${n}`, `O-${n} | SS-1`],
      );
    }
  }

  async function statementsFor(): Promise<{ statements: number; data: OverviewData }> {
    const { statements, value: result } = await countStatements(t, () => t.gql<OverviewData>(OVERVIEW, { tz: 'Australia/Melbourne' }, admin));
    expect(result.errors).toBeUndefined();
    return { statements, data: result.data! };
  }

  beforeAll(async () => {
    // no worker: nothing else runs SQL while the statements are counted
    t = await startTestConveyor({ env: { ROLE: 'api', CARTONCLOUD_CREATE_RATE_PER_MINUTE: '30' } });
    admin = await t.issuer.admin();
  });
  afterAll(async () => {
    await t.close();
  });

  it('says what needs doing, in the same number of SQL statements for 3 customers and for 30', async () => {
    await seed(3);
    const few = await statementsFor();
    const o = few.data.overview;
    expect(o.timeZone).toBe('Australia/Melbourne');
    expect(o.unhealthyIntegrations.map((i) => i.name)).toEqual(['Store 1', 'Store 2', 'Store 3']);
    expect(o.unhealthyIntegrations[0]!.conditions).toEqual([expect.objectContaining({ code: 'CREDENTIALS_SUSPECT', severity: 'DEGRADED' })]);
    expect(o.needsAttention).toHaveLength(3);
    expect(o.needsAttention.every((c) => c.count === 2)).toBe(true);
    // today: the shipments created and dispatched seconds ago; the one created 20 days ago is in neither window
    expect(o.orders).toEqual({ createdToday: 3, createdThisWeek: 3, dispatchedToday: 3, dispatchedThisWeek: 3 });
    expect(o.createBudget).toEqual({ limitPerMinute: 30, usedLastMinute: 3, reservedAhead: 0 });
    expect(o.unleashedCallsThisMonth).toEqual([]); // counted (usage/), and no Unleashed call was made here: see usage/unleashed-usage.int.spec.ts

    await seed(27);
    const many = await statementsFor();
    expect(many.data.overview.unhealthyIntegrations).toHaveLength(30);
    expect(many.data.overview.needsAttention).toHaveLength(30);
    expect(many.data.overview.orders).toEqual({ createdToday: 30, createdThisWeek: 30, dispatchedToday: 30, dispatchedThisWeek: 30 });
    expect(many.statements).toBe(few.statements);
    expect(few.statements).toBeLessThanOrEqual(10);
    process.stdout.write(`overview: ${few.statements} SQL statements for 3 customers, ${many.statements} for 30\n`);
  });

  it('is for administrators only, and refuses a zone that is not one', async () => {
    const customer = await makeCustomer(t.services.orm.em.fork());
    const refused = await t.gql(OVERVIEW, {}, await t.issuer.customerUser(customer.id));
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const badZone = await t.gql(OVERVIEW, { tz: 'Mars/Olympus' }, admin);
    expect(badZone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeZone' });
  });
});
