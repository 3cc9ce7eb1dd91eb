import { HealthConditionCode } from '../integrations/health-conditions.js';
import { createLogger } from '../common/logger.js';
import { makeDemoTenant, makeUnleashedAccount } from '../../test-support/factories.js';
import { startTestConveyor, type TestConveyor } from '../../test-support/test-conveyor.js';
import { UnleashedUsage } from './unleashed-usage.js';

/**
 * Issue 13 "the allowance is visible": every Unleashed call of an integration is counted for the calendar
 * month — the count equals the Unleashed sandbox's own record of the account's calls — shown on the
 * integration and the admin overview with the projection, and QUOTA_LOW warns before the allowance runs out.
 */
describe('Unleashed calls per integration per month', () => {
  let t: TestConveyor;
  beforeAll(async () => {
    t = await startTestConveyor({ env: { UNLEASHED_MONTHLY_ALLOWANCE: '40' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts every call as Unleashed does, shows it on the integration and the overview, and raises QUOTA_LOW', async () => {
    const admin = await t.issuer.admin();
    const { acme, warehouses } = await makeDemoTenant(t.services.orm.em.fork());
    const account = makeUnleashedAccount(t.unleashed);
    const gql = async <T,>(query: string, variables: Record<string, unknown> = {}) => {
      const result = await t.gql<T>(query, variables, admin);
      expect(result.errors).toBeUndefined();
      return result.data!;
    };
    const id = (await gql<{ createIntegration: { id: string } }>('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }', { i: { customerId: acme.id, name: 'Counted' } })).createIntegration.id;
    await gql('mutation($id: ID!, $i: AuthenticationInput!) { configureAuthentication(id: $id, input: $i) { id } }', { id, i: account });
    await gql('mutation($id: ID!, $i: OrderCreationInput!) { configureOrderCreation(id: $id, input: $i) { id } }', {
      id,
      i: { includeComments: false, warehouseMappings: [{ unleashedWarehouseCode: 'AKL', warehouseId: warehouses.auckland.id }] },
    });
    await gql('mutation($id: ID!) { configureFulfilment(id: $id, input: { enabled: false }) { id } }', { id });
    await gql('mutation($id: ID!) { finishIntegration(id: $id) { id } }', { id });
    await t.services.orderSync.poll(id);
    await t.services.orderSync.poll(id);

    const sandboxCount = t.unleashed.callCounts(account.apiId).callsThisMonth;
    expect(sandboxCount).toBeGreaterThanOrEqual(5); // the credentials check, the warehouses, the polls
    const shown = await gql<{ integration: { unleashedCalls: { callsThisMonth: number; quota: number; remaining: number; projectedThisMonth: number } } }>(
      'query($id: ID!) { integration(id: $id) { unleashedCalls { callsThisMonth quota remaining projectedThisMonth } } }',
      { id },
    );
    expect(shown.integration.unleashedCalls).toMatchObject({ callsThisMonth: sandboxCount, quota: 40, remaining: 40 - sandboxCount });
    expect(shown.integration.unleashedCalls.projectedThisMonth).toBeGreaterThan(sandboxCount);

    await t.services.usage.flush();
    const stored = await t.services.orm.em.fork().getConnection().execute<{ calls: number }[]>(`select calls from unleashed_call_counts where integration_id = ?`, [id]);
    expect(stored.map((r) => Number(r.calls))).toEqual([sandboxCount]);
    const overview = await gql<{ overview: { unleashedCallsThisMonth: { callsThisMonth: number; integration: { id: string } }[] } }>(
      '{ overview(timeZone: "UTC") { unleashedCallsThisMonth { callsThisMonth integration { id } } } }',
    );
    expect(overview.overview.unleashedCallsThisMonth).toContainEqual({ callsThisMonth: sandboxCount, integration: { id } });
    // a projection above 40 calls: QUOTA_LOW (a notice)
    const open = async () => (await t.services.health.openCodes(t.services.orm.em.fork(), id)).includes(HealthConditionCode.QUOTA_LOW);
    expect(await open()).toBe(true);

    // with an allowance the month's pace fits in, the next write of counts clears it
    const roomy = new UnleashedUsage({ orm: t.services.orm, clock: t.services.clock, logger: createLogger('silent'), config: { UNLEASHED_MONTHLY_ALLOWANCE: 1_000_000 }, health: t.services.health });
    roomy.count(id);
    await roomy.close();
    expect(await open()).toBe(false);
  });
});
