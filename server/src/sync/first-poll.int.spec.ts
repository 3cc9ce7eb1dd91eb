import { randomUUID } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ManualClock } from '../common/clock.js';
import { createLogger } from '../common/logger.js';
import { createMetrics } from '../common/metrics.js';
import { Integration } from '../integrations/integration.entity.js';
import { integrationJobKey, JOB_NAMES, type JobHandlers } from '../jobs/job-registry.js';
import { JobScheduler } from '../jobs/job-scheduler.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import { SyncRun } from '../runs/sync-run.entity.js';
import { SyncRunStatus } from '../runs/sync-run.enums.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { PRODUCTS, startSyncHarness, type SyncHarness } from '../../test-support/sync-harness.js';
import { orderPollJobs } from './order-poll.job.js';

/**
 * Issue 12 item 1: the first poll of a real account (years of history) reads the Placed orders and only
 * their shipments; later polls walk their window page by page, saving where they are, so a failure never
 * repeats the whole scan; id lists go to PostgreSQL as one array parameter; the job keeps its lock.
 */
let db: TestDatabase;
let harness: SyncHarness;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});
afterEach(async () => {
  await harness.close();
});

/** Live heap after a full collection (the paging memory test's measure). */
function liveHeap(): number {
  v8.setFlagsFromString('--expose_gc');
  (vm.runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

/** Completed orders, each with its Dispatched shipment (Order Management on): the account's history. */
function history(h: SyncHarness, apiId: string, count: number): void {
  for (let i = 0; i < count; i++) {
    h.unleashed.createOrder(apiId, {
      status: 'Completed',
      lines: [{ productCode: PRODUCTS[i % PRODUCTS.length]!, quantity: 1 + (i % 3), comments: `history line ${i} with a comment long enough to weigh something` }],
      shipments: [{ lines: [{ lineNumber: 1, quantity: 1 + (i % 3) }], status: 'Dispatched' }],
    });
  }
}

const shipmentRequests = (h: SyncHarness, apiId: string) => h.unleashed.requestLog.filter((r) => r.apiId === apiId && r.path.startsWith('/SalesShipments'));

describe('the first poll of an account with years of history', () => {
  it('syncs the 20 Placed orders of 20,000 completed ones in 21 Unleashed calls, holding one page at a time', async () => {
    const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
    harness = await startSyncHarness({ databaseUrl: db.url, orm: db.orm, clock, sync: {} });
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    history(harness, apiId, 20_000); // yesterday and before
    clock.advance(86_400_000);
    for (let i = 0; i < 20; i++) harness.order(apiId, { lines: [{ productCode: PRODUCTS[i % PRODUCTS.length]!, quantity: i + 1 }] });
    const oneShipment = JSON.stringify(harness.unleashed.store.shipmentsOf(harness.unleashed.account(apiId), [...harness.unleashed.account(apiId).orders.values()][0]!.Guid)[0]).length;
    harness.unleashed.resetCounters(apiId);

    const before = liveHeap();
    let peak = 0;
    let pages = 0;
    // after every Unleashed page: a point to weigh the live heap at (every fifth, to spare full collections)
    let samples = 0;
    const run = await harness.sync.poll(integration.id, undefined, {
      afterPage: async () => {
        if (++pages % 5 !== 1) return;
        samples++;
        peak = Math.max(peak, liveHeap() - before);
      },
    });

    expect(run).toMatchObject({ status: SyncRunStatus.SUCCEEDED, completed: 20 });
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(20);
    // 1 page of Placed orders + 1 shipment list per Placed order; never a listing of all shipments
    expect(harness.unleashedCalls(apiId)).toBe(21);
    expect(harness.unleashed.callCounts(apiId).byEndpoint).toEqual({ 'GET /SalesOrders': 1, 'GET /SalesShipments': 20 });
    expect(shipmentRequests(harness, apiId).every((r) => /orderNumber=/.test(r.query))).toBe(true);
    expect(harness.unleashed.requestLog.find((r) => r.path.startsWith('/SalesOrders'))!.query).toBe('orderStatus=Placed&pageSize=1000');
    // holding the history's shipments would keep 20,000 × their JSON size alive; the walk holds a page
    expect(samples).toBe(5); // weighed after pages 1, 6, 11, 16 and 21 (growth may even be negative: peak starts at 0)
    expect(peak).toBeLessThan(20_000 * oneShipment * 0.25);
    // the cursor is when the walk began: the next poll reads only what changed since (two calls)
    const stored = await harness.em().findOneOrFail(Integration, integration.id);
    expect(stored.orderCursor).toEqual(run!.startedAt);
    expect(stored.orderScan).toBeNull();
    clock.advance(60_000);
    harness.unleashed.resetCounters(apiId);
    await harness.sync.poll(integration.id);
    expect(harness.unleashedCalls(apiId)).toBe(2);
  }, 120_000);

  it('resumes a failed walk of the open orders with the orders not yet handled, keeping the cursor of its start', async () => {
    const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
    harness = await startSyncHarness({ databaseUrl: db.url, orm: db.orm, clock, sync: { pageSize: 5 } });
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    history(harness, apiId, 50);
    for (let i = 0; i < 20; i++) harness.order(apiId);
    harness.unleashed.resetCounters(apiId);
    let pages = 0;
    // Unleashed starts failing after the 8th page of the walk (order page 1, 5 orders' shipments, order page 2, 1 order's)
    const failing = await harness.sync.poll(integration.id, undefined, { afterPage: async () => void (++pages === 8 && harness.unleashed.setFaults({ errorRate: 1 })) });
    expect(failing).toMatchObject({ status: SyncRunStatus.PARTIAL, errors: expect.arrayContaining([{ reference: null, message: expect.stringMatching(/Reading Unleashed failed/) }]) });
    const began = failing!.startedAt!;
    expect((await harness.em().findOneOrFail(Integration, integration.id)).orderCursor).toBeNull();
    const handled = (await harness.rows(integration.id)).length;
    expect(handled).toBe(6); // 5 orders of the first page, 1 of the second

    harness.unleashed.clearFaults();
    clock.advance(5 * 60_000);
    const before = shipmentRequests(harness, apiId).filter((r) => r.status === 200).length;
    await harness.sync.poll(integration.id);
    // the 6 orders already handled are not read again: 14 shipment lists, not 20
    expect(shipmentRequests(harness, apiId).filter((r) => r.status === 200).length - before).toBe(14);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(20);
    const stored = await harness.em().findOneOrFail(Integration, integration.id);
    expect(stored.orderCursor).toEqual(began);
    expect(stored.orderScan).toBeNull();
  });

  it('walks a later window page by page: a failure resumes at the page it stopped at, and the cursor moves only when it is done', async () => {
    const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
    harness = await startSyncHarness({ databaseUrl: db.url, orm: db.orm, clock, sync: { pageSize: 5 } });
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    // 30 orders whose shipments are Parked drafts: waiting after the first poll
    const drafts = Array.from({ length: 30 }, () => harness.order(apiId, { shipments: [{ lines: [{ lineNumber: 1, quantity: 2 }], status: 'Parked' }] }));
    clock.advance(10 * 60_000); // placed longer ago than the overlap
    await harness.sync.poll(integration.id);
    const cursor = (await harness.em().findOneOrFail(Integration, integration.id)).orderCursor;
    expect((await harness.rows(integration.id)).every((r) => r.state === ShipmentState.AWAITING_SHIPMENT)).toBe(true);

    // all 30 are placed: a window of 30 shipments, 6 pages of 5 (their orders did not change since the overlap)
    clock.advance(10 * 60_000);
    for (const { shipments } of drafts) harness.unleashed.setShipmentStatus(apiId, shipments[0]!.Guid, 'Placed');
    clock.advance(60_000);
    harness.unleashed.resetCounters(apiId);
    let pages = 0;
    // the 4th shipment page fails (the orders page and 3 shipment pages were read)
    const failing = await harness.sync.poll(integration.id, undefined, { afterPage: async () => void (++pages === 4 && harness.unleashed.setFaults({ errorRate: 1 })) });
    // the 15 shipments read were still created
    expect(failing).toMatchObject({ status: SyncRunStatus.PARTIAL, completed: 15, errors: [{ reference: null, message: expect.stringMatching(/Reading Unleashed failed.*SalesShipments\/4/) }] });
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(15);
    const paused = await harness.em().findOneOrFail(Integration, integration.id);
    expect(paused.orderCursor).toEqual(cursor);
    expect(paused.orderScan).toMatchObject({ kind: 'window', nextPage: 4 });

    harness.unleashed.clearFaults();
    const seen = harness.unleashed.requestLog.length;
    await harness.sync.poll(integration.id);
    const resumed = harness.unleashed.requestLog.slice(seen).filter((r) => r.path.startsWith('/SalesShipments')).map((r) => r.path);
    expect(resumed).toEqual(['/SalesShipments/4', '/SalesShipments/5', '/SalesShipments/6']);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(30);
    const done = await harness.em().findOneOrFail(Integration, integration.id);
    expect(done.orderScan).toBeNull();
    expect(done.orderCursor!.getTime()).toBeGreaterThan(cursor!.getTime());
  });

  it('leaves the rest of a long window to the next poll once its call budget is used, and carries on from there', async () => {
    const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
    harness = await startSyncHarness({ databaseUrl: db.url, orm: db.orm, clock, sync: { pageSize: 5, unleashedCallBudget: 4 } });
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    const drafts = Array.from({ length: 30 }, () => harness.order(apiId, { shipments: [{ lines: [{ lineNumber: 1, quantity: 1 }], status: 'Parked' }] }));
    clock.advance(10 * 60_000); // placed longer ago than the overlap
    const budget = harness.worker({ pageSize: 5, unleashedCallBudget: 1_000 });
    await budget.poll(integration.id);
    clock.advance(10 * 60_000);
    for (const { shipments } of drafts) harness.unleashed.setShipmentStatus(apiId, shipments[0]!.Guid, 'Placed');
    clock.advance(60_000);
    const calls = harness.unleashedCalls(apiId);
    await harness.sync.poll(integration.id);
    expect(harness.unleashedCalls(apiId) - calls).toBe(4); // the orders page + 3 shipment pages
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(15);
    await harness.sync.poll(integration.id);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(30);
    expect((await harness.em().findOneOrFail(Integration, integration.id)).orderScan).toBeNull();
  });
});

describe('PostgreSQL parameters', () => {
  it('looks up 70,000 shipment ids in one array parameter (one bind each would pass 65,535 and fail)', async () => {
    harness = await startSyncHarness({ databaseUrl: db.url, orm: db.orm });
    const { integration, apiId } = await harness.createIntegration();
    const { order, shipments } = harness.order(apiId);
    await harness.sync.poll(integration.id);
    const ids = [...Array.from({ length: 70_000 }, () => randomUUID()), shipments[0]!.Guid];
    const found = await harness.deps().ledger.known(harness.em(), integration.id, { shipmentGuids: ids, orderNumbers: Array.from({ length: 70_000 }, (_, i) => `SO-${i}`) });
    expect(found.map((r) => r.unleashedOrderNumber)).toEqual([order.OrderNumber]);
  });
});

describe('the job keeps its lock while the poll works', () => {
  it('a poll that takes longer than the lock lifetime finishes as one run, never cancelled as expired', async () => {
    harness = await startSyncHarness({ databaseUrl: db.url, orm: db.orm, sync: { pageSize: 1 } });
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    for (let i = 0; i < 12; i++) harness.order(apiId);
    harness.unleashed.setFaults({ latencyMs: 200 }); // 12 order pages + 12 shipment lists ≈ 5 s: over two lock lifetimes
    // what the schedulers log: Agenda cancels a job whose lock expired and reports it as an error
    const schedulerErrors: string[] = [];
    const schedulerLog = { write: (line: string) => void schedulerErrors.push(line) };
    // two worker processes (each its own scheduler and OrderSync): the other takes a job whose lock expired
    const workers = [harness.sync, harness.worker()].map((sync) => {
      const scheduler = new JobScheduler({ databaseUrl: db.url, name: `lock-${randomUUID()}`, logger: createLogger('error', schedulerLog), metrics: createMetrics(), processEvery: 100, lockLifetimeMs: 2_000 });
      return { sync, scheduler };
    });
    // only orders.poll is scheduled here; a scheduler wants a handler for every job name
    const idle = Object.fromEntries(JOB_NAMES.map((name) => [name, async () => undefined])) as unknown as JobHandlers;
    const [{ scheduler }] = workers as [(typeof workers)[number]];
    try {
      for (const worker of workers) {
        await worker.scheduler.connect();
        worker.scheduler.define({ ...idle, ...orderPollJobs(worker.sync) });
        await worker.scheduler.start(60_000);
      }
      await scheduler.every('orders.poll', '1 hour', { integrationId: integration.id }, integrationJobKey(integration.id));
      const jobRow = async () =>
        (
          await harness.em().getConnection().execute<{ fail_reason: string | null; last_finished_at: string | null }[]>(
            `select fail_reason, last_finished_at from agenda_jobs where name = 'orders.poll' and data->>'integrationId' = ?`,
            [integration.id],
          )
        )[0];
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && (await harness.em().count(SyncRun, { integration: integration.id, status: { $in: [SyncRunStatus.SUCCEEDED, SyncRunStatus.PARTIAL, SyncRunStatus.FAILED] } })) === 0) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // the other worker would have taken an expired lock by now
      // without the scheduler's heartbeat: "execution of 'orders.poll' canceled, execution took more than 2000ms. Call touch() …"
      // (Agenda frees the worker's slot and the other worker locks the job again while the poll still runs)
      expect(schedulerErrors.filter((line) => /orders\.poll/.test(line))).toEqual([]);
      const runs = await harness.em().find(SyncRun, { integration: integration.id });
      expect(runs.map((r) => r.status)).toEqual([SyncRunStatus.SUCCEEDED]);
      expect(runs[0]!.finishedAt!.getTime() - runs[0]!.startedAt!.getTime()).toBeGreaterThan(4_000);
      expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(12);
      expect(await jobRow()).toMatchObject({ fail_reason: null, last_finished_at: expect.any(String) });
    } finally {
      for (const worker of workers) await worker.scheduler.stop();
    }
  }, 60_000);
});
