import { randomUUID } from 'node:crypto';
import type { Customer } from '../customers/customer.entity.js';
import { Warehouse } from '../customers/warehouse.entity.js';
import { makeDemoTenant } from '../../test-support/factories.js';
import { startHostileWorld, type HostileWorld } from '../../test-support/hostile-harness.js';

/**
 * Malformed requests get a 4xx and leave no secret behind (issue 17 §3), and errors leak nothing (§8):
 * a body that is not JSON is 400 (it was 500, and its raw text — an Unleashed key — went to the log), an
 * oversized body 413, a non-UUID id BAD_USER_INPUT before anything runs (it was INTERNAL_SERVER_ERROR), and
 * another customer's object is "not found" exactly like one that does not exist. After each, a normal
 * query answers within 1 s; at the end the trace-level log holds none of the secrets sent.
 */
let w: HostileWorld;
let admin: string;
let acme: Customer;
let globex: Customer;
let globexIntegration: string;
let acmeUser: string;

beforeAll(async () => {
  w = await startHostileWorld();
  admin = await w.admin();
  ({ acme, globex } = await makeDemoTenant(w.t.services.orm.em.fork()));
  acmeUser = await w.customerUser(acme.id, 'acme-user');
  const created = await w.t.gql<{ createIntegration: { id: string } }>('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }', { i: { customerId: globex.id, name: 'Globex main' } }, admin);
  globexIntegration = created.data!.createIntegration.id;
});

afterEach(async () => {
  await w.stillAnswers();
});

afterAll(async () => {
  try {
    w.sweepLogs();
  } finally {
    await w.close();
  }
});

describe('malformed and oversized requests', () => {
  it('answers 400 to a body that is not JSON, and never logs the body (it held an Unleashed key)', async () => {
    const apiKey = w.secret(`unleashed-key-${randomUUID()}`);
    const body = `{"query":"mutation { configureAuthentication(id: \\"${globexIntegration}\\", input: { apiId: \\"x\\", apiKey: \\"${apiKey}\\" }) { id } }"`; // no closing brace
    const response = await w.post(body, { authorization: `Bearer ${admin}` });
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    expect(response.text).not.toContain(apiKey);
  });

  it('answers 413 to a 5 MB body', async () => {
    const huge = JSON.stringify({ query: '{ viewer { subject } }', variables: { pad: 'x'.repeat(5 * 1024 * 1024) } });
    const response = await w.post(huge, { authorization: `Bearer ${admin}` });
    expect(response.status).toBe(413);
    expect(response.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('answers 415 to a body that is not sent as JSON', async () => {
    const response = await w.post('{ viewer { subject } }', { 'content-type': 'text/plain', authorization: `Bearer ${admin}` });
    expect(response.status).toBe(415);
  });

  it('answers 400 to JSON that is not a GraphQL request', async () => {
    for (const body of ['[]', '"just a string"', '{"query": 42}', '{"variables": {}}', 'null']) {
      const response = await w.post(body, { authorization: `Bearer ${admin}` });
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
  });
});

describe('ids that are not UUIDs', () => {
  it.each([
    ['syncRun', 'query { syncRun(id: "not-a-uuid") { id } }', 'id'],
    ['retryShipment', 'mutation { retryShipment(id: "not-a-uuid") { id } }', 'id'],
    ['syncNow', 'mutation { syncNow(id: "1 OR 1=1") { id } }', 'id'],
    ['customer', 'query { customer(id: "x") { id } }', 'id'],
    ['billingLines', 'query { billingLines(customerId: "nope") { id } }', 'customerId'],
  ])('%s answers BAD_USER_INPUT naming the field, before anything runs', async (_name, query, field) => {
    const result = await w.t.gql(query, {}, admin);
    expect(result.status).toBe(400);
    expect(result.errors).toEqual([{ message: expect.stringContaining('must be an id'), extensions: { code: 'BAD_USER_INPUT', field } }]);
  });

  it('names an id inside input lists and nested inputs, from variables too', async () => {
    const bad = await w.t.gql(
      'mutation($id: ID!, $i: OrderCreationInput!) { configureOrderCreation(id: $id, input: $i) { id } }',
      { id: globexIntegration, i: { includeComments: false, warehouseMappings: [{ unleashedWarehouseCode: 'MEL', warehouseId: randomUUID() }, { unleashedWarehouseCode: 'SYD', warehouseId: 'sydney' }] } },
      admin,
    );
    expect(bad.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.warehouseMappings[1].warehouseId' });
    const list = await w.t.gql('mutation { createCustomer(input: { name: "X", cartonCloudCustomerId: "0c7d9a1c-0000-4000-8000-000000000001", warehouseIds: ["ok?"] }) { id } }', {}, admin);
    expect(list.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.warehouseIds' });
  });

  it('refuses a whole document when one of its mutations has a bad id: the valid one before it is not run', async () => {
    const before = await w.t.services.orm.em.fork().count(Warehouse);
    const result = await w.t.gql(
      'mutation { first: createWarehouse(input: { name: "Would be created", cartonCloudWarehouseId: "5e0c1d2a-0000-4000-8000-0000000000aa" }) { id } second: syncNow(id: "bad") { id } }',
      {},
      admin,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.data ?? null).toBeNull();
    expect(await w.t.services.orm.em.fork().count(Warehouse)).toBe(before);
  });
});

describe("another customer's objects reveal nothing", () => {
  const strip = (result: { errors?: { message: string; extensions?: Record<string, unknown> }[]; data?: unknown }, id: string) =>
    JSON.stringify({ data: result.data ?? null, errors: result.errors }).split(id).join('<id>');

  it.each([
    ['integration', 'query($id: ID!) { integration(id: $id) { id name } }'],
    ['syncNow', 'mutation($id: ID!) { syncNow(id: $id) { id } }'],
    ['renameIntegration', 'mutation($id: ID!) { renameIntegration(id: $id, name: "Mine now") { id } }'],
    ['deleteIntegration', 'mutation($id: ID!) { deleteIntegration(id: $id) { id } }'],
    ['customer', 'query($id: ID!) { customer(id: $id) { id name } }'],
  ])('%s answers for an existing id of another customer exactly as for an id that does not exist', async (name, query) => {
    const foreign = name === 'customer' ? globex.id : globexIntegration;
    const missing = randomUUID();
    const seen = await w.t.gql(query, { id: foreign }, acmeUser);
    const absent = await w.t.gql(query, { id: missing }, acmeUser);
    expect(strip(seen, foreign)).toBe(strip(absent, missing));
    expect(seen.status).toBe(absent.status);
    expect(JSON.stringify(seen)).not.toMatch(/Globex/);
  });
});
