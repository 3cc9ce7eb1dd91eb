import { calendarDateToInstant } from '../providers/unleashed/unleashed.dates.js';
import { SyncRun } from '../runs/sync-run.entity.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import { SyncRunKind, SyncRunStatus } from '../runs/sync-run.enums.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { fulfilmentJobs } from './fulfilment.job.js';
import { startFulfilmentHarness, type FulfilmentHarness } from '../../test-support/fulfilment-harness.js';
import { openConditions } from '../../test-support/health-conditions.js';

const DAY = 86_400_000;

let db: TestDatabase;
let harness: FulfilmentHarness;

beforeEach(async () => {
  db = await createTestDatabase();
  harness = await startFulfilmentHarness({ databaseUrl: db.url, orm: db.orm });
});
afterEach(async () => {
  await harness.close();
  await db.drop();
});

const CC_SEARCH = 'POST /tenants/{t}/outbound-orders/search';
const CC_CONSIGNMENTS = 'POST /tenants/{t}/consignments/search';
/** CartonCloud API calls without token fetches (the token expires while the tests move the clock) */
const apiCalls = (calls: Record<string, number>) => Object.fromEntries(Object.entries(calls).filter(([route]) => !route.includes('/uaa/')));

describe('fulfilment: a CartonCloud dispatch written back to Unleashed', () => {
  it('marks the Unleashed shipment Dispatched with date, packages, carrier and tracking, in one FULFILMENT run', async () => {
    const { integration, apiId } = await harness.createIntegration();
    const order = await harness.sendOrder(integration);
    const waiting = await harness.sendOrder(integration); // not dispatched yet
    harness.clock.advance(3 * 3_600_000);
    harness.dispatch(order, { carrier: 'StarTrack', trackingNumber: 'ST0001', packages: 3 });
    harness.cartonCloud.resetStats();
    harness.unleashed.resetCounters();

    const run = await harness.service.runPass(integration.id);

    expect(run).toMatchObject({ kind: SyncRunKind.FULFILMENT, status: SyncRunStatus.SUCCEEDED, total: 1, processed: 1, completed: 1, failed: 0 });
    const shipment = harness.unleashed.getShipment(apiId, order.shipmentGuid);
    expect(shipment).toMatchObject({ ShipmentStatus: 'Dispatched', NumberOfPackages: 3, ShippingCompany: { Guid: expect.any(String), Name: 'StarTrack' }, TrackingNumber: 'ST0001' });
    expect(shipment.DispatchDate).toBe(calendarDateToInstant('2026-03-02', 'Pacific/Auckland').getTime());
    const row = await harness.row(order);
    expect(row).toMatchObject({ state: ShipmentState.FULFILLED, carrier: 'StarTrack', trackingNumber: 'ST0001', packages: 3, lastError: null });
    expect(row.fulfilledAt).toEqual(harness.clock.now());
    expect(row.writtenBack).toEqual({
      shipmentStatus: 'Dispatched',
      dispatchDate: '2026-03-02',
      packages: 3,
      carrier: 'StarTrack',
      trackingNumber: 'ST0001',
      timeZone: 'Pacific/Auckland',
      shippingCompany: (shipment.ShippingCompany as { Guid: string; Name: string }),
    });
    expect((await harness.row(waiting)).state).toBe(ShipmentState.CREATED);
    expect(harness.unleashed.getShipment(apiId, waiting.shipmentGuid).ShipmentStatus).toBe('Placed');
    // one search page, one consignment lookup, the shipping companies (once per pass at most), one GET + one PUT
    expect(apiCalls(harness.cartonCloud.stats().calls)).toEqual({ [CC_SEARCH]: 1, [CC_CONSIGNMENTS]: 1 });
    expect(harness.unleashed.callCounts(apiId).byEndpoint).toEqual({ 'GET /ShippingCompanies': 1, 'GET /SalesShipments': 1, 'PUT /SalesShipments': 1 });
    expect((await harness.reloadIntegration(integration.id)).fulfilmentCursor?.getTime()).toBe(harness.clock.now().getTime());
  });

  it('dates a dispatch at 23:30 UTC on the next day in a Pacific/Auckland account', async () => {
    const { integration, apiId } = await harness.createIntegration({ timeZone: 'Pacific/Auckland' });
    const order = await harness.sendOrder(integration);
    harness.clock.set('2026-03-10T23:30:00Z');
    harness.dispatch(order);

    await harness.service.runPass(integration.id);

    const written = harness.unleashed.getShipment(apiId, order.shipmentGuid).DispatchDate;
    expect(written).toBe(calendarDateToInstant('2026-03-11', 'Pacific/Auckland').getTime());
    expect(new Date(written!).toISOString()).toBe('2026-03-10T11:00:00.000Z');
    expect((await harness.row(order)).writtenBack).toMatchObject({ dispatchDate: '2026-03-11' });
  });

  it('writes nothing on the next pass when nothing changed, and ignores orders of the same customer it did not create', async () => {
    const { integration, apiId } = await harness.createIntegration();
    const other = await harness.createIntegration();
    const mine = await harness.sendOrder(integration);
    const theirs = await harness.sendOrder(other.integration);
    harness.clock.advance(60_000);
    harness.dispatch(mine);
    harness.dispatch(theirs);
    await harness.service.runPass(integration.id);
    harness.clock.advance(10 * 60_000);

    const second = await harness.service.runPass(integration.id);

    expect(second).toMatchObject({ status: SyncRunStatus.SUCCEEDED, total: 1, processed: 1, completed: 0 });
    expect(harness.shipmentPuts(apiId)).toEqual({ accepted: 1, refused: 0 });
    expect((await harness.row(theirs)).state).toBe(ShipmentState.CREATED);
    expect(harness.unleashed.getShipment(other.apiId, theirs.shipmentGuid).ShipmentStatus).toBe('Placed');
  });

  it('runs as the fulfilment.poll job, and does nothing for an integration with fulfilment off', async () => {
    const { integration, apiId } = await harness.createIntegration();
    const order = await harness.sendOrder(integration);
    harness.dispatch(order);
    await fulfilmentJobs(harness.service)['fulfilment.poll']({ integrationId: integration.id });
    expect(harness.unleashed.getShipment(apiId, order.shipmentGuid).ShipmentStatus).toBe('Dispatched');

    const em = harness.em();
    const disabled = await harness.reloadIntegration(integration.id);
    disabled.fulfilmentEnabled = false;
    await em.persistAndFlush(disabled);
    expect(await harness.service.runPass(integration.id)).toBeNull();
    expect(await harness.em().count(SyncRun, { integration: integration.id, kind: SyncRunKind.FULFILMENT })).toBe(1);
  });
});

describe('fulfilment: Order Management off in Unleashed', () => {
  it('writes only date and packages after exactly one refused status change, and explains why on the integration', async () => {
    const { integration, apiId } = await harness.createIntegration({ orderManagement: false });
    const events: unknown[] = [];
    const subscription = harness.deps.eventBus.pubSub.subscribe('INTEGRATION_UPDATED');
    const collecting = (async () => {
      for await (const event of subscription) events.push(event);
    })();
    const orders = [await harness.sendOrder(integration), await harness.sendOrder(integration), await harness.sendOrder(integration)];
    harness.clock.advance(60_000);
    for (const order of orders) harness.dispatch(order, { packages: 4, trackingNumber: `T-${order.shipmentNumber}` });

    const run = await harness.service.runPass(integration.id);

    expect(run).toMatchObject({ status: SyncRunStatus.SUCCEEDED, completed: 3, failed: 0 });
    for (const order of orders) {
      const shipment = harness.unleashed.getShipment(apiId, order.shipmentGuid);
      expect(shipment).toMatchObject({ ShipmentStatus: 'Placed', NumberOfPackages: 4, TrackingNumber: null, ShippingCompany: null });
      expect(shipment.DispatchDate).toBe(calendarDateToInstant('2026-03-02', 'Pacific/Auckland').getTime());
      expect((await harness.row(order)).writtenBack).toEqual({ dispatchDate: '2026-03-02', packages: 4, timeZone: 'Pacific/Auckland' });
    }
    expect(harness.shipmentPuts(apiId)).toEqual({ accepted: 3, refused: 1 });
    const updated = await harness.reloadIntegration(integration.id);
    expect(updated.unleashedOrderManagement).toBe(false);
    expect((await openConditions(harness.em(), integration.id)).ORDER_MANAGEMENT_OFF).toMatch(/Order Management is off/);

    // later dispatches (and tracking changes) never try the status again
    const later = await harness.sendOrder(integration);
    harness.clock.advance(60_000);
    harness.dispatch(later);
    await harness.service.runPass(integration.id);
    expect(harness.shipmentPuts(apiId)).toEqual({ accepted: 4, refused: 1 });

    // the NOTIFY round trip: wait for the event itself (bounded), not for a fixed time
    const deadline = Date.now() + 10_000;
    while (!events.some((e) => (e as { integrationId?: string }).integrationId === integration.id) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await subscription.return?.(undefined);
    await collecting;
    expect(events).toContainEqual({ integrationId: integration.id, customerId: updated.customer.id });
  });
});

describe('fulfilment: watching the consignment after dispatch', () => {
  it('writes a tracking change within the window once, then nothing while it stays the same', async () => {
    const { integration, apiId } = await harness.createIntegration();
    const order = await harness.sendOrder(integration);
    const consignmentId = harness.dispatch(order, { carrier: 'StarTrack', trackingNumber: 'ST-OLD' });
    await harness.service.runPass(integration.id);
    harness.clock.advance(2 * DAY);
    harness.cartonCloud.updateConsignmentTracking(consignmentId, { carrier: 'Aramex', trackingNumber: 'AR-NEW' });

    const run = await harness.service.runPass(integration.id);
    await harness.service.runPass(integration.id);

    expect(run).toMatchObject({ processed: 1, completed: 1 });
    expect(harness.unleashed.getShipment(apiId, order.shipmentGuid)).toMatchObject({ ShippingCompany: { Name: 'Aramex' }, TrackingNumber: 'AR-NEW', ShipmentStatus: 'Dispatched' });
    expect(harness.shipmentPuts(apiId)).toEqual({ accepted: 2, refused: 0 });
    const row = await harness.row(order);
    expect(row).toMatchObject({ state: ShipmentState.FULFILLED, carrier: 'Aramex', trackingNumber: 'AR-NEW' });
    expect(row.fulfilledAt).toEqual(harness.clock.now());
  });

  it('ignores a tracking change after the watch window (no consignment lookup, no write)', async () => {
    const { integration, apiId } = await harness.createIntegration();
    const order = await harness.sendOrder(integration);
    const consignmentId = harness.dispatch(order, { trackingNumber: 'ST-OLD' });
    await harness.service.runPass(integration.id);
    harness.clock.advance(harness.config.FULFILMENT_WATCH_DAYS * DAY + 60_000);
    harness.cartonCloud.updateConsignmentTracking(consignmentId, { trackingNumber: 'ST-LATE' });
    harness.cartonCloud.resetStats();

    const run = await harness.service.runPass(integration.id);

    expect(run).toMatchObject({ status: SyncRunStatus.SUCCEEDED, total: 0, processed: 0 });
    expect(harness.cartonCloud.stats().calls[CC_CONSIGNMENTS]).toBeUndefined();
    expect(harness.unleashed.getShipment(apiId, order.shipmentGuid).TrackingNumber).toBe('ST-OLD');
    expect(harness.shipmentPuts(apiId).accepted).toBe(1);
  });
});
