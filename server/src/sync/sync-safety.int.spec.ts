import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ManualClock } from '../common/clock.js';
import { Integration } from '../integrations/integration.entity.js';
import { syncIntegrationSchedule } from '../integrations/integration-schedule.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { CREDENTIALS_REJECTED_MESSAGE, POLL_OVERDUE_MESSAGE } from '../integrations/integration-health.js';
import { DELETED_BEFORE_SENT } from '../ledger/shipment-source.js';
import { DELETED_AFTER_SENT } from './sale-order.mapper.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import { AttentionCode } from '../ledger/attention.js';
import { SyncRunStatus } from '../runs/sync-run.enums.js';
import { startSyncHarness, type SyncHarness, type SyncHarnessOptions } from '../../test-support/sync-harness.js';
import { openConditions } from '../../test-support/health-conditions.js';

const CREATE = 'POST /tenants/{t}/outbound-orders';
const SEARCH = 'POST /tenants/{t}/outbound-orders/search';
let db: TestDatabase;
const harnesses: SyncHarness[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  while (harnesses.length) await harnesses.pop()!.close();
});
afterAll(async () => {
  await db.drop();
});

async function start(options: Partial<SyncHarnessOptions> = {}): Promise<SyncHarness> {
  const harness = await startSyncHarness({ databaseUrl: db.url, orm: db.orm, ...options });
  harnesses.push(harness);
  return harness;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(20);
  }
}
const references = (orders: Record<string, unknown>[]) => orders.map((o) => (o.references as { customer: string }).customer).sort();
const creates = (harness: SyncHarness) => harness.cartonCloud.stats().calls[CREATE] ?? 0;

function spawnWorker(harness: SyncHarness, integrationId: string): { child: ChildProcess; exited: Promise<void>; ready: Promise<void> } {
  const input = {
    databaseUrl: db.url,
    unleashedUrl: harness.unleashedUrl,
    cartonCloudUrl: harness.cartonCloudUrl,
    secretKeyHex: harness.secretKey.toString('hex'),
    integrationId,
  };
  const child = spawn(process.execPath, [path.join(__dirname, '../../test-support/sync-kill.child.cjs'), JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) resolve();
    });
    child.once('exit', () => reject(new Error(`worker exited before it was ready: ${output}`)));
  });
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exited, ready };
}

describe('order sync: a shipment is created in CartonCloud exactly once', () => {
  it('adopts the order a worker created before it died between "claimed" and "created", without a second create', async () => {
    const harness = await start();
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    harness.order(apiId);
    await harness.sync.poll(integration.id);
    const [row] = await harness.rows(integration.id);
    // the worker had sent the create and died before writing the answer
    await harness.em().getConnection().execute(`update synced_shipments set state = 'CLAIMED', carton_cloud_order_id = null where id = ?`, [row!.id]);
    harness.order(apiId);
    await harness.worker().poll(integration.id);
    const rows = await harness.rows(integration.id);
    expect(rows.map((r) => r.state)).toEqual([ShipmentState.CREATED, ShipmentState.CREATED]);
    expect(rows[0]!.cartonCloudOrderId).toBe(row!.cartonCloudOrderId);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(2);
    expect(harness.createCalls()).toMatchObject({ shipments: 2, maxPerShipment: 1 });
  });

  it('creates a shipment whose worker died after claiming it but before sending the create', async () => {
    const harness = await start();
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    harness.order(apiId);
    await harness.sync.poll(integration.id); // token cached
    harness.order(apiId);
    harness.cartonCloud.setFaults({ errorBurst: 1 }); // the second shipment's create never reaches CartonCloud's create
    await harness.sync.poll(integration.id);
    const row = (await harness.rows(integration.id))[1]!;
    expect(row.state).toBe(ShipmentState.PENDING);
    // a worker claimed it again and died before sending anything
    await harness.em().getConnection().execute(`update synced_shipments set state = 'CLAIMED', next_attempt_at = null where id = ?`, [row.id]);
    await harness.sync.poll(integration.id);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(2);
    expect((await harness.rows(integration.id)).every((r) => r.state === ShipmentState.CREATED)).toBe(true);
    expect(harness.createCalls()).toMatchObject({ shipments: 2, maxPerShipment: 1 });
  });

  it('a worker process killed with SIGKILL in the middle of a create, then a restart: one sale order per shipment, none lost', async () => {
    const harness = await start();
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    for (let i = 0; i < 3; i++) harness.order(apiId);
    harness.cartonCloud.setFaults({ latencyMs: 1500 });
    const worker = spawnWorker(harness, integration.id);
    await worker.ready;
    await until(() => creates(harness) >= 1, 20_000);
    worker.child.kill('SIGKILL');
    await worker.exited;
    expect((await harness.rows(integration.id)).filter((r) => r.state === ShipmentState.CLAIMED)).toHaveLength(1);
    await sleep(1700); // the create the dead worker sent still lands in CartonCloud
    harness.cartonCloud.setFaults({ latencyMs: 0 });
    await harness.sync.poll(integration.id);
    const rows = await harness.rows(integration.id);
    expect(rows.map((r) => r.state)).toEqual([ShipmentState.CREATED, ShipmentState.CREATED, ShipmentState.CREATED]);
    expect(references(harness.saleOrders(cartonCloudCustomerId))).toEqual(rows.map((r) => r.customerReference).sort());
    // CartonCloud allows duplicate references: the create log is what shows a second create
    expect(harness.createCalls()).toMatchObject({ shipments: 3, maxPerShipment: 1 });
  }, 60_000);

  it('workers killed at several points (reading, claiming, creating) and restarted: still exactly one sale order per shipment', async () => {
    const harness = await start();
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    for (let i = 0; i < 8; i++) harness.order(apiId);
    harness.unleashed.setFaults({ latencyMs: 40 });
    harness.cartonCloud.setFaults({ latencyMs: 120 });
    for (const afterMs of [30, 250, 600, 900]) {
      const worker = spawnWorker(harness, integration.id);
      await worker.ready;
      await sleep(afterMs);
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    await sleep(200);
    harness.unleashed.setFaults({ latencyMs: 0 });
    harness.cartonCloud.setFaults({ latencyMs: 0 });
    await harness.sync.poll(integration.id);
    const rows = await harness.rows(integration.id);
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.state === ShipmentState.CREATED)).toBe(true);
    expect(references(harness.saleOrders(cartonCloudCustomerId))).toEqual(rows.map((r) => r.customerReference).sort());
    expect(harness.createCalls()).toMatchObject({ shipments: 8, maxPerShipment: 1 });
  }, 90_000);

  it('two workers polling the same integration at once create each shipment once', async () => {
    const harness = await start();
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    for (let i = 0; i < 25; i++) harness.order(apiId);
    harness.cartonCloud.setFaults({ latencyMs: 5 });
    const [a, b] = [harness.worker(), harness.worker()];
    await Promise.all([a.poll(integration.id), b.poll(integration.id), a.poll(integration.id), b.poll(integration.id)]);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(25);
    expect(new Set(references(harness.saleOrders(cartonCloudCustomerId))).size).toBe(25);
    expect(harness.createCalls()).toMatchObject({ total: 25, shipments: 25, maxPerShipment: 1 });
  });

  it('retries a temporary CartonCloud failure after its backoff, searching first', async () => {
    const harness = await start({ sync: { backoffMs: () => 0, maxAttempts: 3 } });
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    harness.order(apiId);
    await harness.sync.poll(integration.id); // token cached
    harness.order(apiId);
    harness.cartonCloud.setFaults({ errorBurst: 1 });
    const run = await harness.sync.poll(integration.id);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(2);
    expect(run!.errors.some((e) => /503.*will retry/.test(e.message))).toBe(true);
    expect((await harness.rows(integration.id))[1]).toMatchObject({ state: ShipmentState.CREATED, attempts: 2 });
    expect(harness.cartonCloud.stats().calls[SEARCH]).toBe(1);
    expect(harness.createCalls()).toMatchObject({ shipments: 2, maxPerShipment: 1 });
  });

  it('fails a shipment after the attempt limit when CartonCloud keeps failing that one order (and answers the rest): no pause', async () => {
    const harness = await start({ sync: { backoffMs: () => 0, maxAttempts: 3 } });
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    const { order, shipments } = harness.order(apiId);
    harness.order(apiId);
    const reference = `${order.OrderNumber} | ${shipments[0]!.ShipmentNumber}`;
    harness.cartonCloud.setFaults({ failingReferences: [reference] });
    await harness.sync.poll(integration.id);
    const [failed, created] = await harness.rows(integration.id);
    expect(failed).toMatchObject({ customerReference: reference, state: ShipmentState.FAILED, attempts: 3, attention: AttentionCode.CREATE_FAILED });
    expect(failed!.lastError).toMatch(/500/);
    expect(created!.state).toBe(ShipmentState.CREATED);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(1);
    // every retry searched first and CartonCloud answered the searches: no outage, nothing paused
    expect(await openConditions(harness.em(), null)).toEqual({});
  });

  it('waits out a temporary failure with nextAttemptAt, and skips a shipment whose order is deleted before it is sent', async () => {
    const harness = await start();
    const { integration, apiId } = await harness.createIntegration();
    harness.order(apiId);
    await harness.sync.poll(integration.id);
    const { order } = harness.order(apiId);
    harness.cartonCloud.setFaults({ errorBurst: 1 });
    await harness.sync.poll(integration.id);
    const waiting = (await harness.rows(integration.id))[1]!;
    expect(waiting.state).toBe(ShipmentState.PENDING);
    expect(waiting.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    harness.unleashed.deleteOrder(apiId, order.Guid);
    await harness.sync.poll(integration.id);
    expect((await harness.rows(integration.id))[1]).toMatchObject({ state: ShipmentState.SKIPPED, lastError: DELETED_BEFORE_SENT });
  });
});

describe('order sync: drift after an order was sent', () => {
  it('records an edit and a deletion in Unleashed on the shipment, and never creates again', async () => {
    const harness = await start();
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    const edited = harness.order(apiId);
    const deleted = harness.order(apiId);
    await harness.sync.poll(integration.id);
    harness.unleashed.editOrder(apiId, edited.order.Guid, { delivery: { streetAddress: '99 Other Rd' } });
    harness.unleashed.deleteOrder(apiId, deleted.order.Guid);
    await harness.sync.poll(integration.id);
    const rows = await harness.rows(integration.id);
    expect(rows[0]!.drift).toMatch(/delivery address changed/);
    expect(rows[1]!.drift).toBe(DELETED_AFTER_SENT);
    expect(rows.map((r) => r.state)).toEqual([ShipmentState.CREATED, ShipmentState.CREATED]);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(2);
    expect(harness.createCalls()).toMatchObject({ shipments: 2, maxPerShipment: 1 });
  });
});

describe('order sync: the shared CartonCloud create limit', () => {
  it('keeps two workers together under the limit: 30 creates at 10 per second, no 429', async () => {
    const harness = await start({ cartonCloud: { createRateLimit: { limit: 10, windowMs: 1000 } }, env: { CARTONCLOUD_CREATE_RATE_PER_MINUTE: '600' } });
    const first = await harness.createIntegration();
    const second = await harness.createIntegration();
    for (let i = 0; i < 15; i++) {
      harness.order(first.apiId);
      harness.order(second.apiId);
    }
    const started = Date.now();
    await Promise.all([harness.worker().poll(first.integration.id), harness.worker().poll(second.integration.id)]);
    expect(harness.saleOrders(first.cartonCloudCustomerId)).toHaveLength(15);
    expect(harness.saleOrders(second.cartonCloudCustomerId)).toHaveLength(15);
    expect(harness.createCalls()).toMatchObject({ shipments: 30, maxPerShipment: 1 });
    expect(harness.cartonCloud.stats().rateLimited).toBe(0);
    // 30 evenly spaced slots at 10/s (+5 %) cannot take less than 29 spacings
    expect(Date.now() - started).toBeGreaterThanOrEqual(29 * 100);
  }, 30_000);
});

describe('order sync: integration health', () => {
  it('stops polling and says so on the integration when Unleashed refuses the credentials', async () => {
    const harness = await start();
    const { integration, apiId } = await harness.createIntegration({ apiKeyOverride: 'not-the-key' });
    await syncIntegrationSchedule(harness.deps().scheduler, harness.config, integration);
    expect(await harness.deps().scheduler.scheduledCount('orders.poll', integration.id)).toBe(1);
    const run = await harness.sync.poll(integration.id);
    expect(run!.status).toBe(SyncRunStatus.FAILED);
    expect(run!.errors[0]!.message).toContain(CREDENTIALS_REJECTED_MESSAGE);
    const stored = await harness.em().findOneOrFail(Integration, integration.id);
    expect(stored.credentialsRejectedAt).not.toBeNull();
    expect((await openConditions(harness.em(), integration.id)).CREDENTIALS_REJECTED).toBe(CREDENTIALS_REJECTED_MESSAGE);
    expect(await harness.deps().scheduler.scheduledCount('orders.poll', integration.id)).toBe(0);
    const calls = harness.unleashedCalls(apiId);
    expect(await harness.sync.poll(integration.id)).toBeNull();
    expect(harness.unleashedCalls(apiId)).toBe(calls);
  });

  it('the watchdog flags an integration with no poll in three intervals, re-creates its schedule, and the next poll clears the flag', async () => {
    const clock = new ManualClock(new Date());
    const harness = await start({ clock });
    const { integration } = await harness.createIntegration();
    expect(await harness.deps().scheduler.scheduledCount('orders.poll', integration.id)).toBe(0);
    clock.advance(3 * harness.config.pollIntervalMs - 1000);
    expect((await harness.sync.watchdog()).flagged).not.toContain(integration.id);
    clock.advance(2000);
    const report = await harness.sync.watchdog();
    expect(report.flagged).toContain(integration.id);
    expect(report.repaired).toContain(integration.id);
    expect(await harness.deps().scheduler.scheduledCount('orders.poll', integration.id)).toBe(1);
    expect((await openConditions(harness.em(), integration.id)).POLL_OVERDUE).toBe(POLL_OVERDUE_MESSAGE);
    await harness.sync.poll(integration.id);
    expect(await openConditions(harness.em(), integration.id)).toEqual({});
  });
});
