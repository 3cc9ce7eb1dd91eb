import { ManualClock } from '../common/clock.js';
import { FulfilmentService } from '../fulfilment/fulfilment.service.js';
import { HEALTH_CONDITIONS, HealthConditionCode, HealthSeverity } from '../integrations/health-conditions.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationHealth as HealthBadge } from '../integrations/integration.enums.js';
import { CREDENTIALS_REJECTED_MESSAGE } from '../integrations/integration-health.js';
import { healthOf } from '../integrations/integration-state.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import type { UnleashedSandboxOptions } from '../providers/unleashed/sandbox/unleashed.sandbox.js';
import { SyncRunStatus } from '../runs/sync-run.enums.js';
import { openConditions } from '../../test-support/health-conditions.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { startSyncHarness, type SyncHarness } from '../../test-support/sync-harness.js';

/**
 * Issue 12 items 3–5 against the realistic sandbox: shipments without OrderGuid join their order by number;
 * the decoded query is signed (so `:`/`,` and order numbers that need encoding work); a 403 is checked once
 * more before the integration stops, and a used-up monthly allowance pauses polling until the 1st.
 */
let db: TestDatabase;
let harness: SyncHarness;
let clock: ManualClock;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});
afterEach(async () => {
  await harness?.close();
});

async function start(unleashed: Partial<UnleashedSandboxOptions> = {}) {
  clock = new ManualClock(new Date('2026-03-30T22:00:00Z'));
  harness = await startSyncHarness({ databaseUrl: db.url, orm: db.orm, clock, unleashed });
  return harness;
}
const references = (orders: Record<string, unknown>[]) => orders.map((o) => (o as { references: { customer: string } }).references.customer).sort();
const requestsSince = (h: SyncHarness, apiId: string, from: number) => h.unleashed.requestLog.slice(from).filter((r) => r.apiId === apiId);

describe('joining shipments to their orders (item 3)', () => {
  it.each([
    ['without OrderGuid (as recorded responses): by OrderNumber', false, /^\/SalesOrders\/1$/, /^orderNumber=/],
    ['with OrderGuid: by Guid', true, /^\/SalesOrders\/[0-9a-f-]{36}$/, /^$/],
  ])('a new shipment of an order that did not change is joined %s', async (_name, includeOrderGuid, path, query) => {
    await start({ includeOrderGuid });
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    const { order, shipments } = harness.order(apiId, { lines: [{ productCode: 'TENT-2P', quantity: 3 }], shipments: [{ lines: [{ lineNumber: 1, quantity: 1 }] }] });
    await harness.sync.poll(integration.id);
    clock.advance(10 * 60_000);
    harness.order(apiId); // another order: the cursor moves on, and the first order is now older than the overlap
    await harness.sync.poll(integration.id);

    const second = harness.unleashed.addShipment(apiId, order.Guid, { lines: [{ lineNumber: 1, quantity: 2 }] });
    clock.advance(60_000);
    const from = harness.unleashed.requestLog.length;
    await harness.sync.poll(integration.id);
    expect(references(harness.saleOrders(cartonCloudCustomerId))).toEqual(expect.arrayContaining([`${order.OrderNumber} | ${shipments[0]!.ShipmentNumber}`, `${order.OrderNumber} | ${second.ShipmentNumber}`]));
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(3);
    const orderReads = requestsSince(harness, apiId, from).filter((r) => r.path.startsWith('/SalesOrders') && !/orderStatus=/.test(r.query));
    expect(orderReads).toHaveLength(1);
    expect(orderReads[0]).toMatchObject({ path: expect.stringMatching(path), query: expect.stringMatching(query), status: 200 });
    // the row carries the order's data as Unleashed has it (joined, not guessed)
    const row = (await harness.rows(integration.id)).find((r) => r.unleashedShipmentNumber === second.ShipmentNumber)!;
    expect(row.source).toMatchObject({ orderGuid: order.Guid, orderNumber: order.OrderNumber, delivery: { name: 'Bush Walkers Ltd' }, lines: [{ code: 'TENT-2P', quantity: 2 }] });
  });
});

describe('signing the decoded query (item 4)', () => {
  it('polls an account whose order numbers need encoding, and every later window, without a single 403', async () => {
    await start();
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    harness.order(apiId, { orderNumber: 'DTC#13633 & Co', shipments: [] });
    await harness.sync.poll(integration.id); // the open orders: its shipments read by orderNumber
    clock.advance(60_000);
    const { order, shipments } = harness.order(apiId, { orderNumber: 'WEB+42/1' });
    clock.advance(60_000);
    await harness.sync.poll(integration.id); // a window: modifiedSince with its colons
    expect(references(harness.saleOrders(cartonCloudCustomerId))).toEqual([`${order.OrderNumber} | ${shipments[0]!.ShipmentNumber}`]);
    const log = harness.unleashed.requestLog.filter((r) => r.apiId === apiId);
    expect(log.filter((r) => r.status !== 200)).toEqual([]);
    expect(log.map((r) => r.query)).toEqual(
      expect.arrayContaining([
        'orderNumber=DTC%2313633%20%26%20Co&pageSize=1000',
        expect.stringMatching(/^orderStatus=Placed,Deleted&modifiedSince=2026-03-30T21:\d\d:\d\d&pageSize=1000$/),
      ]),
    );
    expect((await harness.rows(integration.id)).map((r) => r.customerReference).sort()).toEqual(['DTC#13633 & Co', `WEB+42/1 | ${shipments[0]!.ShipmentNumber}`]);
  });
});

describe('a 403 is not always bad credentials (item 5)', () => {
  it('checks once more: a refused request whose check is accepted does not stop the integration (CREDENTIALS_SUSPECT until a poll succeeds)', async () => {
    await start();
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    await harness.sync.poll(integration.id);
    harness.order(apiId);
    clock.advance(60_000);
    harness.unleashed.setFaults({ forbiddenBurst: 1 });
    const from = harness.unleashed.requestLog.length;
    const refused = await harness.sync.poll(integration.id);

    expect(refused).toMatchObject({ status: SyncRunStatus.FAILED, errors: [{ reference: null, message: expect.stringMatching(/refused a request .* but not the credentials check/) }] });
    expect(requestsSince(harness, apiId, from).map((r) => [r.path, r.status])).toEqual([
      ['/SalesOrders/1', 403],
      ['/Warehouses', 200], // the check, after a short wait
    ]);
    const stored = await harness.em().findOneOrFail(Integration, integration.id);
    expect(stored.credentialsRejectedAt).toBeNull();
    const open = await openConditions(harness.em(), integration.id);
    expect(Object.keys(open)).toEqual([HealthConditionCode.CREDENTIALS_SUSPECT]);
    expect(open.CREDENTIALS_SUSPECT).toMatch(/checked once more and not refused/);

    await harness.sync.poll(integration.id);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(1);
    expect(await openConditions(harness.em(), integration.id)).toEqual({});
  });

  it('stops the integration only when the check is refused too (the key was replaced in Unleashed)', async () => {
    await start();
    const { integration, apiId } = await harness.createIntegration();
    await harness.sync.poll(integration.id);
    harness.unleashed.account(apiId).apiKey = 'a-new-key-issued-in-unleashed';
    clock.advance(60_000);
    const from = harness.unleashed.requestLog.length;
    const run = await harness.sync.poll(integration.id);
    expect(run!.status).toBe(SyncRunStatus.FAILED);
    expect(run!.errors[0]!.message).toContain(CREDENTIALS_REJECTED_MESSAGE);
    expect(requestsSince(harness, apiId, from).map((r) => [r.path, r.status])).toEqual([
      ['/SalesOrders/1', 403],
      ['/Warehouses', 403],
    ]);
    expect((await harness.em().findOneOrFail(Integration, integration.id)).credentialsRejectedAt).not.toBeNull();
    expect(Object.keys(await openConditions(harness.em(), integration.id))).toEqual([HealthConditionCode.CREDENTIALS_REJECTED]);
  });

  it.each([
    ['403 (the default: the status of a refused signature)', 403 as const],
    ['429', 429 as const],
  ])('a used-up monthly allowance answered %s pauses polling until 00:00 UTC on the 1st, never overdue, and resumes by itself', async (_name, quotaStatus) => {
    await start({ quotaStatus });
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration({ monthlyQuota: 3, fulfilment: true });
    await harness.sync.poll(integration.id); // 1 call
    harness.order(apiId);
    clock.advance(60_000);
    await harness.sync.poll(integration.id); // 2 calls: the allowance is used up
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(1);
    harness.order(apiId);
    clock.advance(60_000);

    const blocked = await harness.sync.poll(integration.id);
    const until = new Date('2026-04-01T00:00:00Z');
    expect(blocked).toMatchObject({ status: SyncRunStatus.FAILED, errors: [{ reference: null, message: expect.stringMatching(/allowance is used up: polling is paused until 2026-04-01T00:00:00.000Z/) }] });
    const condition = await harness.deps().health.open(harness.em(), integration.id, HealthConditionCode.QUOTA_EXHAUSTED);
    expect(condition).toMatchObject({ until });
    expect(HEALTH_CONDITIONS[HealthConditionCode.QUOTA_EXHAUSTED].severity).toBe(HealthSeverity.PAUSED);
    expect(Object.keys(await openConditions(harness.em(), integration.id))).toEqual([HealthConditionCode.QUOTA_EXHAUSTED]);
    const stored = await harness.em().findOneOrFail(Integration, integration.id);
    expect(stored.credentialsRejectedAt).toBeNull();
    expect(healthOf(stored, true, clock.now(), harness.config.pollIntervalMs, true)).toBe(HealthBadge.PAUSED);

    // while paused: no Unleashed call at all (every one would be refused), no fulfilment pass, never overdue
    const log = harness.unleashed.requestLog.length;
    for (let i = 0; i < 5; i++) {
      clock.advance(harness.config.pollIntervalMs);
      expect(await harness.sync.poll(integration.id)).toBeNull();
      expect(await new FulfilmentService(harness.deps()).runPass(integration.id)).toBeNull();
      expect((await harness.sync.watchdog()).flagged).not.toContain(integration.id);
    }
    expect(harness.unleashed.requestLog.length).toBe(log);

    // the 1st, 00:00 UTC: the allowance renews, the next poll works and the pause is over
    clock.set(until);
    expect((await harness.sync.watchdog()).flagged).not.toContain(integration.id);
    const resumed = await harness.sync.poll(integration.id);
    expect(resumed!.status).toBe(SyncRunStatus.SUCCEEDED);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(2);
    expect(await openConditions(harness.em(), integration.id)).toEqual({});
    expect((await harness.rows(integration.id)).every((r) => r.state === ShipmentState.CREATED)).toBe(true);
  });

  it('looks again an hour later when Unleashed still refuses after the renewal should have happened', async () => {
    await start();
    const { integration, apiId } = await harness.createIntegration({ monthlyQuota: 0 });
    await harness.sync.poll(integration.id);
    const first = await harness.deps().health.open(harness.em(), integration.id, HealthConditionCode.QUOTA_EXHAUSTED);
    expect(first!.until).toEqual(new Date('2026-04-01T00:00:00Z'));
    clock.set(first!.until!);
    harness.unleashed.updateAccount(apiId, { monthlyQuota: 0 }); // a new month, still nothing allowed
    await harness.sync.poll(integration.id);
    const again = await harness.deps().health.open(harness.em(), integration.id, HealthConditionCode.QUOTA_EXHAUSTED);
    expect(again!.until).toEqual(new Date('2026-04-01T01:00:00Z'));
  });
});
