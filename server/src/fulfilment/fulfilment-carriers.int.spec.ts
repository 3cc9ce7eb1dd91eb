import { ShipmentState } from '../ledger/shipment-state.js';
import { SyncRunStatus } from '../runs/sync-run.enums.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { openConditions } from '../../test-support/health-conditions.js';
import { startFulfilmentHarness, type FulfilmentHarness } from '../../test-support/fulfilment-harness.js';
import { SHIPPING_COMPANIES_RECHECK_MS, SHIPPING_COMPANIES_TTL_MS } from './shipping-companies.js';

/**
 * Issue 12 item 6: a carrier is a lookup. `ShippingCompany` names one of the Unleashed account's shipping
 * companies (`{Guid, Name}`), never a bare string — the sandbox refuses a string or an unknown company with
 * a 400 — so CartonCloud's carrier name is matched against the account's list; without a match the
 * dispatch is still written, and the integration says which names to add in Unleashed.
 */
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

const listReads = (apiId: string) => harness.unleashed.callCounts(apiId).byEndpoint['GET /ShippingCompanies'] ?? 0;

describe('fulfilment: carriers are the account\u2019s shipping companies', () => {
  it('writes the matching company {Guid, Name} whatever the case and spacing, reading the list once per pass and reusing it for the hour', async () => {
    const { integration, apiId } = await harness.createIntegration({ shippingCompanies: ['StarTrack', 'Australia Post'] });
    const [starTrack, auPost] = harness.unleashed.account(apiId).shippingCompanies!;
    const orders = [await harness.sendOrder(integration), await harness.sendOrder(integration), await harness.sendOrder(integration)];
    harness.clock.advance(60_000);
    harness.dispatch(orders[0]!, { carrier: 'STAR TRACK' });
    harness.dispatch(orders[1]!, { carrier: 'australia post' });
    harness.dispatch(orders[2]!, { carrier: 'StarTrack' });

    const run = await harness.service.runPass(integration.id);

    expect(run).toMatchObject({ status: SyncRunStatus.SUCCEEDED, completed: 3, failed: 0 });
    expect(harness.unleashed.getShipment(apiId, orders[0]!.shipmentGuid).ShippingCompany).toEqual({ Guid: starTrack!.Guid, Name: 'StarTrack' });
    expect(harness.unleashed.getShipment(apiId, orders[1]!.shipmentGuid).ShippingCompany).toEqual({ Guid: auPost!.Guid, Name: 'Australia Post' });
    expect(harness.unleashed.getShipment(apiId, orders[2]!.shipmentGuid).ShippingCompany).toEqual({ Guid: starTrack!.Guid, Name: 'StarTrack' });
    expect(await harness.row(orders[0]!)).toMatchObject({ carrier: 'STAR TRACK', writtenBack: expect.objectContaining({ shippingCompany: { Guid: starTrack!.Guid, Name: 'StarTrack' } }) });
    expect(listReads(apiId)).toBe(1);
    expect(harness.shipmentPuts(apiId)).toEqual({ accepted: 3, refused: 0 });

    // a later dispatch within the hour uses the list already read; after the hour it is read again
    const later = await harness.sendOrder(integration);
    harness.clock.advance(10 * 60_000);
    harness.dispatch(later, { carrier: 'StarTrack' });
    await harness.service.runPass(integration.id);
    expect(listReads(apiId)).toBe(1);
    const last = await harness.sendOrder(integration);
    harness.clock.advance(SHIPPING_COMPANIES_TTL_MS);
    harness.dispatch(last, { carrier: 'StarTrack' });
    await harness.service.runPass(integration.id);
    expect(listReads(apiId)).toBe(2);
    expect((await openConditions(harness.em(), integration.id)).CARRIERS_UNKNOWN).toBeUndefined();
  });

  it('still writes status, tracking, date and packages for a carrier Unleashed does not know, names it to add, and never loops on it', async () => {
    const { integration, apiId } = await harness.createIntegration({ shippingCompanies: ['StarTrack'] });
    const unknown = await harness.sendOrder(integration);
    const known = await harness.sendOrder(integration);
    harness.clock.advance(60_000);
    harness.dispatch(unknown, { carrier: 'Fastway Couriers', trackingNumber: 'FW-1', packages: 2 });
    harness.dispatch(known, { carrier: 'StarTrack' });

    const run = await harness.service.runPass(integration.id);

    expect(run).toMatchObject({ status: SyncRunStatus.SUCCEEDED, completed: 2, failed: 0 });
    expect(harness.unleashed.getShipment(apiId, unknown.shipmentGuid)).toMatchObject({ ShipmentStatus: 'Dispatched', TrackingNumber: 'FW-1', NumberOfPackages: 2, ShippingCompany: null });
    expect(harness.unleashed.getShipment(apiId, unknown.shipmentGuid).DispatchDate).not.toBeNull();
    expect(harness.shipmentPuts(apiId)).toEqual({ accepted: 2, refused: 0 }); // the unknown name was never sent
    const row = await harness.row(unknown);
    expect(row).toMatchObject({ state: ShipmentState.FULFILLED, carrier: 'Fastway Couriers', attention: null, writtenBack: expect.objectContaining({ carrier: 'Fastway Couriers', shippingCompany: null }) });
    expect((await openConditions(harness.em(), integration.id)).CARRIERS_UNKNOWN).toMatch(/without the carrier\. Add this shipping company in Unleashed: "Fastway Couriers"\./);

    // the watch does not write it again while nothing changes: no Unleashed call at all
    harness.clock.advance(10 * 60_000);
    harness.unleashed.resetCounters();
    const watch = await harness.service.runPass(integration.id);
    expect(watch).toMatchObject({ status: SyncRunStatus.SUCCEEDED, completed: 0 });
    expect(harness.unleashed.callCounts(apiId).callsThisMonth).toBe(0);
  });

  it('finds a company added in Unleashed for the next dispatch (the list is re-read after 5 minutes on a miss), and clears the notice', async () => {
    const { integration, apiId } = await harness.createIntegration({ shippingCompanies: ['StarTrack'] });
    const first = await harness.sendOrder(integration);
    const second = await harness.sendOrder(integration);
    harness.dispatch(first, { carrier: 'Mainfreight' });
    await harness.service.runPass(integration.id);
    expect((await openConditions(harness.em(), integration.id)).CARRIERS_UNKNOWN).toMatch(/"Mainfreight"/);

    const [mainfreight] = harness.unleashed.addShippingCompanies(apiId, ['Mainfreight']).slice(-1);
    harness.clock.advance(SHIPPING_COMPANIES_RECHECK_MS + 1_000);
    harness.dispatch(second, { carrier: 'Mainfreight' });
    await harness.service.runPass(integration.id);

    expect(listReads(apiId)).toBe(2);
    expect(harness.unleashed.getShipment(apiId, second.shipmentGuid).ShippingCompany).toEqual({ Guid: mainfreight!.Guid, Name: 'Mainfreight' });
    expect((await openConditions(harness.em(), integration.id)).CARRIERS_UNKNOWN).toBeUndefined();
  });

  it('names every unknown carrier of a pass, sorted; with Order Management off no carrier is written, looked up again, or asked for', async () => {
    const { integration } = await harness.createIntegration({ shippingCompanies: [] });
    const a = await harness.sendOrder(integration);
    const b = await harness.sendOrder(integration);
    harness.dispatch(a, { carrier: 'Toll' });
    harness.dispatch(b, { carrier: 'Aramex' });
    await harness.service.runPass(integration.id);
    expect((await openConditions(harness.em(), integration.id)).CARRIERS_UNKNOWN).toMatch(/Add these shipping companies in Unleashed: "Aramex", "Toll"\./);

    const off = await harness.createIntegration({ orderManagement: false, shippingCompanies: [] });
    const order = await harness.sendOrder(off.integration);
    harness.dispatch(order, { carrier: 'Toll' });
    await harness.service.runPass(off.integration.id); // the first write tries the status (and so the carrier) once
    const later = await harness.sendOrder(off.integration);
    harness.clock.advance(2 * SHIPPING_COMPANIES_TTL_MS);
    harness.dispatch(later, { carrier: 'Toll' });
    await harness.service.runPass(off.integration.id);
    expect(listReads(off.apiId)).toBe(1);
    expect(harness.unleashed.getShipment(off.apiId, later.shipmentGuid)).toMatchObject({ ShipmentStatus: 'Placed', ShippingCompany: null, NumberOfPackages: 2 });
    expect((await openConditions(harness.em(), off.integration.id)).CARRIERS_UNKNOWN).toBeUndefined();
  });
});
