import { AttentionCode } from '../ledger/attention.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { startSyncHarness, type SyncHarness } from '../../test-support/sync-harness.js';

// Issue 12 item 10: Unleashed's free-text country and region against CartonCloud's realistic lookup
// (first key supplied only; the customer does not allow invalid addresses, the default).
let db: TestDatabase;
let harness: SyncHarness;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  harness = await startSyncHarness({ databaseUrl: db.url, orm: db.orm });
});
afterEach(async () => {
  await harness.close();
});

type Address = { state?: Record<string, string>; country?: Record<string, string> };
const addressOf = (order: Record<string, unknown>) => (order.details as { deliver: { address: Address } }).deliver.address;
const delivery = (region: string | null, country: string | null) => ({ name: 'Bush Walkers', streetAddress: '1 George St', city: 'Sydney', postCode: '2000', region, country });

describe('order sync: delivery addresses CartonCloud can look up', () => {
  it('the old mapping (every value as a name) is rejected by the realistic lookup: "NSW" is no state name, "AU" no country name', async () => {
    const { cartonCloudCustomerId } = await harness.createIntegration();
    const cc = harness.deps().providers.cartonCloud();
    const result = await cc.createSaleOrder({
      references: { customer: 'OLD-1 | SS-1' },
      customer: { id: cartonCloudCustomerId },
      details: { deliver: { address: { companyName: 'Bush Walkers', address1: '1 George St', city: 'Sydney', state: { name: 'NSW' }, country: { name: 'AU' } } } },
      items: [{ details: { product: { references: { code: 'TENT-2P' } } }, measures: { quantity: 1 } }],
    });
    expect(result).toMatchObject({ kind: 'rejected', reasons: ['Delivery address - Country not found: name "AU"'] });
  });

  it('creates orders whose region and country are codes or names, each sent under the key that finds it', async () => {
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    const cases = [
      [delivery('NSW', 'AU'), { code: 'NSW', name: 'New South Wales' }, 'AU'],
      [delivery('New South Wales', 'Australia'), { code: 'NSW', name: 'New South Wales' }, 'AU'],
      [delivery('Vic', 'AUS'), { code: 'VIC', name: 'Victoria' }, 'AU'],
      [{ ...delivery('Auckland', 'New Zealand'), city: 'Auckland' }, { code: 'AUK', name: 'Auckland' }, 'NZ'],
      [{ ...delivery('CA', 'United States of America'), city: 'San Francisco' }, { code: 'CA', name: 'California' }, 'US'],
      [{ ...delivery(null, 'UK'), city: 'London' }, null, 'GB'],
    ] as const;
    const numbers = cases.map(([address]) => harness.order(apiId, { delivery: address }).order.OrderNumber);
    await harness.sync.poll(integration.id);
    const rows = await harness.rows(integration.id);
    expect(rows.map((r) => [r.unleashedOrderNumber, r.state, r.lastError])).toEqual(numbers.map((n) => [n, ShipmentState.CREATED, null]));
    const orders = harness.saleOrders(cartonCloudCustomerId);
    cases.forEach(([, state, iso2], i) => {
      const order = orders.find((o) => (o.id as string) === rows[i]!.cartonCloudOrderId)!;
      expect(addressOf(order).state).toEqual(state);
      expect(addressOf(order).country).toMatchObject({ iso2Code: iso2 });
    });
  });

  it('records an address CartonCloud cannot place as REJECTED, in its words and with what to do; created as given once the customer allows invalid addresses', async () => {
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    harness.order(apiId, { delivery: delivery('Gotham', 'Atlantis') });
    const run = await harness.sync.poll(integration.id);
    const [row] = await harness.rows(integration.id);
    expect(row).toMatchObject({ state: ShipmentState.REJECTED, attention: AttentionCode.REJECTED, lastError: 'Delivery address - Country not found: name "Atlantis"' });
    expect(run!.errors).toEqual([{ reference: row!.customerReference, message: expect.stringContaining('Country not found: name "Atlantis"') }]);

    harness.cartonCloud.setCustomerSettings(harness.credentials.tenantId, cartonCloudCustomerId, { allowInvalidAddresses: true });
    await harness.deps().ledger.retry(harness.em(), [row!.id], new Date()); // what retryShipment does
    await harness.sync.poll(integration.id);
    const [retried] = await harness.rows(integration.id);
    expect(retried).toMatchObject({ state: ShipmentState.CREATED, attention: null });
    const created = harness.saleOrders(cartonCloudCustomerId).find((o) => o.id === retried!.cartonCloudOrderId)!;
    expect(addressOf(created)).toMatchObject({ state: { name: 'Gotham' }, country: { name: 'Atlantis' } });
  });
});
