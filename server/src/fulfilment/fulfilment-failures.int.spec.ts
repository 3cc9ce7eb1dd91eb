import { Integration } from '../integrations/integration.entity.js';
import { syncIntegrationSchedule } from '../integrations/integration-schedule.js';
import { ShipmentState, SyncRunStatus } from '../sync/sync.enums.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { discoverDispatches } from './fulfilment-discovery.js';
import { FulfilmentService } from './fulfilment.service.js';
import { startFulfilmentWorld, type FulfilmentWorld } from '../../test-support/fulfilment-harness.js';

let db: TestDatabase;
let world: FulfilmentWorld;

beforeEach(async () => {
  db = await createTestDatabase();
  world = await startFulfilmentWorld({ databaseUrl: db.url, orm: db.orm });
});
afterEach(async () => {
  await world.close();
  await db.drop();
});

const LONG_COMMENT = 'x'.repeat(2100); // the sandbox refuses a PUT carrying shipment comments over 2048 characters

describe('fulfilment: a crash part-way through', () => {
  it('between the CartonCloud read and the Unleashed write, the next process writes the shipment exactly once', async () => {
    const { integration, apiId } = await world.createIntegration();
    const order = await world.sendOrder(integration);
    world.dispatch(order, { trackingNumber: 'ST-CRASH' });
    // the crashed pass got as far as recording the dispatch and moving the cursor
    const em = world.em();
    const loaded = await em.findOneOrFail(Integration, integration.id, { populate: ['customer'] });
    const found = await discoverDispatches(em, world.cartonCloudClient, loaded, loaded.customer.getEntity().cartonCloudCustomerId);
    loaded.fulfilmentCursor = found.cursor;
    await em.flush();
    expect((await world.row(order)).state).toBe(ShipmentState.DISPATCHED);

    const restarted = new FulfilmentService(world.deps);
    const run = await restarted.runPass(integration.id);
    await restarted.runPass(integration.id);

    expect(run).toMatchObject({ created: 1, failed: 0 });
    expect(world.shipmentPuts(apiId)).toEqual({ accepted: 1, refused: 0 });
    expect(world.unleashed.getShipment(apiId, order.shipmentGuid)).toMatchObject({ ShipmentStatus: 'Dispatched', TrackingNumber: 'ST-CRASH' });
    expect((await world.row(order)).state).toBe(ShipmentState.FULFILLED);
  });

  it('after the Unleashed write but before it was recorded, the retry sees the values there and sends no second PUT', async () => {
    const { integration, apiId } = await world.createIntegration();
    const order = await world.sendOrder(integration);
    world.dispatch(order);
    await world.service.runPass(integration.id);
    // as if the process died right after the PUT: the row still says DISPATCHED, nothing recorded
    const em = world.em();
    const row = await world.row(order);
    Object.assign(row, { state: ShipmentState.DISPATCHED, writtenBack: null, fulfilledAt: null });
    await em.upsert(row);

    const run = await world.service.runPass(integration.id);

    expect(run).toMatchObject({ created: 1, failed: 0 });
    expect(world.shipmentPuts(apiId)).toEqual({ accepted: 1, refused: 0 });
    expect(await world.row(order)).toMatchObject({ state: ShipmentState.FULFILLED, writtenBack: expect.objectContaining({ shipmentStatus: 'Dispatched' }) });
  });
});

describe('fulfilment: shipments deleted in Unleashed', () => {
  it('records a shipment whose order was deleted in Unleashed and never tries it again', async () => {
    const { integration, apiId } = await world.createIntegration();
    const order = await world.sendOrder(integration);
    const orderGuid = world.unleashed.getShipment(apiId, order.shipmentGuid).OrderGuid;
    world.unleashed.deleteOrder(apiId, orderGuid);
    world.dispatch(order);

    const run = await world.service.runPass(integration.id);
    world.clock.advance(7 * 3_600_000);
    world.unleashed.resetCounters();
    await world.service.runPass(integration.id);

    expect(run).toMatchObject({ status: SyncRunStatus.FAILED, failed: 1, errors: [{ reference: order.customerReference, message: expect.stringMatching(/deleted/) }] });
    const row = await world.row(order);
    expect(row).toMatchObject({ state: ShipmentState.FAILED, nextAttemptAt: null, lastError: expect.stringMatching(/no longer exists in Unleashed/) });
    expect(world.unleashed.callCounts(apiId).callsThisMonth).toBe(0);
    expect(world.unleashed.getShipment(apiId, order.shipmentGuid).ShipmentStatus).toBe('Deleted');
  });

  it('records a shipment Unleashed answers 404 for (DELETE /SalesShipments) and never tries it again', async () => {
    const { integration, apiId } = await world.createIntegration();
    const gone = await world.sendOrder(integration);
    const kept = await world.sendOrder(integration);
    world.unleashed.account(apiId).shipments.delete(gone.shipmentGuid); // the sandbox has no control route for it
    world.dispatch(gone);
    world.dispatch(kept);

    const run = await world.service.runPass(integration.id);
    world.clock.advance(7 * 3_600_000);
    world.unleashed.resetCounters();
    await world.service.runPass(integration.id);

    expect(run).toMatchObject({ status: SyncRunStatus.PARTIAL, created: 1, failed: 1 });
    expect(await world.row(gone)).toMatchObject({ state: ShipmentState.FAILED, lastError: expect.stringMatching(/no longer exists/) });
    expect((await world.row(kept)).state).toBe(ShipmentState.FULFILLED);
    expect(world.unleashed.callCounts(apiId).byEndpoint).toEqual({}); // kept is unchanged, gone is never retried
  });
});

describe('fulfilment: failures of one shipment', () => {
  it('retries a refused shipment with backoff without blocking the others', async () => {
    const { integration, apiId } = await world.createIntegration();
    const first = await world.sendOrder(integration);
    const refused = await world.sendOrder(integration, { shipmentComments: LONG_COMMENT });
    const last = await world.sendOrder(integration);
    for (const order of [first, refused, last]) world.dispatch(order);

    const run = await world.service.runPass(integration.id);

    expect(run).toMatchObject({ status: SyncRunStatus.PARTIAL, total: 3, processed: 3, created: 2, failed: 1 });
    expect(run!.errors).toEqual([{ reference: refused.customerReference, message: expect.stringMatching(/Comments/) }]);
    expect((await world.row(first)).state).toBe(ShipmentState.FULFILLED);
    expect((await world.row(last)).state).toBe(ShipmentState.FULFILLED);
    const failed = await world.row(refused);
    expect(failed).toMatchObject({ state: ShipmentState.DISPATCHED, attempts: 1, lastError: expect.stringMatching(/Comments/) });
    expect(failed.nextAttemptAt).toEqual(new Date(world.clock.now().getTime() + 60_000));

    // before its time: not tried; after: tried again, and backed off further
    world.clock.advance(30_000);
    const puts = world.shipmentPuts(apiId).refused;
    await world.service.runPass(integration.id);
    expect(world.shipmentPuts(apiId).refused).toBe(puts);
    world.clock.advance(31_000);
    await world.service.runPass(integration.id);
    expect(world.shipmentPuts(apiId).refused).toBe(puts + 1);
    const again = await world.row(refused);
    expect(again.attempts).toBe(2);
    expect(again.nextAttemptAt).toEqual(new Date(world.clock.now().getTime() + 120_000));
  });

  it('writes a shipment once Unleashed is back after an outage', async () => {
    const { integration, apiId } = await world.createIntegration();
    const order = await world.sendOrder(integration);
    world.dispatch(order);
    world.unleashed.setFaults({ errorRate: 1 });

    const failed = await world.service.runPass(integration.id);
    world.unleashed.clearFaults();
    world.clock.advance(61_000);
    const recovered = await world.service.runPass(integration.id);

    expect(failed).toMatchObject({ failed: 1, created: 0 });
    expect(recovered).toMatchObject({ status: SyncRunStatus.SUCCEEDED, created: 1 });
    expect(world.shipmentPuts(apiId)).toEqual({ accepted: 1, refused: 0 });
    expect(await world.row(order)).toMatchObject({ state: ShipmentState.FULFILLED, lastError: null, nextAttemptAt: null });
  });

  it('keeps the cursor when the CartonCloud search fails, and finds the dispatch on the next pass', async () => {
    const { integration, apiId } = await world.createIntegration();
    await world.service.runPass(integration.id); // token fetched
    const order = await world.sendOrder(integration);
    world.clock.advance(60_000);
    world.dispatch(order);
    world.cartonCloud.setFaults({ errorBurst: 2 }); // the search and its one retry

    const failed = await world.service.runPass(integration.id);
    const cursorAfterFailure = (await world.reloadIntegration(integration.id)).fulfilmentCursor;
    await world.service.runPass(integration.id);

    expect(failed).toMatchObject({ status: SyncRunStatus.FAILED, errors: [{ reference: null, message: expect.stringMatching(/search CartonCloud/) }] });
    expect(cursorAfterFailure).toBeNull();
    expect(world.unleashed.getShipment(apiId, order.shipmentGuid).ShipmentStatus).toBe('Dispatched');
  });

  it('holds the cursor before a dispatch whose ledger row does not know its CartonCloud order yet', async () => {
    const { integration, apiId } = await world.createIntegration();
    const unconfirmed = await world.sendOrder(integration);
    const confirmed = await world.sendOrder(integration);
    // the order sync created the sale order but has not recorded its id yet (CLAIMED, being confirmed)
    const em = world.em();
    const row = await world.row(unconfirmed);
    Object.assign(row, { state: ShipmentState.CLAIMED, cartonCloudOrderId: null });
    await em.upsert(row);
    world.clock.advance(60_000);
    world.dispatch(unconfirmed);
    world.clock.advance(3_600_000);
    world.dispatch(confirmed);

    await world.service.runPass(integration.id);
    const held = (await world.reloadIntegration(integration.id)).fulfilmentCursor!;
    Object.assign(row, { state: ShipmentState.CREATED, cartonCloudOrderId: unconfirmed.cartonCloudOrderId });
    await em.upsert(row);
    world.clock.advance(3_600_000);
    await world.service.runPass(integration.id);

    expect(held.getTime()).toBeLessThan(Date.parse('2026-03-02T00:01:00Z'));
    expect(world.unleashed.getShipment(apiId, confirmed.shipmentGuid).ShipmentStatus).toBe('Dispatched');
    expect(world.unleashed.getShipment(apiId, unconfirmed.shipmentGuid).ShipmentStatus).toBe('Dispatched');
    expect((await world.reloadIntegration(integration.id)).fulfilmentCursor).toEqual(new Date('2026-03-02T01:01:00Z'));
  });

  it('stops the integration when Unleashed refuses its credentials, as the order poll does', async () => {
    const { integration } = await world.createIntegration({ apiKeyOverride: 'not-the-key' });
    const loaded = await world.reloadIntegration(integration.id);
    await syncIntegrationSchedule(world.deps.scheduler, world.config, loaded);
    expect(await world.deps.scheduler.scheduledCount('fulfilment.poll', integration.id)).toBe(1);
    const order = await world.sendOrder(integration);
    const other = await world.sendOrder(integration);
    world.dispatch(order);
    world.dispatch(other);

    const run = await world.service.runPass(integration.id);

    expect(run).toMatchObject({ status: SyncRunStatus.FAILED, errors: [{ message: expect.stringMatching(/refused the stored API ID and key/) }] });
    const flagged = await world.reloadIntegration(integration.id);
    expect(flagged.credentialsRejectedAt).toEqual(world.clock.now());
    expect(flagged.healthMessage).toMatch(/credentials are entered again/);
    expect(await world.deps.scheduler.scheduledCount('fulfilment.poll', integration.id)).toBe(0);
    expect(await world.deps.scheduler.scheduledCount('orders.poll', integration.id)).toBe(0);
    // the dispatches stay recorded, to be written once the credentials are replaced
    expect((await world.row(order)).state).toBe(ShipmentState.DISPATCHED);
    expect((await world.row(other)).state).toBe(ShipmentState.DISPATCHED);
    expect(await world.service.runPass(integration.id)).toBeNull();
  });
});
