import { Integration } from '../integrations/integration.entity.js';
import { syncIntegrationSchedule } from '../integrations/integration-schedule.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import { SyncRunStatus } from '../runs/sync-run.enums.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { discoverDispatches } from './fulfilment-discovery.js';
import { FulfilmentService } from './fulfilment.service.js';
import { startFulfilmentHarness, type FulfilmentHarness } from '../../test-support/fulfilment-harness.js';
import { openConditions } from '../../test-support/health-conditions.js';

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

const LONG_COMMENT = 'x'.repeat(2100); // the sandbox refuses a PUT carrying shipment comments over 2048 characters

describe('fulfilment: a crash part-way through', () => {
  it('between the CartonCloud read and the Unleashed write, the next process writes the shipment exactly once', async () => {
    const { integration, apiId } = await harness.createIntegration();
    const order = await harness.sendOrder(integration);
    harness.dispatch(order, { trackingNumber: 'ST-CRASH' });
    // the crashed pass got as far as recording the dispatch and moving the cursor
    const em = harness.em();
    const loaded = await em.findOneOrFail(Integration, integration.id, { populate: ['customer'] });
    const found = await discoverDispatches(em, { cartonCloud: harness.cartonCloudClient, ledger: harness.deps.ledger, clock: harness.clock }, loaded, loaded.customer.getEntity().cartonCloudCustomerId);
    loaded.fulfilmentCursor = found.cursor;
    await em.flush();
    expect((await harness.row(order)).state).toBe(ShipmentState.DISPATCHED);

    const restarted = new FulfilmentService(harness.deps);
    const run = await restarted.runPass(integration.id);
    await restarted.runPass(integration.id);

    expect(run).toMatchObject({ completed: 1, failed: 0 });
    expect(harness.shipmentPuts(apiId)).toEqual({ accepted: 1, refused: 0 });
    expect(harness.unleashed.getShipment(apiId, order.shipmentGuid)).toMatchObject({ ShipmentStatus: 'Dispatched', TrackingNumber: 'ST-CRASH' });
    expect((await harness.row(order)).state).toBe(ShipmentState.FULFILLED);
  });

  it('after the Unleashed write but before it was recorded, the retry sees the values there and sends no second PUT', async () => {
    const { integration, apiId } = await harness.createIntegration();
    const order = await harness.sendOrder(integration);
    harness.dispatch(order);
    await harness.service.runPass(integration.id);
    // as if the process died right after the PUT: the row still says DISPATCHED, nothing recorded
    const em = harness.em();
    const row = await harness.row(order);
    Object.assign(row, { state: ShipmentState.DISPATCHED, writtenBack: null, fulfilledAt: null });
    await em.upsert(row);

    const run = await harness.service.runPass(integration.id);

    expect(run).toMatchObject({ completed: 1, failed: 0 });
    expect(harness.shipmentPuts(apiId)).toEqual({ accepted: 1, refused: 0 });
    expect(await harness.row(order)).toMatchObject({ state: ShipmentState.FULFILLED, writtenBack: expect.objectContaining({ shipmentStatus: 'Dispatched' }) });
  });
});

describe('fulfilment: shipments deleted in Unleashed', () => {
  it('records a shipment whose order was deleted in Unleashed and never tries it again', async () => {
    const { integration, apiId } = await harness.createIntegration();
    const order = await harness.sendOrder(integration);
    const orderGuid = harness.unleashed.getShipment(apiId, order.shipmentGuid).OrderGuid;
    harness.unleashed.deleteOrder(apiId, orderGuid);
    harness.dispatch(order);

    const run = await harness.service.runPass(integration.id);
    harness.clock.advance(7 * 3_600_000);
    harness.unleashed.resetCounters();
    await harness.service.runPass(integration.id);

    expect(run).toMatchObject({ status: SyncRunStatus.FAILED, failed: 1, errors: [{ reference: order.customerReference, message: expect.stringMatching(/deleted/) }] });
    const row = await harness.row(order);
    expect(row).toMatchObject({ state: ShipmentState.FAILED, nextAttemptAt: null, lastError: expect.stringMatching(/no longer exists in Unleashed/) });
    expect(harness.unleashed.callCounts(apiId).callsThisMonth).toBe(0);
    expect(harness.unleashed.getShipment(apiId, order.shipmentGuid).ShipmentStatus).toBe('Deleted');
  });

  it('records a shipment Unleashed answers 404 for (DELETE /SalesShipments) and never tries it again', async () => {
    const { integration, apiId } = await harness.createIntegration();
    const gone = await harness.sendOrder(integration);
    const kept = await harness.sendOrder(integration);
    harness.unleashed.account(apiId).shipments.delete(gone.shipmentGuid); // the sandbox has no control route for it
    harness.dispatch(gone);
    harness.dispatch(kept);

    const run = await harness.service.runPass(integration.id);
    harness.clock.advance(7 * 3_600_000);
    harness.unleashed.resetCounters();
    await harness.service.runPass(integration.id);

    expect(run).toMatchObject({ status: SyncRunStatus.PARTIAL, completed: 1, failed: 1 });
    expect(await harness.row(gone)).toMatchObject({ state: ShipmentState.FAILED, lastError: expect.stringMatching(/no longer exists/) });
    expect((await harness.row(kept)).state).toBe(ShipmentState.FULFILLED);
    expect(harness.unleashed.callCounts(apiId).byEndpoint).toEqual({}); // kept is unchanged, gone is never retried
  });
});

describe('fulfilment: failures of one shipment', () => {
  it('retries a refused shipment with backoff without blocking the others', async () => {
    const { integration, apiId } = await harness.createIntegration();
    const first = await harness.sendOrder(integration);
    const refused = await harness.sendOrder(integration, { shipmentComments: LONG_COMMENT });
    const last = await harness.sendOrder(integration);
    for (const order of [first, refused, last]) harness.dispatch(order);

    const run = await harness.service.runPass(integration.id);

    expect(run).toMatchObject({ status: SyncRunStatus.PARTIAL, total: 3, processed: 3, completed: 2, failed: 1 });
    expect(run!.errors).toEqual([{ reference: refused.customerReference, message: expect.stringMatching(/Comments/) }]);
    expect((await harness.row(first)).state).toBe(ShipmentState.FULFILLED);
    expect((await harness.row(last)).state).toBe(ShipmentState.FULFILLED);
    const failed = await harness.row(refused);
    expect(failed).toMatchObject({ state: ShipmentState.DISPATCHED, attempts: 1, lastError: expect.stringMatching(/Comments/) });
    expect(failed.nextAttemptAt).toEqual(new Date(harness.clock.now().getTime() + 60_000));

    // each attempt is one refused PUT, then the same without the status change (in case it was the status Unleashed refused)
    expect(harness.shipmentPuts(apiId).refused).toBe(2);
    // before its time: not tried; after: tried again, and backed off further
    harness.clock.advance(30_000);
    const puts = harness.shipmentPuts(apiId).refused;
    await harness.service.runPass(integration.id);
    expect(harness.shipmentPuts(apiId).refused).toBe(puts);
    harness.clock.advance(31_000);
    await harness.service.runPass(integration.id);
    expect(harness.shipmentPuts(apiId).refused).toBe(puts + 2);
    const again = await harness.row(refused);
    expect(again.attempts).toBe(2);
    expect(again.nextAttemptAt).toEqual(new Date(harness.clock.now().getTime() + 120_000));
  });

  it('writes a shipment once Unleashed is back after an outage', async () => {
    const { integration, apiId } = await harness.createIntegration();
    const order = await harness.sendOrder(integration);
    harness.dispatch(order);
    harness.unleashed.setFaults({ errorRate: 1 });

    const failed = await harness.service.runPass(integration.id);
    harness.unleashed.clearFaults();
    harness.clock.advance(61_000);
    const recovered = await harness.service.runPass(integration.id);

    expect(failed).toMatchObject({ failed: 1, completed: 0 });
    expect(recovered).toMatchObject({ status: SyncRunStatus.SUCCEEDED, completed: 1 });
    expect(harness.shipmentPuts(apiId)).toEqual({ accepted: 1, refused: 0 });
    expect(await harness.row(order)).toMatchObject({ state: ShipmentState.FULFILLED, lastError: null, nextAttemptAt: null });
  });

  it('keeps the cursor when the CartonCloud search fails, and finds the dispatch on the next pass', async () => {
    const { integration, apiId } = await harness.createIntegration();
    await harness.service.runPass(integration.id); // token fetched
    const order = await harness.sendOrder(integration);
    harness.clock.advance(60_000);
    harness.dispatch(order);
    harness.cartonCloud.setFaults({ errorBurst: 2 }); // the search and its one retry

    const failed = await harness.service.runPass(integration.id);
    const cursorAfterFailure = (await harness.reloadIntegration(integration.id)).fulfilmentCursor;
    await harness.service.runPass(integration.id);

    expect(failed).toMatchObject({ status: SyncRunStatus.FAILED, errors: [{ reference: null, message: expect.stringMatching(/search CartonCloud/) }] });
    expect(cursorAfterFailure).toBeNull();
    expect(harness.unleashed.getShipment(apiId, order.shipmentGuid).ShipmentStatus).toBe('Dispatched');
  });

  it('holds the cursor before a dispatch whose ledger row does not know its CartonCloud order yet', async () => {
    const { integration, apiId } = await harness.createIntegration();
    const unconfirmed = await harness.sendOrder(integration);
    const confirmed = await harness.sendOrder(integration);
    // the order sync created the sale order but has not recorded its id yet (CLAIMED, being confirmed)
    const em = harness.em();
    const row = await harness.row(unconfirmed);
    Object.assign(row, { state: ShipmentState.CLAIMED, cartonCloudOrderId: null });
    await em.upsert(row);
    harness.clock.advance(60_000);
    harness.dispatch(unconfirmed);
    harness.clock.advance(3_600_000);
    harness.dispatch(confirmed);

    await harness.service.runPass(integration.id);
    const held = (await harness.reloadIntegration(integration.id)).fulfilmentCursor!;
    Object.assign(row, { state: ShipmentState.CREATED, cartonCloudOrderId: unconfirmed.cartonCloudOrderId });
    await em.upsert(row);
    harness.clock.advance(3_600_000);
    await harness.service.runPass(integration.id);

    expect(held.getTime()).toBeLessThan(Date.parse('2026-03-02T00:01:00Z'));
    expect(harness.unleashed.getShipment(apiId, confirmed.shipmentGuid).ShipmentStatus).toBe('Dispatched');
    expect(harness.unleashed.getShipment(apiId, unconfirmed.shipmentGuid).ShipmentStatus).toBe('Dispatched');
    expect((await harness.reloadIntegration(integration.id)).fulfilmentCursor).toEqual(new Date('2026-03-02T01:01:00Z'));
  });

  it('stops the integration when Unleashed refuses its credentials, as the order poll does', async () => {
    const { integration } = await harness.createIntegration({ apiKeyOverride: 'not-the-key' });
    const loaded = await harness.reloadIntegration(integration.id);
    await syncIntegrationSchedule(harness.deps.scheduler, harness.config, loaded);
    expect(await harness.deps.scheduler.scheduledCount('fulfilment.poll', integration.id)).toBe(1);
    const order = await harness.sendOrder(integration);
    const other = await harness.sendOrder(integration);
    harness.dispatch(order);
    harness.dispatch(other);

    const run = await harness.service.runPass(integration.id);

    expect(run).toMatchObject({ status: SyncRunStatus.FAILED, errors: [{ message: expect.stringMatching(/refused the stored API ID and key/) }] });
    const flagged = await harness.reloadIntegration(integration.id);
    expect(flagged.credentialsRejectedAt).toEqual(harness.clock.now());
    expect((await openConditions(harness.em(), integration.id)).CREDENTIALS_REJECTED).toMatch(/credentials are entered again/);
    expect(await harness.deps.scheduler.scheduledCount('fulfilment.poll', integration.id)).toBe(0);
    expect(await harness.deps.scheduler.scheduledCount('orders.poll', integration.id)).toBe(0);
    // the dispatches stay recorded, to be written once the credentials are replaced
    expect((await harness.row(order)).state).toBe(ShipmentState.DISPATCHED);
    expect((await harness.row(other)).state).toBe(ShipmentState.DISPATCHED);
    expect(await harness.service.runPass(integration.id)).toBeNull();
  });
});
