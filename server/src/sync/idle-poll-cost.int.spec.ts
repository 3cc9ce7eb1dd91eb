import { ManualClock } from '../common/clock.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { PRODUCTS, startSyncHarness, type SyncHarness } from '../../test-support/sync-harness.js';

/**
 * Issue 13: an idle poll costs 1–2 Unleashed calls whatever happened in the previous minutes. Measured on a
 * held-out run before: 4 calls after a burst of 300 orders (pages of 200 re-read for the 5-minute overlap).
 * Counted from the Unleashed sandbox's own request log.
 */
let db: TestDatabase;
let harness: SyncHarness;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await harness?.close();
  await db.drop();
});

describe('the cost of an idle poll', () => {
  it('is 2 calls right after a burst of 300 orders (the overlap re-read in one page each)', async () => {
    const clock = new ManualClock(new Date('2026-04-01T00:00:00Z'));
    harness = await startSyncHarness({ databaseUrl: db.url, orm: db.orm, clock });
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    await harness.sync.poll(integration.id); // the first poll: no open orders yet
    clock.advance(60_000);
    for (let i = 0; i < 300; i++) harness.order(apiId, { lines: [{ productCode: PRODUCTS[i % PRODUCTS.length]!, quantity: 1 }] });
    harness.unleashed.resetCounters(apiId);
    await harness.sync.poll(integration.id);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(300);
    expect(harness.unleashedCalls(apiId)).toBe(2); // one page of orders, one of shipments

    clock.advance(60_000); // the burst is inside the next window's 5-minute overlap
    harness.unleashed.resetCounters(apiId);
    await harness.sync.poll(integration.id);
    expect(harness.unleashed.requestLog.filter((r) => r.apiId === apiId).map((r) => r.path)).toEqual(['/SalesOrders/1', '/SalesShipments/1']);
    expect(harness.unleashedCalls(apiId)).toBe(2);
    expect(harness.saleOrders(cartonCloudCustomerId)).toHaveLength(300);
  }, 120_000);
});
