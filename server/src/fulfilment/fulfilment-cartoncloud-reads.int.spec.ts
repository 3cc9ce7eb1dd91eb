import { Integration } from '../integrations/integration.entity.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import { CONSIGNMENT_SEARCH_ROLE } from '../providers/cartoncloud/cartoncloud.client.js';
import { SyncRunStatus } from '../runs/sync-run.enums.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { openConditions } from '../../test-support/health-conditions.js';
import { startFulfilmentHarness, type FulfilmentHarness, type SentOrder } from '../../test-support/fulfilment-harness.js';
import { SAFETY_SWEEP_EVERY_MS, SWEEP_REFERENCES_PER_SEARCH, sweepCreatedOrders } from './fulfilment-sweep.js';

/**
 * Issue 12 item 12: finding dispatched orders relies on the undocumented `/status` pointer and on a
 * DateTime comparison one client says does not work — when CartonCloud refuses either, fulfilment reads
 * the integration's open orders back by reference; and a CartonCloud API client without "TMS View Jobs"
 * (403 on the consignment search) does not stop the status and date write-back.
 */
let db: TestDatabase;
let harness: FulfilmentHarness;

afterEach(async () => {
  await harness.close();
  await db.drop();
});

async function start(cartonCloud: Parameters<typeof startFulfilmentHarness>[0]['cartonCloud'] = {}) {
  db = await createTestDatabase();
  harness = await startFulfilmentHarness({ databaseUrl: db.url, orm: db.orm, cartonCloud: { createRateLimit: false, ...cartonCloud } });
}

const SEARCH = 'POST /tenants/{t}/outbound-orders/search';
const CONSIGNMENTS = 'POST /tenants/{t}/consignments/search';
const ccCalls = (route: string) => harness.cartonCloud.stats().calls[route] ?? 0;

describe('fulfilment: CartonCloud refuses the dispatched-order search', () => {
  it.each([
    ['the /status pointer', { refuseStatusPointer: true }],
    ['DateTime comparisons', { refuseDateTimeComparisons: true }],
  ])('when it refuses %s, finds the dispatches by reading the open orders back by reference, and writes them', async (_what, refusal) => {
    await start(refusal);
    const { integration, apiId } = await harness.createIntegration();
    const dispatched = await harness.sendOrder(integration);
    const waiting = await harness.sendOrder(integration);
    harness.clock.advance(60_000);
    harness.dispatch(dispatched, { trackingNumber: 'ST-1' });
    harness.cartonCloud.resetStats();

    const run = await harness.service.runPass(integration.id);

    expect(run).toMatchObject({ status: SyncRunStatus.SUCCEEDED, completed: 1, failed: 0 });
    expect(harness.unleashed.getShipment(apiId, dispatched.shipmentGuid)).toMatchObject({ ShipmentStatus: 'Dispatched', TrackingNumber: 'ST-1' });
    expect((await harness.row(waiting)).state).toBe(ShipmentState.CREATED);
    // the refused search, then one search for both open orders (documented pointers only)
    expect(ccCalls(SEARCH)).toBe(2);
    expect((await harness.reloadIntegration(integration.id)).fulfilmentCursor).toBeNull(); // the fallback does not move the cursor

    // once CartonCloud accepts the search again, it is used again
    harness.cartonCloud.setSearchRefusals({ refuseStatusPointer: false, refuseDateTimeComparisons: false });
    harness.clock.advance(60_000);
    harness.dispatch(waiting);
    harness.cartonCloud.resetStats();
    await harness.service.runPass(integration.id);
    expect(ccCalls(SEARCH)).toBe(1);
    expect(harness.unleashed.getShipment(apiId, waiting.shipmentGuid).ShipmentStatus).toBe('Dispatched');
  });

  it('reads open orders 50 references per search (⌈open / 50⌉ searches), only those this integration created', async () => {
    await start({ refuseStatusPointer: true });
    const { integration, apiId } = await harness.createIntegration();
    const other = await harness.createIntegration();
    const orders: SentOrder[] = [];
    for (let i = 0; i < 120; i++) orders.push(await harness.sendOrder(integration, { quantity: 1 }));
    const theirs = await harness.sendOrder(other.integration);
    harness.clock.advance(60_000);
    for (const order of [orders[0]!, orders[77]!, orders[119]!, theirs]) harness.dispatch(order);
    harness.cartonCloud.resetStats();

    const run = await harness.service.runPass(integration.id);

    expect(run).toMatchObject({ completed: 3, failed: 0 });
    expect(ccCalls(SEARCH)).toBe(1 + Math.ceil(120 / SWEEP_REFERENCES_PER_SEARCH)); // the refused search + 3
    expect([orders[0]!, orders[77]!, orders[119]!].map((o) => harness.unleashed.getShipment(apiId, o.shipmentGuid).ShipmentStatus)).toEqual(['Dispatched', 'Dispatched', 'Dispatched']);
    expect((await harness.row(theirs)).state).toBe(ShipmentState.CREATED); // another integration's row, even though dispatched
    expect((await harness.row(orders[1]!)).state).toBe(ShipmentState.CREATED);
  });

  it('is bounded per pass and takes the open orders in turn, so every one is read within ⌈open / bound⌉ passes', async () => {
    await start();
    const { integration } = await harness.createIntegration();
    const orders: SentOrder[] = [];
    for (let i = 0; i < 7; i++) orders.push(await harness.sendOrder(integration, { quantity: 1 }));
    for (const order of orders) harness.dispatch(order);
    const em = harness.em();
    const loaded = await em.findOneOrFail(Integration, integration.id, { populate: ['customer'] });
    const deps = { cartonCloud: harness.cartonCloudClient, ledger: harness.deps.ledger, clock: harness.clock };
    const turn = { resumeAfter: null as string | null };

    const rounds = [];
    for (let pass = 0; pass < 3; pass++) rounds.push(await sweepCreatedOrders(em, deps, loaded, loaded.customer.getEntity().cartonCloudCustomerId, turn, 3));

    expect(rounds.map((r) => [r.checked, r.newlyDispatched, r.searches])).toEqual([
      [3, 3, 1],
      [3, 3, 1],
      [1, 1, 1],
    ]);
    for (const order of orders) expect((await harness.row(order)).state).toBe(ShipmentState.DISPATCHED);
    expect(turn.resumeAfter).toBeNull();
  });
});

describe('fulfilment: a dispatch the search cannot see', () => {
  it('is found by reading the open orders back every 6 hours, even while the search works (a back-dated dispatch)', async () => {
    await start();
    const { integration, apiId } = await harness.createIntegration();
    const early = await harness.sendOrder(integration);
    const later = await harness.sendOrder(integration);
    harness.clock.advance(3_600_000);
    harness.dispatch(later);
    await harness.service.runPass(integration.id);
    const cursor = (await harness.reloadIntegration(integration.id)).fulfilmentCursor!;
    // the warehouse records `early` as dispatched well before the cursor ("manually / on a date")
    const now = harness.clock.now();
    harness.clock.set(new Date(cursor.getTime() - 2 * 3_600_000));
    harness.dispatch(early);
    harness.clock.set(new Date(now.getTime() + 30 * 60_000));
    harness.cartonCloud.resetStats();

    await harness.service.runPass(integration.id);
    expect(ccCalls(SEARCH)).toBe(1);
    expect((await harness.row(early)).state).toBe(ShipmentState.CREATED);

    harness.clock.advance(SAFETY_SWEEP_EVERY_MS);
    await harness.service.runPass(integration.id);
    expect(ccCalls(SEARCH)).toBe(3); // the search, then one read-back of the open orders
    expect(harness.unleashed.getShipment(apiId, early.shipmentGuid).ShipmentStatus).toBe('Dispatched');
    expect((await harness.row(early)).state).toBe(ShipmentState.FULFILLED);
  });
});

describe('fulfilment: the CartonCloud API client lacks "TMS View Jobs" (403 on the consignment search)', () => {
  it('still writes status and date, tells the admin which role is missing, and writes carrier, tracking and packages once the role is given', async () => {
    await start();
    const { integration, apiId } = await harness.createIntegration();
    const orders = [await harness.sendOrder(integration), await harness.sendOrder(integration), await harness.sendOrder(integration)];
    harness.clock.advance(60_000);
    for (const order of orders) harness.dispatch(order, { carrier: 'StarTrack', trackingNumber: `ST-${order.shipmentNumber}`, packages: 2 });
    const { tenantId, clientId } = harness.cartonCloudCredentials;
    harness.cartonCloud.setMissingRoles(tenantId, clientId, [CONSIGNMENT_SEARCH_ROLE]);
    harness.cartonCloud.resetStats();

    const run = await harness.service.runPass(integration.id);

    expect(run).toMatchObject({ status: SyncRunStatus.PARTIAL, completed: 3, failed: 0 });
    expect(run!.errors).toEqual([{ reference: null, message: expect.stringMatching(/lacks the "TMS View Jobs" role: status and dispatch date were written without carrier/) }]);
    expect(ccCalls(CONSIGNMENTS)).toBe(1); // refused once: the rest of the pass does not ask again
    for (const order of orders) {
      const shipment = harness.unleashed.getShipment(apiId, order.shipmentGuid);
      expect(shipment).toMatchObject({ ShipmentStatus: 'Dispatched', TrackingNumber: null, NumberOfPackages: null, ShippingCompany: null });
      expect(shipment.DispatchDate).not.toBeNull();
      expect(await harness.row(order)).toMatchObject({ state: ShipmentState.FULFILLED, attention: null });
    }
    const platform = await openConditions(harness.em(), null);
    expect(platform.CARTONCLOUD_ROLE_MISSING).toMatch(/lacks a role Conveyor needs\. It needs "TMS View Jobs" to read consignments/);

    // the role is given: the watch reads the consignments and writes what was missing; the notice goes
    harness.cartonCloud.setMissingRoles(tenantId, clientId, []);
    harness.clock.advance(10 * 60_000);
    const watch = await harness.service.runPass(integration.id);
    expect(watch).toMatchObject({ status: SyncRunStatus.SUCCEEDED, completed: 3 });
    for (const order of orders) {
      expect(harness.unleashed.getShipment(apiId, order.shipmentGuid)).toMatchObject({ TrackingNumber: `ST-${order.shipmentNumber}`, NumberOfPackages: 2, ShippingCompany: { Name: 'StarTrack' } });
    }
    expect((await openConditions(harness.em(), null)).CARTONCLOUD_ROLE_MISSING).toBeUndefined();
  });
});
