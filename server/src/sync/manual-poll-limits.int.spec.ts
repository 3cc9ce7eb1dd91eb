import { ManualClock } from '../common/clock.js';
import { Customer } from '../customers/customer.entity.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { AttentionCode } from '../ledger/attention.js';
import { SyncRun } from '../runs/sync-run.entity.js';
import { SyncRunStatus } from '../runs/sync-run.enums.js';
import { arrangedRow } from '../../test-support/attention-world.js';
import { startTestConveyor, type TestConveyor } from '../../test-support/test-conveyor.js';

const SYNC = `mutation($id: ID!) { syncNow(id: $id) { id status trigger } }`;
const RETRY = `mutation($ids: [ID!]!) { retryShipments(ids: $ids) { id state } }`;

/**
 * Issue 17 item 4: nothing a client can loop on grows without bound. `syncNow` and retries queue at most
 * one manual run per integration (asking again returns it), with a cooldown between runs a person asks for.
 * An API-only process: no worker starts the queued runs, so they stay QUEUED for the test to see.
 */
describe('manual polls are bounded', () => {
  const clock = new ManualClock(new Date());
  let t: TestConveyor;
  let admin: string;
  let integration: Integration;
  const runs = () => t.services.orm.em.fork().find(SyncRun, { integration: integration.id }, { orderBy: { createdAt: 'asc' } });
  const jobs = () => t.services.scheduler.scheduledCount('orders.poll', integration.id);
  /** what a worker does with the queued run: starts and finishes it */
  async function workerRuns(runId: string): Promise<void> {
    const em = t.services.orm.em.fork();
    const ref = await t.services.runs.start(em, { integrationId: integration.id, customerId: integration.customer.id }, (await em.findOneOrFail(SyncRun, runId)).kind, { trigger: 'manual', existingRunId: runId, now: clock.now() });
    expect(ref.id).toBe(runId);
    await t.services.runs.finish(em, ref, clock.now(), SyncRunStatus.SUCCEEDED);
  }

  beforeAll(async () => {
    t = await startTestConveyor({ clock, env: { ROLE: 'api', MANUAL_SYNC_COOLDOWN_SECONDS: '10' } });
    const em = t.services.orm.em.fork();
    const customer = em.create(Customer, { name: 'Acme', cartonCloudCustomerId: 'cc-acme', selfManagedIntegrationsAllowed: true });
    integration = em.create(Integration, { customer, name: 'Live', status: IntegrationStatus.ACTIVE, unleashedApiId: 'api-1', activatedAt: new Date() });
    await em.flush();
    admin = await t.issuer.admin();
  });
  afterAll(async () => {
    await t.close();
  });

  it('queues one run however often, and however concurrently, syncNow is asked while it waits', async () => {
    const first = await t.gql<{ syncNow: { id: string; status: string; trigger: string } }>(SYNC, { id: integration.id }, admin);
    expect(first.data!.syncNow).toMatchObject({ status: 'QUEUED', trigger: 'manual' });
    const again = await Promise.all(Array.from({ length: 8 }, () => t.gql<{ syncNow: { id: string } }>(SYNC, { id: integration.id }, admin)));
    for (const r of again) expect(r.data!.syncNow.id).toBe(first.data!.syncNow.id);
    expect((await runs()).map((r) => r.status)).toEqual(['QUEUED']);
    expect(await jobs()).toBe(1);
  });

  it('refuses syncNow within the cooldown after a run, saying when to try again, then queues one', async () => {
    const [queued] = await runs();
    clock.advance(2_000);
    await workerRuns(queued!.id);
    const refused = await t.gql(SYNC, { id: integration.id }, admin);
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id', retryAfterSeconds: 8, retryAt: new Date(queued!.createdAt.getTime() + 10_000).toISOString() });
    expect(refused.errors?.[0]?.message).toBe('This integration was synced moments ago. Try again in 8 seconds.');
    expect(await runs()).toHaveLength(1);
    clock.advance(8_000);
    const next = await t.gql<{ syncNow: { id: string; status: string } }>(SYNC, { id: integration.id }, admin);
    expect(next.errors).toBeUndefined();
    expect(next.data!.syncNow.id).not.toBe(queued!.id);
    expect((await runs()).map((r) => r.status)).toEqual(['SUCCEEDED', 'QUEUED']);
    expect(await jobs()).toBe(2);
    await workerRuns(next.data!.syncNow.id);
  });

  it('does not refuse a retry within the cooldown: the rows go back to PENDING and one run is queued for its end', async () => {
    const since = clock.now();
    const a = await arrangedRow(t, integration.id, { reference: 'SO-1 | SS-1', state: 'REJECTED', attention: AttentionCode.REJECTED, since, lastError: 'Product not found' });
    const b = await arrangedRow(t, integration.id, { reference: 'SO-2 | SS-1', state: 'FAILED', attention: AttentionCode.CREATE_FAILED, since });
    const jobsBefore = await jobs();
    const first = await t.gql<{ retryShipments: { state: string }[] }>(RETRY, { ids: [a] }, admin);
    expect(first.errors).toBeUndefined();
    expect(first.data!.retryShipments).toEqual([{ id: a, state: 'PENDING' }]);
    const second = await t.gql<{ retryShipments: { state: string }[] }>(RETRY, { ids: [b] }, admin);
    expect(second.errors).toBeUndefined();
    const all = await runs();
    expect(all.map((r) => [r.status, r.trigger])).toEqual([['SUCCEEDED', 'manual'], ['SUCCEEDED', 'manual'], ['QUEUED', 'retry']]);
    expect(await jobs()).toBe(jobsBefore + 1);
    // syncNow meanwhile returns that queued run rather than being refused or queueing another
    const sync = await t.gql<{ syncNow: { id: string } }>(SYNC, { id: integration.id }, admin);
    expect(sync.data!.syncNow.id).toBe(all[2]!.id);
    // the job waits for the end of the cooldown (10 s after the last run a person asked for)
    const [job] = await t.services.orm.em.getConnection().execute<{ next_run_at: Date }[]>(
      `select next_run_at from agenda_jobs where name = 'orders.poll' and data->>'runId' = ?`,
      [all[2]!.id],
    );
    expect(new Date(job!.next_run_at).getTime()).toBe(all[1]!.createdAt.getTime() + 10_000);
  });

  it('replaces a queued run no worker started within ten minutes, closing it with the reason', async () => {
    clock.advance(11 * 60_000);
    const stale = (await runs()).at(-1)!;
    const fresh = await t.gql<{ syncNow: { id: string; status: string } }>(SYNC, { id: integration.id }, admin);
    expect(fresh.errors).toBeUndefined();
    expect(fresh.data!.syncNow.id).not.toBe(stale.id);
    const closed = await t.services.orm.em.fork().findOneOrFail(SyncRun, stale.id);
    expect(closed.status).toBe(SyncRunStatus.FAILED);
    expect(closed.errors).toEqual([{ reference: null, message: 'No worker started this sync within 10 minutes; a new one was queued.' }]);
    // a worker that picks the closed run's job up later starts a run of its own rather than reviving it
    const em = t.services.orm.em.fork();
    const ref = await t.services.runs.start(em, { integrationId: integration.id, customerId: integration.customer.id }, closed.kind, { trigger: 'manual', existingRunId: stale.id, now: clock.now() });
    expect(ref.id).not.toBe(stale.id);
  });
});
