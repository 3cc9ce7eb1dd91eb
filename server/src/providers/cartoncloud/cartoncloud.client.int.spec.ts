import { ManualClock } from '../../common/clock';
import { ProviderError } from '../shared/provider-error';
import { CartonCloudClient, type CartonCloudClientOptions } from './cartoncloud.client';
import { and, dateTime, dispatchedSince, text, type Condition } from './cartoncloud.conditions';
import { DEMO_CARTONCLOUD_CUSTOMERS, DEMO_CARTONCLOUD_WAREHOUSES, seedCartonCloudDemo } from './sandbox/cartoncloud.demo-data';
import { CartonCloudSandbox, type CartonCloudSandboxOptions } from './sandbox/cartoncloud.sandbox';
import type { NewSaleOrder } from './cartoncloud.schemas';
import type { CallInfo } from './cartoncloud.token';

const ACME = DEMO_CARTONCLOUD_CUSTOMERS.acme.id;
const GLOBEX = DEMO_CARTONCLOUD_CUSTOMERS.globex.id;
const TOKEN = 'POST /uaa/oauth/token';
const CREATE = 'POST /tenants/{t}/outbound-orders';
const GET_ORDER = 'GET /tenants/{t}/outbound-orders/{id}';
const fastRetry = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

let sandbox: CartonCloudSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options: CartonCloudSandboxOptions = {}) {
  const clock = new ManualClock(new Date('2026-01-05T00:00:00Z'));
  const box = new CartonCloudSandbox({ clock, ...options });
  sandbox = box;
  const credentials = seedCartonCloudDemo(box, ['TENT-2P']);
  const baseUrl = await box.listen();
  const calls: CallInfo[] = [];
  const client = (extra: Partial<CartonCloudClientOptions> = {}) =>
    new CartonCloudClient({ baseUrl, ...credentials, clock, retry: fastRetry, onCall: (c) => calls.push(c), ...extra });
  return { sandbox: box, clock, baseUrl, credentials, calls, client: client(), makeClient: client };
}

function saleOrder(reference: string, overrides: Partial<NewSaleOrder> = {}): NewSaleOrder {
  return {
    references: { customer: reference },
    customer: { id: ACME },
    warehouse: { id: DEMO_CARTONCLOUD_WAREHOUSES.melbourne.id },
    details: {
      instructions: 'Fragile: pack with care',
      collect: { requiredDate: '2026-01-06' },
      deliver: { address: { companyName: 'Bush Walkers', address1: '1 Main St', city: 'Melbourne', country: { iso2Code: 'AU' } } },
    },
    items: [{ details: { product: { references: { code: 'TENT-2P' } } }, measures: { quantity: 2 } }],
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe('CartonCloudClient against the sandbox: authentication', () => {
  it('fetches one token for many concurrent and later requests', async () => {
    const { client, sandbox } = await start();
    await Promise.all([client.listCustomers(), client.listCustomers(), client.listCustomers()]);
    await client.listCustomers();
    expect(sandbox.stats().calls[TOKEN]).toBe(1);
    expect(sandbox.stats().calls['GET /tenants/{t}/customers']).toBe(4);
  });

  it('renews the token about 60 s before it expires, not earlier', async () => {
    const { client, sandbox, clock } = await start();
    await client.listCustomers();
    clock.advance((3600 - 61) * 1000);
    await client.listCustomers();
    expect(sandbox.stats().calls[TOKEN]).toBe(1);
    clock.advance(2000); // now 59 s before expiry
    await client.listCustomers();
    expect(sandbox.stats().calls[TOKEN]).toBe(2);
  });

  it('fetches a fresh token and retries once when the API answers 401', async () => {
    const { client, sandbox } = await start();
    await client.listCustomers();
    sandbox.revokeTokens();
    await expect(client.listCustomers()).resolves.toHaveLength(2);
    expect(sandbox.stats().calls[TOKEN]).toBe(2);
    expect(sandbox.stats().calls['GET /tenants/{t}/customers']).toBe(3);
  });

  it('gives AUTH when a fresh token is refused too', async () => {
    const setup = await start();
    const client = setup.makeClient({ onCall: (c) => c.endpoint === 'token' && setup.sandbox.revokeTokens() });
    const error = await rejection(client.listCustomers());
    expect(error.code).toBe('AUTH');
    expect(error.status).toBe(401);
    expect(setup.sandbox.stats().calls[TOKEN]).toBe(2);
  });

  it('gives AUTH for bad client credentials without echoing the secret', async () => {
    const { makeClient } = await start();
    const error = await rejection(makeClient({ clientSecret: 'wrong-secret-value' }).listCustomers());
    expect(error.code).toBe('AUTH');
    expect(error.message).not.toContain('wrong-secret-value');
  });

  it('gives NOT_FOUND for an unknown tenant', async () => {
    const { makeClient } = await start();
    const error = await rejection(makeClient({ tenantId: '00000000-0000-4000-8000-00000000dead' }).listCustomers());
    expect(error.code).toBe('NOT_FOUND');
  });
});

describe('CartonCloudClient against the sandbox: creating sale orders', () => {
  it('creates an order (201) with id, version 1, numericId, status and offset timestamps', async () => {
    const { client } = await start();
    const result = await client.createSaleOrder(saleOrder('SO-1 | SS-1'));
    if (result.kind !== 'created') throw new Error(`expected created, got ${result.kind}`);
    const { order } = result;
    expect(order).toMatchObject({
      version: 1,
      status: 'AWAITING_PICK_AND_PACK',
      references: { customer: 'SO-1 | SS-1', numericId: '1001' },
      customer: { id: ACME, name: 'Acme Outdoor' },
      warehouse: { id: DEMO_CARTONCLOUD_WAREHOUSES.melbourne.id, name: 'Melbourne DC' },
      details: { instructions: 'Fragile: pack with care', collect: { requiredDate: '2026-01-06' } },
      timestamps: { created: { time: '2026-01-05T10:00:00.000+10:00' } },
    });
    expect(order.items[0]?.details.product.references?.code).toBe('TENT-2P');
    await expect(client.getSaleOrder(order.id)).resolves.toMatchObject({ id: order.id, version: 1 });
  });

  it('reports an unknown product as rejected (228) with the reasons', async () => {
    const { client } = await start();
    const body = saleOrder('SO-2 | SS-1', {
      items: [
        { details: { product: { references: { code: 'TENT-2P' } } }, measures: { quantity: 1 } },
        { details: { product: { references: { code: 'NOPE-1' }, name: 'Mystery box' } }, measures: { quantity: 3 } },
      ],
    });
    const result = await client.createSaleOrder(body);
    expect(result.kind).toBe('rejected');
    if (result.kind !== 'rejected') return;
    expect(result.order.status).toBe('REJECTED');
    expect(result.reasons).toEqual(['Mystery box (NOPE-1) x 3 UNITS - Product not found']);
  });

  it("drops an unknown product's line when the customer setting says remove-line", async () => {
    const { client, sandbox, credentials } = await start();
    sandbox.setCustomerSettings(credentials.tenantId, ACME, { unknownProduct: 'remove-line' });
    const result = await client.createSaleOrder(
      saleOrder('SO-3 | SS-1', {
        items: [
          { details: { product: { references: { code: 'TENT-2P' } } }, measures: { quantity: 1 } },
          { details: { product: { references: { code: 'NOPE-1' } } }, measures: { quantity: 3 } },
        ],
      }),
    );
    expect(result.kind).toBe('created');
    if (result.kind === 'created') expect(result.order.items.map((i) => i.details.product.references?.code)).toEqual(['TENT-2P']);
  });

  it('throws VALIDATION with JSON pointers for every invalid field (422)', async () => {
    const { client } = await start();
    const body = {
      references: { customer: '' },
      details: { deliver: { address: { address1: '1 Main St' } } },
      items: [{ details: { product: {} }, measures: { quantity: 0 } }],
    } as unknown as NewSaleOrder;
    const error = await rejection(client.createSaleOrder(body));
    expect(error.code).toBe('VALIDATION');
    expect(error.status).toBe(422);
    expect(error.fieldErrors.map((e) => e.field)).toEqual([
      '/references/customer',
      '/customer',
      '/details/deliver/address',
      '/items/0/details/product',
      '/items/0/measures/quantity',
    ]);
  });

  it('refuses a warehouse the customer may not use (422 on /warehouse)', async () => {
    const { client } = await start();
    const error = await rejection(client.createSaleOrder(saleOrder('SO-4 | SS-1', { customer: { id: GLOBEX }, warehouse: { name: 'Auckland DC' } })));
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors).toEqual([expect.objectContaining({ field: '/warehouse', message: 'Customer is not allowed to use this warehouse' })]);
  });

  it('resolves the customer by references.code and the warehouse by default', async () => {
    const { client } = await start();
    const result = await client.createSaleOrder(saleOrder('SO-5 | SS-1', { customer: { references: { code: 'GLOBEX' } }, warehouse: undefined }));
    expect(result.kind).toBe('created');
    if (result.kind === 'created') {
      expect(result.order.customer.id).toBe(GLOBEX);
      expect(result.order.warehouse?.name).toBe('Melbourne DC');
    }
  });

  it('reads a 422 DUPLICATE when the customer refuses duplicate references', async () => {
    const { client, sandbox, credentials } = await start();
    sandbox.setCustomerSettings(credentials.tenantId, ACME, { duplicateReferences: 'reject' });
    const first = await client.createSaleOrder(saleOrder('SO-6 | SS-1'));
    const second = await client.createSaleOrder(saleOrder('SO-6 | SS-1'));
    expect(first.kind).toBe('created');
    expect(second).toEqual({ kind: 'duplicate', duplicateId: first.kind === 'created' ? first.order.id : 'x' });
  });

  it('replaces a REJECTED order under override-if-rejected, and still refuses a live one', async () => {
    const { client, sandbox, credentials } = await start();
    sandbox.setCustomerSettings(credentials.tenantId, ACME, { duplicateReferences: 'override-if-rejected' });
    const unknown = { items: [{ details: { product: { references: { code: 'NOPE-1' } } }, measures: { quantity: 1 } }] };
    const rejected = await client.createSaleOrder(saleOrder('SO-7 | SS-1', unknown));
    expect(rejected.kind).toBe('rejected');
    const replaced = await client.createSaleOrder(saleOrder('SO-7 | SS-1'));
    expect(replaced.kind).toBe('created');
    if (rejected.kind !== 'rejected' || replaced.kind !== 'created') return;
    expect(replaced.order.id).not.toBe(rejected.order.id);
    expect((await rejection(client.getSaleOrder(rejected.order.id))).code).toBe('NOT_FOUND');
    await expect(client.createSaleOrder(saleOrder('SO-7 | SS-1'))).resolves.toEqual({ kind: 'duplicate', duplicateId: replaced.order.id });
  });

  it('gives RATE_LIMITED past the create limit, counts the 429s, and allows creates again after the window', async () => {
    const { makeClient, sandbox, clock } = await start({ createRateLimit: { limit: 2, windowMs: 60_000 } });
    const client = makeClient({ retry: { ...fastRetry, maxAttempts: 1 } });
    await client.createSaleOrder(saleOrder('RL-1'));
    clock.advance(30_000);
    await client.createSaleOrder(saleOrder('RL-2'));
    const error = await rejection(client.createSaleOrder(saleOrder('RL-3')));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.options.retryAfterMs).toBeUndefined(); // not documented, not sent by default
    expect(sandbox.stats().rateLimited).toBe(1);
    clock.advance(30_001); // the first create left the sliding window
    await expect(client.createSaleOrder(saleOrder('RL-3'))).resolves.toMatchObject({ kind: 'created' });
  });

  it('passes Retry-After on when the sandbox is switched to send it', async () => {
    const { makeClient } = await start({ createRateLimit: { limit: 1, windowMs: 60_000 }, sendRetryAfter: true });
    const client = makeClient({ retry: { ...fastRetry, maxAttempts: 1 } });
    await client.createSaleOrder(saleOrder('RA-1'));
    const error = await rejection(client.createSaleOrder(saleOrder('RA-2')));
    expect(error.options.retryAfterMs).toBe(60_000);
  });

  it('retries a create refused with 429, which created nothing', async () => {
    const { client, sandbox } = await start();
    await client.listCustomers(); // token first, so the burst hits the create
    sandbox.setFaults({ rateLimitBurst: 1 });
    await expect(client.createSaleOrder(saleOrder('RL-9'))).resolves.toMatchObject({ kind: 'created' });
    expect(sandbox.stats().calls[CREATE]).toBe(2);
  });

  it('does not retry a create that failed with 5xx, since it may have happened', async () => {
    const { client, sandbox } = await start();
    await client.listCustomers();
    sandbox.setFaults({ errorBurst: 1 });
    const error = await rejection(client.createSaleOrder(saleOrder('E-1')));
    expect(error.code).toBe('TEMPORARY');
    expect(sandbox.stats().calls[CREATE]).toBe(1);
    await expect(client.findSaleOrdersByCustomerReference('E-1', ACME)).resolves.toEqual([]);
  });
});

describe('CartonCloudClient against the sandbox: searching', () => {
  it('finds every order with a customer reference for that customer only, with the stamp each was sent with', async () => {
    const { client } = await start();
    const first = await client.createSaleOrder(saleOrder('REF-1', { references: { customer: 'REF-1', alternateReference: 'conveyor:one' } }));
    await client.createSaleOrder(saleOrder('REF-1', { customer: { id: GLOBEX } }));
    const second = await client.createSaleOrder(saleOrder('REF-1', { references: { customer: 'REF-1', alternateReference: 'conveyor:two' } }));
    await client.createSaleOrder(saleOrder('REF-10'));
    const found = await client.findSaleOrdersByCustomerReference('REF-1', ACME);
    expect(found.map((o) => [o.id, o.references.alternateReference])).toEqual([
      [first.kind === 'created' ? first.order.id : 'x', 'conveyor:one'],
      [second.kind === 'created' ? second.order.id : 'x', 'conveyor:two'],
    ]);
    await expect(client.findSaleOrdersByCustomerReference('REF-2', ACME)).resolves.toEqual([]);
  });

  it('probes with a fresh token and one search: AUTH once the secret was rotated, TEMPORARY during an outage', async () => {
    const { client, sandbox, credentials } = await start();
    await client.probe();
    await client.probe();
    expect(sandbox.stats().calls[TOKEN]).toBe(2);
    sandbox.startOutage({ ms: 60_000 });
    expect((await rejection(client.probe())).code).toBe('TEMPORARY');
    sandbox.endOutage();
    sandbox.rotateClientSecret(credentials.tenantId, credentials.clientId, 'rotated');
    expect((await rejection(client.probe())).code).toBe('AUTH');
  });

  it('pages through orders dispatched since a time, with the paging headers', async () => {
    const { client, sandbox, clock } = await start();
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const result = await client.createSaleOrder(saleOrder(`D-${i}`));
      if (result.kind === 'created') ids.push(result.order.id);
    }
    sandbox.dispatchOrder(ids[0]!, { carrier: 'StarTrack', trackingNumber: 'ST0', packages: 1 });
    clock.advance(3_600_000); // 2026-01-05T01:00Z
    for (const id of ids.slice(1, 4)) sandbox.dispatchOrder(id, { carrier: 'StarTrack', trackingNumber: `ST-${id}`, packages: 1 });

    const pages = [];
    for await (const page of client.searchAllSaleOrders(dispatchedSince('2026-01-05T11:00:00+10:00', ACME), 2)) pages.push(page);
    expect(pages.map((p) => [p.page, p.size, p.totalPages, p.totalElements, p.items.length])).toEqual([
      [1, 2, 2, 3, 2],
      [2, 2, 2, 3, 1],
    ]);
    expect(pages.flatMap((p) => p.items.map((o) => o.id))).toEqual(ids.slice(1, 4));

    const dispatched = await client.searchSaleOrders(and(text('/status', 'EQUAL_TO', 'DISPATCHED')), { page: 1, size: 10 });
    expect(dispatched.totalElements).toBe(4);
    const awaiting = await client.searchSaleOrders(and(text('/status', 'EQUAL_TO', 'AWAITING_PICK_AND_PACK')));
    expect(awaiting.items.map((o) => o.id)).toEqual([ids[4]]);
  });

  it('accepts STARTS_WITH on a timestamp (local date prefix)', async () => {
    const { client } = await start();
    await client.createSaleOrder(saleOrder('T-1'));
    const hit = await client.searchSaleOrders(and(text('/timestamps/created/time', 'STARTS_WITH', '2026-01-05')));
    const miss = await client.searchSaleOrders(and(text('/timestamps/created/time', 'STARTS_WITH', '2026-01-04')));
    expect([hit.totalElements, miss.totalElements]).toEqual([1, 0]);
    const before = await client.searchSaleOrders(and(dateTime('/timestamps/created/time', 'LESS_THAN', '2026-01-05T00:00:00Z')));
    expect(before.totalElements).toBe(0);
  });

  it('gives VALIDATION with "Missing field: conditions" for a bare top-level comparison', async () => {
    const { client } = await start();
    const bare = text('/status', 'EQUAL_TO', 'DISPATCHED') as Condition;
    const error = await rejection(client.searchSaleOrders(bare));
    expect(error.code).toBe('VALIDATION');
    expect(error.status).toBe(400);
    expect(error.message).toContain('Missing field: conditions');
  });
});

describe('CartonCloudClient against the sandbox: fulfilment', () => {
  it('finds no fulfilment before dispatch, then carrier, tracking and packages after it', async () => {
    const { client, sandbox } = await start();
    const created = await client.createSaleOrder(saleOrder('F-1'));
    if (created.kind !== 'created') throw new Error('not created');
    await expect(client.findFulfilmentConsignment(created.order.id)).resolves.toBeNull();
    sandbox.startPacking(created.order.id);
    expect((await client.getSaleOrder(created.order.id)).status).toBe('PACKING_IN_PROGRESS');
    sandbox.dispatchOrder(created.order.id, { carrier: 'Australia Post', trackingNumber: '33LPK0001', trackingUrl: 'https://auspost.com.au/t/33LPK0001', packages: 3 });

    const order = await client.getSaleOrder(created.order.id);
    expect(order).toMatchObject({ status: 'DISPATCHED', version: 3 });
    expect(order.timestamps.dispatched?.time).toBe('2026-01-05T10:00:00.000+10:00');
    await expect(client.findFulfilmentConsignment(created.order.id)).resolves.toMatchObject({
      carrier: 'Australia Post',
      trackingNumber: '33LPK0001',
      trackingUrl: 'https://auspost.com.au/t/33LPK0001',
      packages: 3,
      status: 'IN_WAREHOUSE',
    });
  });

  it('sees tracking that changed after dispatch', async () => {
    const { client, sandbox } = await start();
    const created = await client.createSaleOrder(saleOrder('F-2'));
    if (created.kind !== 'created') throw new Error('not created');
    const { consignment } = sandbox.dispatchOrder(created.order.id, { carrier: 'StarTrack', trackingNumber: 'OLD', packages: 1 });
    sandbox.updateConsignmentTracking(consignment.id as string, { carrier: 'Aramex', trackingNumber: 'NEW-1' });
    await expect(client.findFulfilmentConsignment(created.order.id)).resolves.toMatchObject({ carrier: 'Aramex', trackingNumber: 'NEW-1', packages: 1 });
  });
});

describe('CartonCloudClient against the sandbox: failures', () => {
  it('retries a read answered 5xx and succeeds', async () => {
    const { client, sandbox } = await start();
    const created = await client.createSaleOrder(saleOrder('R-1'));
    if (created.kind !== 'created') throw new Error('not created');
    sandbox.setFaults({ errorBurst: 2 });
    await expect(client.getSaleOrder(created.order.id)).resolves.toMatchObject({ id: created.order.id });
    expect(sandbox.stats().calls[GET_ORDER]).toBe(3);
  });

  it('gives TEMPORARY when reads keep failing with 5xx', async () => {
    const { client, sandbox } = await start();
    await client.listCustomers();
    sandbox.setFaults({ errorBurst: 5 });
    const error = await rejection(client.listCustomers());
    expect(error.code).toBe('TEMPORARY');
    expect(error.status).toBe(503);
  });

  it('gives TEMPORARY when the API does not answer in time', async () => {
    const { makeClient, sandbox } = await start();
    const client = makeClient({ timeoutMs: 150, retry: { ...fastRetry, maxAttempts: 1 } });
    await client.listCustomers();
    sandbox.setFaults({ timeoutBurst: 1 });
    const started = Date.now();
    const error = await rejection(client.listCustomers());
    expect(error.code).toBe('TEMPORARY');
    expect(error.status).toBeUndefined(); // no answer at all
    expect(Date.now() - started).toBeLessThan(2_000);
    // (the message says "network error" under jest: shared http-call's `instanceof Error` misses the
    // cross-realm DOMException of AbortSignal.timeout; outside jest it says "timed out after 150 ms")
  });

  it('gives NOT_FOUND for an unknown sale order', async () => {
    const { client } = await start();
    const error = await rejection(client.getSaleOrder('00000000-0000-4000-8000-000000000000'));
    expect(error.code).toBe('NOT_FOUND');
  });

  it('reports every attempt to onCall with its endpoint and status', async () => {
    const { client, calls } = await start();
    await client.listCustomers();
    expect(calls.map((c) => [c.endpoint, c.status])).toEqual([
      ['token', 200],
      ['listCustomers', 200],
    ]);
  });
});

describe('CartonCloudClient against the sandbox: warehouse products', () => {
  it('finds which of many codes a customer\u2019s catalogue holds, 50 codes per search, never another customer\u2019s', async () => {
    const { sandbox: box, credentials, client } = await start();
    box.addProducts(credentials.tenantId, GLOBEX, [{ code: 'GLOBEX-ONLY' }]);
    const codes = ['TENT-2P', 'GLOBEX-ONLY', ...Array.from({ length: 60 }, (_, i) => `NOPE-${i}`)];
    box.resetStats();
    const found = await client.findProductsByCode(ACME, codes);
    expect(found.map((p) => p.references.code)).toEqual(['TENT-2P']);
    expect(found[0]).toMatchObject({ scope: 'WAREHOUSE', customer: { id: ACME }, details: { active: true } });
    expect(box.stats().calls['POST /tenants/{t}/warehouse-products/search']).toBe(2);
    // codes are compared exactly, as the create's product lookup does
    expect(await client.findProductsByCode(ACME, ['tent-2p'])).toEqual([]);
  });
});
