import { ManualClock } from '../../../common/clock';
import {
  DEMO_CARTONCLOUD_CLIENT_ID,
  DEMO_CARTONCLOUD_CLIENT_SECRET,
  DEMO_CARTONCLOUD_CUSTOMERS,
  DEMO_CARTONCLOUD_TENANT_ID,
  seedCartonCloudDemo,
} from './cartoncloud.demo-data';
import { CartonCloudSandbox, type CartonCloudSandboxOptions } from './cartoncloud.sandbox';
import { demoProductCodes } from '../../unleashed/sandbox/unleashed.demo-data';

// Raw HTTP against the sandbox: what the client never sends (missing headers, other tenants) and the control API.
const T = DEMO_CARTONCLOUD_TENANT_ID;
const ACME = DEMO_CARTONCLOUD_CUSTOMERS.acme.id;
const basic = `Basic ${Buffer.from(`${DEMO_CARTONCLOUD_CLIENT_ID}:${DEMO_CARTONCLOUD_CLIENT_SECRET}`).toString('base64')}`;

let sandbox: CartonCloudSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options: CartonCloudSandboxOptions = {}) {
  const clock = new ManualClock(new Date('2026-01-05T00:00:00Z'));
  sandbox = new CartonCloudSandbox({ clock, ...options });
  seedCartonCloudDemo(sandbox, ['TENT-2P']);
  const url = await sandbox.listen();
  const call = async (method: string, path: string, init: { headers?: Record<string, string>; body?: unknown } = {}) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const token = async () => {
    const response = await fetch(`${url}/uaa/oauth/token`, {
      method: 'POST',
      headers: { Authorization: basic, 'Accept-Version': '1', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    return { status: response.status, body: (await response.json()) as { access_token: string; token_type: string; expires_in: number } };
  };
  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const { body: t } = await token();
    return call(method, path, { body, headers: { Authorization: `Bearer ${t.access_token}`, 'Accept-Version': '1', ...headers } });
  };
  return { sandbox, clock, url, call, token, api };
}

const order = (reference: string) => ({
  references: { customer: reference },
  customer: { id: ACME },
  details: { deliver: { address: { contactName: 'Sam' } } },
  items: [{ details: { product: { references: { code: 'TENT-2P' } } }, measures: { quantity: 1 } }],
});
const byStatus = (status: string) => ({
  condition: { type: 'AndCondition', conditions: [{ type: 'TextComparisonCondition', field: { type: 'JsonField', pointer: '/status' }, value: { type: 'ValueField', value: status }, method: 'EQUAL_TO' }] },
});

describe('CartonCloud sandbox over HTTP', () => {
  it('answers 400 without Accept-Version and 406 for another version, as JSON arrays', async () => {
    const { call } = await start();
    const missing = await call('GET', `/tenants/${T}/customers`);
    expect(missing).toMatchObject({ status: 400, body: [{ message: 'Missing required header: Accept-Version' }] });
    const other = await call('POST', '/uaa/oauth/token', { headers: { 'Accept-Version': '2', Authorization: basic } });
    expect(other.status).toBe(406);
    expect(Array.isArray(other.body)).toBe(true);
  });

  it('issues a lowercase bearer token with the configured lifetime and refuses it with 401 once expired', async () => {
    const { token, call, clock } = await start({ tokenExpiresInSeconds: 120 });
    const issued = await token();
    expect(issued).toMatchObject({ status: 200, body: { token_type: 'bearer', expires_in: 120 } });
    const headers = { Authorization: `Bearer ${issued.body.access_token}`, 'Accept-Version': '1' };
    expect((await call('GET', `/tenants/${T}/customers`, { headers })).status).toBe(200);
    clock.advance(120_000);
    const expired = await call('GET', `/tenants/${T}/customers`, { headers });
    expect(expired).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
  });

  it('refuses bad client credentials with 401 and a grant other than client_credentials with 400', async () => {
    await start();
    const wrong = `Basic ${Buffer.from(`${DEMO_CARTONCLOUD_CLIENT_ID}:nope`).toString('base64')}`;
    const bad = await fetch(`${sandbox!.url}/uaa/oauth/token`, {
      method: 'POST',
      headers: { Authorization: wrong, 'Accept-Version': '1', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(bad.status).toBe(401);
    const grant = await fetch(`${sandbox!.url}/uaa/oauth/token`, {
      method: 'POST',
      headers: { Authorization: basic, 'Accept-Version': '1', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password',
    });
    expect(grant.status).toBe(400);
  });

  it("answers 404 for an unknown tenant and 403 for another tenant's data", async () => {
    const { api, sandbox: box } = await start();
    box.createTenant({ id: '11111111-1111-4111-8111-111111111111' });
    expect((await api('GET', '/tenants/22222222-2222-4222-8222-222222222222/customers')).status).toBe(404);
    expect(await api('GET', '/tenants/11111111-1111-4111-8111-111111111111/customers')).toMatchObject({ status: 403, body: [{ message: 'Access is denied' }] });
  });

  it('lists and gets customers as {name, id}', async () => {
    const { api } = await start();
    const list = await api('GET', `/tenants/${T}/customers`);
    expect(list.body).toEqual([
      { name: 'Acme Outdoor', id: ACME },
      { name: 'Globex Foods', id: DEMO_CARTONCLOUD_CUSTOMERS.globex.id },
    ]);
    expect((await api('GET', `/tenants/${T}/customers/${ACME}`)).body).toEqual({ name: 'Acme Outdoor', id: ACME });
    expect((await api('GET', `/tenants/${T}/customers/nope`)).status).toBe(404);
  });

  it('answers a search with paging and Link headers, and only ids with Prefer: return=minimal', async () => {
    const { api } = await start();
    const ids: string[] = [];
    for (const ref of ['A', 'B', 'C']) ids.push(((await api('POST', `/tenants/${T}/outbound-orders`, order(ref))).body as { id: string }).id);
    const page = await api('POST', `/tenants/${T}/outbound-orders/search?page=2&size=1`, byStatus('AWAITING_PICK_AND_PACK'), { Prefer: 'return=minimal' });
    expect(page.body).toEqual([{ id: ids[1] }]);
    expect(page.headers.get('Preference-Applied')).toBe('return=minimal');
    expect([page.headers.get('Total-Pages'), page.headers.get('Page-Size'), page.headers.get('Page-Number'), page.headers.get('Total-Elements')]).toEqual(['3', '1', '2', '3']);
    expect(page.headers.get('Link')).toContain('page=3&size=1>; rel="next"');
    expect(page.headers.get('Link')).toContain('page=1&size=1>; rel="prev"');
  });

  it('refuses a bare comparison, an undocumented pointer (strict by default) and a wrong method', async () => {
    const { api } = await start();
    const bare = await api('POST', `/tenants/${T}/outbound-orders/search`, { condition: byStatus('X').condition.conditions[0] });
    expect(bare).toMatchObject({ status: 400, body: [{ message: 'Missing field: conditions' }] });
    const pointer = { condition: { type: 'AndCondition', conditions: [{ ...byStatus('X').condition.conditions[0], field: { type: 'JsonField', pointer: '/details/urgent' } }] } };
    expect((await api('POST', `/tenants/${T}/outbound-orders/search`, pointer)).status).toBe(400);
    const method = { condition: { type: 'AndCondition', conditions: [{ ...byStatus('X').condition.conditions[0], method: 'GREATER_THAN' }] } };
    expect((await api('POST', `/tenants/${T}/outbound-orders/search`, method)).status).toBe(400);
  });

  it('accepts any pointer when strictSearchPointers is off', async () => {
    const { api } = await start({ strictSearchPointers: false });
    await api('POST', `/tenants/${T}/outbound-orders`, order('P-1'));
    const condition = { condition: { type: 'AndCondition', conditions: [{ ...byStatus('X').condition.conditions[0], field: { type: 'JsonField', pointer: '/details/deliver/address/contactName' }, value: { type: 'ValueField', value: 'Sam' } }] } };
    const found = await api('POST', `/tenants/${T}/outbound-orders/search`, condition);
    expect((found.body as unknown[]).length).toBe(1);
  });

  it('deletes an order with 204, then answers 404 for it', async () => {
    const { api } = await start();
    const { id } = (await api('POST', `/tenants/${T}/outbound-orders`, order('DEL-1'))).body as { id: string };
    expect((await api('DELETE', `/tenants/${T}/outbound-orders/${id}`)).status).toBe(204);
    expect((await api('GET', `/tenants/${T}/outbound-orders/${id}`)).status).toBe(404);
  });

  it('runs the warehouse side over the control API: dispatch, tracking change, stats and faults', async () => {
    const { api, call, token } = await start();
    const { id } = (await api('POST', `/tenants/${T}/outbound-orders`, order('CTL-1'))).body as { id: string };
    const dispatched = await call('POST', `/__sandbox/orders/${id}/dispatch`, { body: { carrier: 'StarTrack', trackingNumber: 'ST1', packages: 2 } });
    expect(dispatched.status).toBe(200);
    const consignmentId = (dispatched.body as { consignment: { id: string } }).consignment.id;
    expect((await call('PATCH', `/__sandbox/consignments/${consignmentId}/tracking`, { body: { trackingNumber: 'ST2' } })).status).toBe(200);
    const fulfilment = await api('POST', `/tenants/${T}/consignments/search`, {
      condition: { type: 'AndCondition', conditions: [{ type: 'TextComparisonCondition', field: { type: 'JsonField', pointer: '/generatedFromTask/id' }, value: { type: 'ValueField', value: id }, method: 'EQUAL_TO' }] },
    });
    expect(fulfilment.body).toEqual([
      expect.objectContaining({ references: expect.objectContaining({ tracking: 'ST2' }), details: expect.objectContaining({ type: 'WAREHOUSE_FULFILMENT' }) }),
    ]);
    expect((await call('POST', `/__sandbox/orders/${id}/dispatch`, { body: { carrier: 'X', trackingNumber: 'Y', packages: 1 } })).status).toBe(409);

    expect((await call('PUT', '/__sandbox/faults', { body: { rateLimitBurst: 1 } })).status).toBe(200);
    expect((await token()).status).toBe(429);
    const stats = (await call('GET', '/__sandbox/stats')).body as { calls: Record<string, number>; rateLimited: number };
    expect(stats.rateLimited).toBe(1);
    expect(stats.calls['POST /tenants/{t}/outbound-orders']).toBe(1);
    expect((await call('GET', `/__sandbox/tenants/${T}/orders`)).body).toHaveLength(1);
  });

  it('sets up a tenant from scratch over the control API', async () => {
    const { call } = await start();
    const tenant = (await call('POST', '/__sandbox/tenants', { body: { name: 'Other 3PL' } })).body as { id: string };
    const client = await call('POST', `/__sandbox/tenants/${tenant.id}/clients`, { body: {} });
    expect(client.body).toEqual({ clientId: expect.any(String), clientSecret: expect.any(String) });
    const warehouse = (await call('POST', `/__sandbox/tenants/${tenant.id}/warehouses`, { body: { name: 'Perth DC' } })).body as { id: string; isDefault: boolean };
    expect(warehouse.isDefault).toBe(true);
    const customer = (await call('POST', `/__sandbox/tenants/${tenant.id}/customers`, { body: { name: 'Initech' } })).body as { id: string };
    expect((await call('PUT', `/__sandbox/tenants/${tenant.id}/customers/${customer.id}/warehouses`, { body: { warehouseIds: [warehouse.id] } })).status).toBe(204);
    expect((await call('POST', `/__sandbox/tenants/${tenant.id}/customers/${customer.id}/products`, { body: { products: [{ code: 'W-1' }] } })).status).toBe(204);
    const settings = await call('PATCH', `/__sandbox/tenants/${tenant.id}/customers/${customer.id}/settings`, { body: { duplicateReferences: 'reject' } });
    expect(settings.body).toEqual({ unknownProduct: 'reject', duplicateReferences: 'reject', allowInvalidAddresses: false });
    expect((await call('PATCH', `/__sandbox/tenants/${tenant.id}/customers/${customer.id}/settings`, { body: { unknownProduct: 'ignore' } })).status).toBe(400);
  });

  it('moves orders along and dispatches them with a carrier and packages in auto-progress mode', async () => {
    const { api, clock, sandbox: box } = await start({ random: () => 0.5 });
    const { id } = (await api('POST', `/tenants/${T}/outbound-orders`, order('AUTO-1'))).body as { id: string };
    box.autoProgress({ dispatchAfterMs: 80 });
    clock.advance(50);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(box.getOrder(id)?.status).toBe('PACKING_IN_PROGRESS');
    clock.advance(50);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(box.getOrder(id)?.status).toBe('DISPATCHED');
    const [consignment] = [...box.store.tenant(T).consignments.values()] as Array<{ details: { tracking: { companyName: string } }; items: unknown[] }>;
    expect(consignment?.details.tracking.companyName).toBe('Aramex');
    expect(consignment?.items).toHaveLength(1);
  });

  it("seeds the demo catalogue with the Unleashed demo's SKUs, so demo orders are accepted", async () => {
    const box = new CartonCloudSandbox();
    sandbox = box;
    seedCartonCloudDemo(box);
    const answer = box.orders.create(box.store.tenant(T), {
      ...order('DEMO-1'),
      items: [demoProductCodes[0], demoProductCodes[demoProductCodes.length - 1]].map((code) => ({ details: { product: { references: { code } } }, measures: { quantity: 1 } })),
    });
    expect(answer.status).toBe(201);
  });
});
