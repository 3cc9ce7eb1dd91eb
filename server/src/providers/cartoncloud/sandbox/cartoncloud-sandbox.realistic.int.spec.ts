import { ManualClock } from '../../../common/clock';
import { DEMO_CARTONCLOUD_CLIENT_ID, DEMO_CARTONCLOUD_CLIENT_SECRET, DEMO_CARTONCLOUD_CUSTOMERS, DEMO_CARTONCLOUD_TENANT_ID, seedCartonCloudDemo } from './cartoncloud.demo-data';
import { CartonCloudSandbox, type CartonCloudSandboxOptions } from './cartoncloud.sandbox';

// What issue 12 taught the sandbox (provider README "Behaviour where the docs are silent"): the address
// lookup, duplicates allowed, the create log, an outage on the test's clock, lost answers, a rotated secret.
const T = DEMO_CARTONCLOUD_TENANT_ID;
const ACME = DEMO_CARTONCLOUD_CUSTOMERS.acme.id;

let sandbox: CartonCloudSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options: CartonCloudSandboxOptions = {}) {
  const clock = new ManualClock(new Date('2026-01-05T00:00:00Z'));
  const box = new CartonCloudSandbox({ clock, ...options });
  sandbox = box;
  seedCartonCloudDemo(box, ['TENT-2P']);
  const url = await box.listen();
  const tokenWith = async (secret: string) =>
    fetch(`${url}/uaa/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${DEMO_CARTONCLOUD_CLIENT_ID}:${secret}`).toString('base64')}`, 'Accept-Version': '1', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
      signal: AbortSignal.timeout(300),
    });
  const api = async (method: string, path: string, body?: unknown, bearer?: string) => {
    const token = bearer ?? ((await (await tokenWith(DEMO_CARTONCLOUD_CLIENT_SECRET)).json()) as { access_token: string }).access_token;
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Accept-Version': '1', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown> & Record<number, unknown>) : undefined };
  };
  const create = (reference: string, address: Record<string, unknown> = {}, references: Record<string, unknown> = {}) =>
    api('POST', `/tenants/${T}/outbound-orders`, {
      references: { customer: reference, ...references },
      customer: { id: ACME },
      details: { deliver: { address: { companyName: 'Bush Walkers', address1: '1 George St', city: 'Sydney', ...address } } },
      items: [{ details: { product: { references: { code: 'TENT-2P' } } }, measures: { quantity: 1 } }],
    });
  return { box, clock, url, api, create, tokenWith };
}

type Order = { id: string; status: string; details: { errors?: { message: string; isResolved: boolean }[]; deliver: { address: Record<string, unknown> } } };

describe('CartonCloud sandbox: the address lookup uses the first key supplied (reference §3.1)', () => {
  it('resolves a 2-letter iso2Code, a 3-letter iso3Code, a full name, and a state by code or by name', async () => {
    const { create } = await start();
    for (const [country, state] of [
      [{ iso2Code: 'AU' }, { code: 'NSW' }],
      [{ iso3Code: 'aus' }, { name: 'new south wales' }],
      [{ name: 'Australia' }, { code: 'nsw' }],
    ] as const) {
      const answer = await create(`OK-${JSON.stringify(country)}`, { country, state });
      expect(answer.status).toBe(201);
      expect((answer.body as unknown as Order).details.deliver.address).toMatchObject({
        country: { iso2Code: 'AU', iso3Code: 'AUS', name: 'Australia' },
        state: { code: 'NSW', name: 'New South Wales' },
      });
    }
  });

  it('rejects (228 REJECTED) a country name sent as a code, a code sent as a name, and never falls back to a later key', async () => {
    const { create } = await start();
    const cases = [
      [{ name: 'AU' }, undefined, 'Country not found: name "AU"'],
      [{ iso2Code: 'Australia' }, undefined, 'Country not found: iso2Code "Australia"'],
      [{ iso2Code: 'XX', name: 'Australia' }, undefined, 'Country not found: iso2Code "XX"'],
      [{ iso2Code: 'AU' }, { name: 'NSW' }, 'State not found in Australia: name "NSW"'],
      [{ iso2Code: 'AU' }, { code: 'New South Wales' }, 'State not found in Australia: code "New South Wales"'],
    ] as const;
    for (const [country, state, problem] of cases) {
      const answer = await create(`BAD-${JSON.stringify([country, state])}`, { country, state });
      expect(answer.status).toBe(228);
      const order = answer.body as unknown as Order;
      expect(order.status).toBe('REJECTED');
      expect(order.details.errors).toEqual([{ message: `Delivery address - ${problem}`, isResolved: false }]);
    }
  });

  it('takes a state of a country whose states it does not know as given, and the default country when none is named', async () => {
    const { create } = await start();
    expect((await create('DE-1', { country: { iso2Code: 'DE' }, state: { name: 'Bayern' } })).status).toBe(201);
    const none = await create('NONE-1', { state: { code: 'VIC' } });
    expect(none.status).toBe(201);
    expect((none.body as unknown as Order).details.deliver.address).toMatchObject({ country: { iso2Code: 'AU' }, state: { code: 'VIC', name: 'Victoria' } });
  });

  it('creates the order with the address as given when the customer allows invalid addresses via API', async () => {
    const { box, create } = await start();
    box.setCustomerSettings(T, ACME, { allowInvalidAddresses: true });
    const answer = await create('ALLOW-1', { country: { name: 'AU' }, state: { name: 'NSW' } });
    expect(answer.status).toBe(201);
    expect((answer.body as unknown as Order).details.deliver.address).toMatchObject({ country: { name: 'AU' }, state: { name: 'NSW' } });
  });

  it("answers 422 with the address field instead, under the switch invalidAddressAnswer: 'unprocessable'", async () => {
    const { create, box } = await start({ invalidAddressAnswer: 'unprocessable' });
    const answer = await create('U-1', { country: { iso2Code: 'AU' }, state: { name: 'NSW' } });
    expect(answer).toEqual({ status: 422, body: [{ field: '/details/deliver/address/state', message: 'State not found in Australia: name "NSW"' }] });
    expect(box.listOrders(T)).toHaveLength(0);
  });
});

describe('CartonCloud sandbox: duplicates and the create log', () => {
  it('allows a second order with the same reference by default, logs every create request, and refuses it under duplicateReferences: reject', async () => {
    const { box, create } = await start();
    const first = await create('SO-1 | SS-1', {}, { alternateReference: 'conveyor:a' });
    const second = await create('SO-1 | SS-1', {}, { alternateReference: 'conveyor:b' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(box.listOrders(T).map((o) => (o.references as { alternateReference: string }).alternateReference)).toEqual(['conveyor:a', 'conveyor:b']);
    box.setCustomerSettings(T, ACME, { duplicateReferences: 'reject' });
    const third = await create('SO-1 | SS-1');
    expect(third.status).toBe(422);
    expect(third.body![0]).toMatchObject({ type: 'DUPLICATE', details: { duplicateId: (second.body as unknown as Order).id } });
    expect(box.createLog().map((e) => [e.reference, e.alternateReference, e.status, e.orderId !== null])).toEqual([
      ['SO-1 | SS-1', 'conveyor:a', 201, true],
      ['SO-1 | SS-1', 'conveyor:b', 201, true],
      ['SO-1 | SS-1', null, 422, false],
    ]);
    expect(box.createCallsPerReference()).toEqual(new Map([['SO-1 | SS-1', 3]]));
  });

  it('carries out a create whose answer is lost (lostAnswerBurst): the client sees a dropped connection, the order exists', async () => {
    const { box, create } = await start();
    box.setFaults({ lostAnswerBurst: 1 });
    await expect(create('LOST-1')).rejects.toThrow();
    expect(box.listOrders(T)).toHaveLength(1);
    expect(box.createLog()).toEqual([expect.objectContaining({ reference: 'LOST-1', status: 201, answered: false })]);
  });
});

describe('CartonCloud sandbox: an outage on the sandbox clock, and a rotated client secret', () => {
  it('fails every request (the token too) with 503 for the minutes given, then answers again', async () => {
    const { box, clock, create, tokenWith } = await start();
    box.startOutage({ ms: 8 * 60_000 });
    expect((await tokenWith(DEMO_CARTONCLOUD_CLIENT_SECRET)).status).toBe(503);
    clock.advance(8 * 60_000 - 1);
    expect((await tokenWith(DEMO_CARTONCLOUD_CLIENT_SECRET)).status).toBe(503);
    clock.advance(1);
    expect((await create('AFTER-1')).status).toBe(201);
  });

  it("never answers during a 'timeout' outage", async () => {
    const { box, tokenWith } = await start();
    box.startOutage({ ms: 60_000, kind: 'timeout' });
    await expect(tokenWith(DEMO_CARTONCLOUD_CLIENT_SECRET)).rejects.toThrow();
    box.endOutage();
    expect((await tokenWith(DEMO_CARTONCLOUD_CLIENT_SECRET)).status).toBe(200);
  });

  it('refuses the old secret and the tokens issued with it once the 3PL rotates the secret', async () => {
    const { box, api, tokenWith } = await start();
    const old = ((await (await tokenWith(DEMO_CARTONCLOUD_CLIENT_SECRET)).json()) as { access_token: string }).access_token;
    box.rotateClientSecret(T, DEMO_CARTONCLOUD_CLIENT_ID, 'rotated-secret');
    expect((await tokenWith(DEMO_CARTONCLOUD_CLIENT_SECRET)).status).toBe(401);
    expect((await api('GET', `/tenants/${T}/customers`, undefined, old)).status).toBe(401);
    expect((await tokenWith('rotated-secret')).status).toBe(200);
  });
});
