import { DEMO_CARTONCLOUD_TENANT_ID } from '../providers/cartoncloud/sandbox/cartoncloud.demo-data.js';
import { makeDemoTenant, makeUnleashedAccount } from '../../test-support/factories.js';
import { startTestConveyor, type TestConveyor } from '../../test-support/test-conveyor.js';

const PREVIEW = `query($id: ID!, $input: OrderCreationInput!) {
  previewOrderCreation(integrationId: $id, input: $input) {
    customerReference orderNumber shipmentNumber unleashedWarehouseCode warehouse { id name } outcome reason unknownProductCodes productsChecked
  }
}`;

interface Row {
  customerReference: string;
  orderNumber: string;
  shipmentNumber: string | null;
  unleashedWarehouseCode: string | null;
  warehouse: { id: string; name: string } | null;
  outcome: string;
  reason: string | null;
  unknownProductCodes: string[];
  productsChecked: boolean;
}

const KNOWN = 'TNT-RDG1-GRN';

/**
 * The wizard's dry run (`previewOrderCreation`) against both sandboxes: the newest Placed orders under the
 * settings on screen — warehouse, skipped and why, unknown products, no shipment yet, already sent — in
 * at most 5 Unleashed calls and one CartonCloud product search, writing nothing anywhere.
 */
describe('previewOrderCreation', () => {
  let t: TestConveyor;
  let admin: string;
  let integrationId: string;
  let tenant: Awaited<ReturnType<typeof makeDemoTenant>>;
  let account: { apiId: string; apiKey: string };

  /** every row of every table, and both sandboxes' writes */
  async function snapshot() {
    const tables = await t.services.orm.em.getConnection().execute<{ tablename: string }[]>(`select tablename from pg_tables where schemaname = 'public' order by tablename`);
    const union = tables.map(({ tablename }) => `select '${tablename}' as t, md5(coalesce(string_agg(r::text, ',' order by r::text), '')) as h from "${tablename}" r`).join(' union all ');
    const hashes = await t.services.orm.em.getConnection().execute<{ t: string; h: string }[]>(union);
    return {
      database: Object.fromEntries(hashes.map((r) => [r.t, r.h])),
      unleashedWrites: t.unleashed.requestLog.filter((r) => r.method !== 'GET').length,
      cartonCloudOrders: JSON.stringify(t.cartonCloud.listOrders(DEMO_CARTONCLOUD_TENANT_ID)),
      cartonCloudWrites: Object.entries(t.cartonCloud.stats().calls).filter(([endpoint]) => !endpoint.startsWith('GET') && !endpoint.endsWith('/search') && !endpoint.includes('/uaa/')).reduce((n, [, c]) => n + c, 0),
    };
  }
  const preview = (input: Record<string, unknown>, token = admin, id = integrationId) => t.gql<{ previewOrderCreation: Row[] }>(PREVIEW, { id, input }, token);

  beforeAll(async () => {
    // an API-only process: no worker, so nothing but the preview could touch anything during it
    t = await startTestConveyor({ env: { ROLE: 'api' } });
    tenant = await makeDemoTenant(t.services.orm.em.fork());
    admin = await t.issuer.admin();
    account = makeUnleashedAccount(t.unleashed);
    const created = await t.gql<{ createIntegration: { id: string } }>('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }', { i: { customerId: tenant.acme.id, name: 'Acme NZ' } }, admin);
    integrationId = created.data!.createIntegration.id;
    expect((await t.gql('mutation($id: ID!, $i: AuthenticationInput!) { configureAuthentication(id: $id, input: $i) { id } }', { id: integrationId, i: account }, admin)).errors).toBeUndefined();

    const order = (orderNumber: string, warehouseCode: string, productCode: string, extra: Record<string, unknown> = {}) =>
      t.unleashed.createOrder(account.apiId, { orderNumber, warehouseCode, lines: [{ productCode, quantity: 1 }], ...extra });
    for (let i = 1; i <= 20; i++) order(`SO-${String(i).padStart(3, '0')}`, 'AKL', KNOWN); // the oldest five fall outside the sample
    order('SO-PARKED', 'AKL', KNOWN, { status: 'Parked' });
    order('SO-MEL', 'MEL', KNOWN);
    order('SO-NEW-SKU', 'AKL', 'NOT-IN-CC-1');
    order('SO-NO-SHIPMENT', 'SYD', KNOWN, { shipments: [] });
    const sent = order('SO-SENT', 'AKL', KNOWN);
    order('SO-NEWEST', 'SYD', KNOWN);
    // SO-SENT's shipment was created in CartonCloud by an earlier setup of this integration
    const [sentShipment] = sent.shipments;
    await t.services.orm.em.getConnection().execute(
      `insert into synced_shipments (id, integration_id, unleashed_shipment_guid, unleashed_order_number, unleashed_shipment_number, customer_reference, state)
       values (gen_random_uuid(), ?, ?, 'SO-SENT', ?, ?, 'CREATED')`,
      [integrationId, sentShipment!.Guid, sentShipment!.ShipmentNumber, `SO-SENT | ${sentShipment!.ShipmentNumber}`],
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows, newest first, where each of the newest Placed orders would go with the settings on screen, in at most 5 Unleashed calls, writing nothing', async () => {
    const before = await snapshot();
    const unleashedBefore = t.unleashed.callCounts(account.apiId).callsThisMonth;
    const searchesBefore = t.cartonCloud.stats().calls['POST /tenants/{t}/warehouse-products/search'] ?? 0;

    const result = await preview({ includeComments: false, defaultWarehouseId: null, warehouseMappings: [{ unleashedWarehouseCode: 'AKL', warehouseId: tenant.warehouses.auckland.id }, { unleashedWarehouseCode: 'SYD', warehouseId: tenant.warehouses.sydney.id }] });
    expect(result.errors).toBeUndefined();
    const rows = result.data!.previewOrderCreation;
    expect(rows.map((r) => r.orderNumber)).toEqual(['SO-NEWEST', 'SO-SENT', 'SO-NO-SHIPMENT', 'SO-NEW-SKU', 'SO-MEL', ...Array.from({ length: 15 }, (_, i) => `SO-${String(20 - i).padStart(3, '0')}`)]);
    const by = Object.fromEntries(rows.map((r) => [r.orderNumber, r]));
    expect(by['SO-NEWEST']).toMatchObject({ outcome: 'CREATE', unleashedWarehouseCode: 'SYD', warehouse: { name: 'Sydney DC' }, reason: null, unknownProductCodes: [], productsChecked: true });
    expect(by['SO-NEWEST']!.customerReference).toMatch(/^SO-NEWEST \| SS-\d+$/);
    expect(by['SO-SENT']).toMatchObject({ outcome: 'ALREADY_SENT', warehouse: null, reason: expect.stringContaining('already sent it to CartonCloud (CREATED)') });
    expect(by['SO-NO-SHIPMENT']).toMatchObject({ outcome: 'AWAITING_SHIPMENT', shipmentNumber: null, customerReference: 'SO-NO-SHIPMENT', unleashedWarehouseCode: 'SYD', reason: expect.stringContaining('No sales shipment yet') });
    expect(by['SO-NEW-SKU']).toMatchObject({ outcome: 'REJECT', warehouse: { name: 'Auckland DC' }, unknownProductCodes: ['NOT-IN-CC-1'], reason: expect.stringContaining('CartonCloud does not know NOT-IN-CC-1 for Acme Outdoor') });
    expect(by['SO-MEL']).toMatchObject({ outcome: 'SKIP', warehouse: null, reason: 'No CartonCloud warehouse for Unleashed warehouse MEL: map it or choose a default warehouse.' });
    expect(by['SO-020']).toMatchObject({ outcome: 'CREATE', warehouse: { name: 'Auckland DC' } });
    expect(by['SO-PARKED']).toBeUndefined();

    // bounded: the orders' first and last pages, then one page of shipments; one product search for every distinct code
    expect(t.unleashed.callCounts(account.apiId).callsThisMonth - unleashedBefore).toBe(3);
    expect((t.cartonCloud.stats().calls['POST /tenants/{t}/warehouse-products/search'] ?? 0) - searchesBefore).toBe(1);
    expect(await snapshot()).toEqual(before);

    // other settings on screen, other answers: a default warehouse takes MEL
    const withDefault = await preview({ includeComments: true, defaultWarehouseId: tenant.warehouses.melbourne.id, warehouseMappings: [] });
    const mel = withDefault.data!.previewOrderCreation.find((r) => r.orderNumber === 'SO-MEL')!;
    expect(mel).toMatchObject({ outcome: 'CREATE', warehouse: { name: 'Melbourne DC' } });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses settings the customer may not use, naming the field, and answers strangers and read-only users as every query does', async () => {
    const before = await snapshot();
    const foreign = await preview({ includeComments: false, defaultWarehouseId: null, warehouseMappings: [{ unleashedWarehouseCode: 'AKL', warehouseId: '5e0c1d2a-0000-4000-8000-0000000000aa' }] });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.warehouseMappings[0].warehouseId' });
    const globexUser = await t.issuer.customerUser(tenant.globex.id);
    const stranger = await preview({ includeComments: false, defaultWarehouseId: null, warehouseMappings: [] }, globexUser);
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const draft = await t.gql<{ createIntegration: { id: string } }>('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }', { i: { customerId: tenant.acme.id, name: 'Not connected' } }, admin);
    const unconnected = await preview({ includeComments: false, defaultWarehouseId: null, warehouseMappings: [] }, admin, draft.data!.createIntegration.id);
    expect(unconnected.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'integrationId' });
    // Globex's own users see Globex's integrations but may not set them up (read-only)
    const globexStore = await t.gql<{ createIntegration: { id: string } }>('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }', { i: { customerId: tenant.globex.id, name: 'Globex AU' } }, admin);
    const readOnly = await preview({ includeComments: false, defaultWarehouseId: null, warehouseMappings: [] }, globexUser, globexStore.data!.createIntegration.id);
    expect(readOnly.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await snapshot();
    // the two new draft integrations are the only change (made by createIntegration above)
    expect({ ...after.database, integrations: null, audit_events: null }).toEqual({ ...before.database, integrations: null, audit_events: null });
    expect({ ...after, database: null }).toEqual({ ...before, database: null });
  });
});
