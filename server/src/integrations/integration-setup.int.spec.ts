import type { Customer } from '../customers/customer.entity.js';
import type { Warehouse } from '../customers/warehouse.entity.js';
import { makeDemoTenant, makeUnleashedAccount } from '../../test-support/factories.js';
import { readLogs, startTestConveyor, type TestConveyor } from '../../test-support/test-conveyor.js';

const INTEGRATION_FIELDS = `id name status nextStep unleashedApiId includeComments fulfilmentEnabled activatedAt
  defaultWarehouse { id name } warehouseMappings { unleashedWarehouseCode warehouse { id } } skippedUnleashedWarehouseCodes health customer { id name }`;
const CREATE = `mutation($input: CreateIntegrationInput!) { createIntegration(input: $input) { ${INTEGRATION_FIELDS} } }`;
const AUTH = `mutation($id: ID!, $input: AuthenticationInput!) { configureAuthentication(id: $id, input: $input) { ${INTEGRATION_FIELDS} } }`;
const ORDERS = `mutation($id: ID!, $input: OrderCreationInput!) { configureOrderCreation(id: $id, input: $input) { ${INTEGRATION_FIELDS} } }`;
const FULFIL = `mutation($id: ID!, $input: FulfilmentInput!) { configureFulfilment(id: $id, input: $input) { ${INTEGRATION_FIELDS} } }`;
const FINISH = `mutation($id: ID!) { finishIntegration(id: $id) { ${INTEGRATION_FIELDS} } }`;
const DELETE = `mutation($id: ID!) { deleteIntegration(id: $id) { ${INTEGRATION_FIELDS} } }`;

interface IntegrationView {
  id: string;
  name: string;
  status: string;
  nextStep: string;
  unleashedApiId: string | null;
  activatedAt: string | null;
  defaultWarehouse: { id: string } | null;
  warehouseMappings: { unleashedWarehouseCode: string; warehouse: { id: string } | null }[];
  skippedUnleashedWarehouseCodes: string[];
  health: string;
}

/** Every row of the setup tables, to prove a rejected mutation changed nothing. */
async function snapshot(t: TestConveyor): Promise<string> {
  const conn = t.services.orm.em.getConnection();
  const tables = ['integrations', 'warehouse_mappings', 'customers', 'customer_warehouses', 'audit_events'];
  const parts = await Promise.all(tables.map((table) => conn.execute(`select to_jsonb(t) as row from ${table} t order by 1`)));
  return JSON.stringify(parts);
}

describe('integration setup through GraphQL', () => {
  let t: TestConveyor;
  let admin: string;
  let acme: Customer;
  let globex: Customer;
  let warehouses: { melbourne: Warehouse; sydney: Warehouse; auckland: Warehouse };
  let account: { apiId: string; apiKey: string };

  beforeAll(async () => {
    t = await startTestConveyor();
    const tenant = await makeDemoTenant(t.services.orm.em.fork());
    ({ acme, globex, warehouses } = tenant);
    admin = await t.issuer.admin();
    account = makeUnleashedAccount(t.unleashed);
  });
  afterAll(async () => {
    await t.close();
  });

  async function created(name: string, customerId = acme.id, token = admin): Promise<IntegrationView> {
    const result = await t.gql<{ createIntegration: IntegrationView }>(CREATE, { input: { customerId, name } }, token);
    expect(result.errors).toBeUndefined();
    return result.data!.createIntegration;
  }

  async function authenticated(name: string): Promise<IntegrationView> {
    const integration = await created(name);
    const result = await t.gql(AUTH, { id: integration.id, input: account }, admin);
    expect(result.errors).toBeUndefined();
    return integration;
  }

  it('takes an integration through the four steps to ACTIVE and schedules its polling', async () => {
    const integration = await created('NZ store');
    expect(integration).toMatchObject({ status: 'DRAFT', nextStep: 'AUTHENTICATION', unleashedApiId: null, health: 'NOT_ACTIVE' });

    const auth = await t.gql<{ configureAuthentication: IntegrationView }>(AUTH, { id: integration.id, input: account }, admin);
    expect(auth.errors).toBeUndefined();
    expect(auth.data!.configureAuthentication).toMatchObject({ nextStep: 'ORDER_CREATION', unleashedApiId: account.apiId });

    const orders = await t.gql<{ configureOrderCreation: IntegrationView }>(
      ORDERS,
      { id: integration.id, input: { includeComments: true, defaultWarehouseId: warehouses.melbourne.id, warehouseMappings: [{ unleashedWarehouseCode: 'AKL', warehouseId: warehouses.auckland.id }, { unleashedWarehouseCode: 'SYD', warehouseId: null }] } },
      admin,
    );
    expect(orders.errors).toBeUndefined();
    expect(orders.data!.configureOrderCreation).toMatchObject({
      nextStep: 'FULFILMENT',
      defaultWarehouse: { id: warehouses.melbourne.id },
      warehouseMappings: [
        { unleashedWarehouseCode: 'AKL', warehouse: { id: warehouses.auckland.id } },
        { unleashedWarehouseCode: 'SYD', warehouse: null },
      ],
      skippedUnleashedWarehouseCodes: [],
    });

    const fulfil = await t.gql<{ configureFulfilment: IntegrationView }>(FULFIL, { id: integration.id, input: { enabled: true } }, admin);
    expect(fulfil.data!.configureFulfilment).toMatchObject({ nextStep: 'COMPLETE', status: 'DRAFT' });

    const finish = await t.gql<{ finishIntegration: IntegrationView }>(FINISH, { id: integration.id }, admin);
    expect(finish.errors).toBeUndefined();
    expect(finish.data!.finishIntegration.status).toBe('ACTIVE');
    expect(finish.data!.finishIntegration.activatedAt).not.toBeNull();
    expect(await t.services.scheduler.scheduledCount('orders.poll', integration.id)).toBe(1);
    expect(await t.services.scheduler.scheduledCount('fulfilment.poll', integration.id)).toBe(1);

    const customer = await t.gql<{ customer: { activeIntegrationCount: number; hasLiveIntegration: boolean } }>(
      `query($id: ID!) { customer(id: $id) { activeIntegrationCount hasLiveIntegration } }`,
      { id: acme.id },
      admin,
    );
    expect(customer.data!.customer).toEqual({ activeIntegrationCount: 1, hasLiveIntegration: true });

    // reconfiguring an ACTIVE integration keeps it running
    const reconfigured = await t.gql<{ configureOrderCreation: IntegrationView }>(ORDERS, { id: integration.id, input: { includeComments: false, defaultWarehouseId: warehouses.sydney.id, warehouseMappings: [] } }, admin);
    expect(reconfigured.errors).toBeUndefined();
    expect(reconfigured.data!.configureOrderCreation).toMatchObject({ status: 'ACTIVE', defaultWarehouse: { id: warehouses.sydney.id }, warehouseMappings: [] });

    // delete: polling and billing stop at once, history kept, name free again
    const deleted = await t.gql<{ deleteIntegration: IntegrationView }>(DELETE, { id: integration.id }, admin);
    expect(deleted.data!.deleteIntegration.status).toBe('DELETED');
    expect(await t.services.scheduler.scheduledCount('orders.poll', integration.id)).toBe(0);
    expect(await t.services.scheduler.scheduledCount('fulfilment.poll', integration.id)).toBe(0);
    const again = await t.gql<{ integration: IntegrationView }>(`query($id: ID!) { integration(id: $id) { status } }`, { id: integration.id }, admin);
    expect(again.data!.integration.status).toBe('DELETED');
    await created('NZ store');
  });

  describe('step 1: createIntegration', () => {
    it.each([
      ['an empty name', '   ', 'input.name', /required/],
      ['a name that is too long', 'x'.repeat(81), 'input.name', /at most 80/],
    ])('refuses %s with BAD_USER_INPUT on the field and changes nothing', async (_label, name, field, message) => {
      const before = await snapshot(t);
      const result = await t.gql(CREATE, { input: { customerId: acme.id, name } }, admin);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message).toMatch(message);
      expect(await snapshot(t)).toBe(before);
    });

    it('refuses a name the customer already uses, whatever its case, and changes nothing', async () => {
      await created('Wholesale');
      const before = await snapshot(t);
      const result = await t.gql(CREATE, { input: { customerId: acme.id, name: '  WHOLESALE ' } }, admin);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
      expect(await snapshot(t)).toBe(before);
    });

    it('trims the name and allows the same name for another customer', async () => {
      const integration = await created('  Retail   store ', globex.id);
      expect(integration.name).toBe('Retail store');
    });

    it('answers NOT_FOUND for an unknown customer', async () => {
      const result = await t.gql(CREATE, { input: { customerId: '7d1f0c2e-0000-4000-8000-000000000000', name: 'x' } }, admin);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.customerId' });
    });
  });

  describe('step 2: configureAuthentication', () => {
    it('refuses credentials Unleashed rejects with UNLEASHED_AUTH_FAILED and stores nothing', async () => {
      const integration = await created('Bad key');
      const before = await snapshot(t);
      const result = await t.gql(AUTH, { id: integration.id, input: { apiId: account.apiId, apiKey: 'wrong-key' } }, admin);
      expect(result.errors?.[0]?.extensions?.code).toBe('UNLEASHED_AUTH_FAILED');
      expect(result.errors?.[0]?.message).not.toContain('wrong-key');
      expect(await snapshot(t)).toBe(before);
    });

    it('answers UPSTREAM_UNAVAILABLE and stores nothing when Unleashed does not answer', async () => {
      const integration = await created('Unreachable');
      const before = await snapshot(t);
      t.unleashed.setFaults({ errorRate: 1 });
      try {
        const result = await t.gql(AUTH, { id: integration.id, input: account }, admin);
        expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      } finally {
        t.unleashed.setFaults({ errorRate: 0 });
      }
      expect(await snapshot(t)).toBe(before);
    });

    it.each([
      [{ apiId: 'not-a-guid', apiKey: 'k' }, 'input.apiId'],
      [{ apiId: '', apiKey: 'k' }, 'input.apiId'],
      [{ apiId: '1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f', apiKey: '  ' }, 'input.apiKey'],
    ])('refuses malformed input %j on %s without calling Unleashed', async (input, field) => {
      const integration = await created(`Malformed ${field} ${input.apiId.length}`);
      const before = await snapshot(t);
      const result = await t.gql(AUTH, { id: integration.id, input }, admin);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await snapshot(t)).toBe(before);
    });
  });

  describe('step 3: configureOrderCreation', () => {
    it('is refused before the Unleashed account is connected', async () => {
      const integration = await created('No account yet');
      const result = await t.gql(ORDERS, { id: integration.id, input: { includeComments: false, warehouseMappings: [] } }, admin);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    });

    it.each([
      ['a default warehouse the customer may not use', (w: typeof warehouses) => ({ includeComments: false, defaultWarehouseId: w.auckland.id, warehouseMappings: [] }), 'input.defaultWarehouseId'],
      ['a mapping to a warehouse the customer may not use', (w: typeof warehouses) => ({ includeComments: false, warehouseMappings: [{ unleashedWarehouseCode: 'AKL', warehouseId: w.auckland.id }] }), 'input.warehouseMappings[0].warehouseId'],
      ['a code the Unleashed account does not have', () => ({ includeComments: false, warehouseMappings: [{ unleashedWarehouseCode: 'AKL', warehouseId: null }, { unleashedWarehouseCode: 'PER', warehouseId: null }] }), 'input.warehouseMappings[1].unleashedWarehouseCode'],
      ['a code in the wrong case (codes are exact)', () => ({ includeComments: false, warehouseMappings: [{ unleashedWarehouseCode: 'akl', warehouseId: null }] }), 'input.warehouseMappings[0].unleashedWarehouseCode'],
      ['a prefix of a real code', () => ({ includeComments: false, warehouseMappings: [{ unleashedWarehouseCode: 'AK', warehouseId: null }] }), 'input.warehouseMappings[0].unleashedWarehouseCode'],
      ['the same code twice', () => ({ includeComments: false, warehouseMappings: [{ unleashedWarehouseCode: 'SYD', warehouseId: null }, { unleashedWarehouseCode: 'SYD', warehouseId: null }] }), 'input.warehouseMappings[1].unleashedWarehouseCode'],
    ])('refuses %s with the field named and changes nothing', async (_label, makeInput, field) => {
      // Globex may use Melbourne and Sydney only
      const integration = (await t.gql<{ createIntegration: IntegrationView }>(CREATE, { input: { customerId: globex.id, name: `Step 3 ${field} ${Math.random()}` } }, admin)).data!.createIntegration;
      expect((await t.gql(AUTH, { id: integration.id, input: account }, admin)).errors).toBeUndefined();
      const before = await snapshot(t);
      const result = await t.gql(ORDERS, { id: integration.id, input: makeInput(warehouses) }, admin);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await snapshot(t)).toBe(before);
    });

    it('says which Unleashed warehouse codes would be skipped when there is no default', async () => {
      const integration = await authenticated('Skips');
      const result = await t.gql<{ configureOrderCreation: IntegrationView }>(ORDERS, { id: integration.id, input: { includeComments: false, warehouseMappings: [{ unleashedWarehouseCode: 'AKL', warehouseId: warehouses.auckland.id }, { unleashedWarehouseCode: 'SYD', warehouseId: null }] } }, admin);
      expect(result.errors).toBeUndefined();
      expect(result.data!.configureOrderCreation.skippedUnleashedWarehouseCodes).toEqual(['MEL', 'SYD']);
    });

    it('lists the Unleashed account\u2019s warehouses for the wizard', async () => {
      const integration = await authenticated('Lists warehouses');
      const result = await t.gql<{ unleashedWarehouses: { code: string }[] }>(`query($id: ID!) { unleashedWarehouses(integrationId: $id) { code name isDefault } }`, { id: integration.id }, admin);
      expect(result.data!.unleashedWarehouses.map((w) => w.code).sort()).toEqual(['AKL', 'MEL', 'SYD']);
    });
  });

  describe('step 4 and finish', () => {
    it('sets the Unleashed account\u2019s time zone, and refuses one that does not exist without changing anything', async () => {
      const integration = await authenticated('Time zone');
      await t.gql(ORDERS, { id: integration.id, input: { includeComments: false, defaultWarehouseId: warehouses.melbourne.id, warehouseMappings: [] } }, admin);
      const before = await snapshot(t);
      const bad = await t.gql(FULFIL, { id: integration.id, input: { enabled: true, unleashedTimeZone: 'Mars/Olympus' } }, admin);
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.unleashedTimeZone' });
      expect(await snapshot(t)).toBe(before);
      const good = await t.gql<{ configureFulfilment: { unleashedTimeZone: string } }>(
        `mutation($id: ID!, $input: FulfilmentInput!) { configureFulfilment(id: $id, input: $input) { unleashedTimeZone } }`,
        { id: integration.id, input: { enabled: true, unleashedTimeZone: 'Pacific/Auckland' } },
        admin,
      );
      expect(good.data?.configureFulfilment.unleashedTimeZone).toBe('Pacific/Auckland');
    });

    it('refuses to activate before every step is done', async () => {
      const integration = await authenticated('Half done');
      const before = await snapshot(t);
      const result = await t.gql(FINISH, { id: integration.id }, admin);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
      expect(result.errors?.[0]?.message).toMatch(/order creation/);
      expect(await snapshot(t)).toBe(before);
    });
  });

  it('keeps the API key out of every response, log line and database column', async () => {
    const secret = makeUnleashedAccount(t.unleashed);
    const integration = await created('Secret keeper');
    const responses: string[] = [];
    const record = async (query: string, variables: Record<string, unknown>) => responses.push(JSON.stringify(await t.gql(query, variables, admin)));
    await record(AUTH, { id: integration.id, input: { apiId: secret.apiId, apiKey: `${secret.apiKey}-wrong` } });
    await record(AUTH, { id: integration.id, input: secret });
    await record(ORDERS, { id: integration.id, input: { includeComments: true, defaultWarehouseId: warehouses.melbourne.id, warehouseMappings: [] } });
    await record(FULFIL, { id: integration.id, input: { enabled: false } });
    await record(FINISH, { id: integration.id });
    await record(`query($id: ID!) { integration(id: $id) { ${INTEGRATION_FIELDS} auditTrail { action details } } customers { integrations { ${INTEGRATION_FIELDS} } } }`, { id: integration.id });
    for (const response of responses) expect(response).not.toContain(secret.apiKey);

    expect(readLogs(t)).not.toContain(secret.apiKey);
    expect(readLogs(t).length).toBeGreaterThan(0);

    const conn = t.services.orm.em.getConnection();
    const tables = await conn.execute<{ table_name: string }[]>(`select table_name from information_schema.tables where table_schema = 'public'`);
    for (const { table_name } of tables) {
      const rows = await conn.execute<{ dump: string | null }[]>(`select string_agg(t::text, ' ') as dump from "${table_name}" t`);
      expect(rows[0]?.dump ?? '').not.toContain(secret.apiKey);
    }
    // the key did reach Unleashed: it signed the requests the sandbox accepted
    expect(t.unleashed.callCounts(secret.apiId).callsThisMonth).toBeGreaterThan(0);
  });
});

describe('a tenant without Warehouse Fulfilments', () => {
  let t: TestConveyor;
  afterAll(async () => {
    await t?.close();
  });

  it('refuses to turn fulfilment on, says why, and changes nothing', async () => {
    t = await startTestConveyor({ env: { CARTONCLOUD_WAREHOUSE_FULFILMENTS: 'false' } });
    const { acme, warehouses } = await makeDemoTenant(t.services.orm.em.fork());
    const admin = await t.issuer.admin();
    const account = makeUnleashedAccount(t.unleashed);
    const integration = (await t.gql<{ createIntegration: { id: string } }>(CREATE, { input: { customerId: acme.id, name: 'No WF' } }, admin)).data!.createIntegration;
    await t.gql(AUTH, { id: integration.id, input: account }, admin);
    await t.gql(ORDERS, { id: integration.id, input: { includeComments: false, defaultWarehouseId: warehouses.melbourne.id, warehouseMappings: [] } }, admin);
    const before = await snapshot(t);
    const result = await t.gql(FULFIL, { id: integration.id, input: { enabled: true } }, admin);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.enabled' });
    expect(result.errors?.[0]?.message).toMatch(/Warehouse Fulfilments/);
    expect(await snapshot(t)).toBe(before);
    const off = await t.gql<{ configureFulfilment: { nextStep: string } }>(FULFIL, { id: integration.id, input: { enabled: false } }, admin);
    expect(off.data!.configureFulfilment.nextStep).toBe('COMPLETE');
  });
});
