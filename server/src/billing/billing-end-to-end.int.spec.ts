import { ManualClock } from '../common/clock.js';
import { makeDemoTenant, makeUnleashedAccount } from '../../test-support/factories.js';
import { startTestConveyor, type TestConveyor } from '../../test-support/test-conveyor.js';
import { BillingLine } from './billing-line.entity.js';

// Billing weeks (Monday 00:00 UTC)
const W1 = '2026-01-05T00:00:00.000Z';
const W2 = '2026-01-12T00:00:00.000Z';

/**
 * The billing path end to end (issue 16): an integration set up and deleted through GraphQL, weeks closed by
 * the real `billing.close-weeks` job run by the job scheduler of a worker — no line for a week in which it was
 * no longer active, one for each week it was active at any moment.
 */
describe('billing end to end: deleteIntegration through GraphQL, then the week-closing job', () => {
  const clock = new ManualClock(new Date('2026-01-07T09:00:00Z')); // a Wednesday of W1
  let t: TestConveyor;

  beforeAll(async () => {
    t = await startTestConveyor({ clock, env: { ROLE: 'all', SYNC_POLL_INTERVAL: '1 hour' } });
  });
  afterAll(async () => {
    await t.close();
  });

  /** Queues the week-closing job and waits until the scheduler has run it to the end. */
  async function runWeekClosingJob(): Promise<void> {
    const em = () => t.services.orm.em.fork();
    const finishedBefore = await lastFinished(em);
    await t.services.scheduler.now('billing.close-weeks', {});
    const deadline = Date.now() + 20_000;
    while ((await lastFinished(em)) <= finishedBefore) {
      if (Date.now() > deadline) throw new Error('the week-closing job did not run within 20 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  async function lastFinished(em: () => ReturnType<TestConveyor['services']['orm']['em']['fork']>): Promise<number> {
    const rows = await em()
      .getConnection()
      .execute<{ at: Date | null }[]>(`select max(last_finished_at) as at from agenda_jobs where name = 'billing.close-weeks' and data->>'integrationId' is null and repeat_interval is null`);
    return rows[0]?.at ? new Date(rows[0].at).getTime() : 0;
  }

  it('bills the weeks it was active, and no week after deleteIntegration', async () => {
    const { acme, warehouses } = await makeDemoTenant(t.services.orm.em.fork());
    const account = makeUnleashedAccount(t.unleashed);
    const admin = await t.issuer.admin();
    const gql = async <T,>(query: string, variables: Record<string, unknown>) => {
      const result = await t.gql<T>(query, variables, admin);
      expect(result.errors).toBeUndefined();
      return result.data!;
    };
    const { createIntegration } = await gql<{ createIntegration: { id: string } }>('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }', {
      i: { customerId: acme.id, name: 'Billed then deleted' },
    });
    const id = createIntegration.id;
    await gql('mutation($id: ID!, $i: AuthenticationInput!) { configureAuthentication(id: $id, input: $i) { id } }', { id, i: account });
    await gql('mutation($id: ID!, $i: OrderCreationInput!) { configureOrderCreation(id: $id, input: $i) { id } }', {
      id,
      i: { includeComments: false, defaultWarehouseId: warehouses.melbourne.id, warehouseMappings: [] },
    });
    await gql('mutation($id: ID!) { configureFulfilment(id: $id, input: { enabled: false }) { id } }', { id });
    await gql('mutation($id: ID!) { finishIntegration(id: $id) { status } }', { id }); // active from Wednesday of W1

    clock.set('2026-01-13T15:00:00Z'); // Tuesday of W2: still active for part of it
    const { deleteIntegration } = await gql<{ deleteIntegration: { status: string } }>('mutation($id: ID!) { deleteIntegration(id: $id) { status } }', { id });
    expect(deleteIntegration.status).toBe('DELETED');

    clock.set('2026-02-02T01:00:00Z'); // W1, W2, W3 and W4 have closed
    await runWeekClosingJob();
    const weeks = async () =>
      (await t.services.orm.em.fork().find(BillingLine, { integration: id }, { orderBy: { periodStart: 'asc' } })).map((l) => l.periodStart.toISOString());
    expect(await weeks()).toEqual([W1, W2]);

    clock.set('2026-03-02T01:00:00Z'); // weeks later: still nothing more
    await runWeekClosingJob();
    expect(await weeks()).toEqual([W1, W2]);
    const lines = await gql<{ billingLines: { integration: { id: string; status: string }; amountCents: number }[] }>(
      'query($c: ID) { billingLines(customerId: $c) { amountCents integration { id status } } }',
      { c: acme.id },
    );
    expect(lines.billingLines.filter((l) => l.integration.id === id)).toEqual([
      { amountCents: 1000, integration: { id, status: 'DELETED' } },
      { amountCents: 1000, integration: { id, status: 'DELETED' } },
    ]);
  }, 60_000);
});
