import { randomUUID } from 'node:crypto';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { Topics } from '../common/event-bus.js';
import type { Customer } from '../customers/customer.entity.js';
import { Warehouse } from '../customers/warehouse.entity.js';
import { makeDemoTenant } from '../../test-support/factories.js';
import { startHostileWorld, type HostileWorld } from '../../test-support/hostile-harness.js';
import { logsOnceThey, readLogs, subscriberCount, subscribersAdded, subscribersReach } from '../../test-support/test-conveyor.js';
import { MAX_SUBSCRIPTIONS_PER_SOCKET, WEBSOCKET_MAX_PAYLOAD } from './websocket-server.js';

/**
 * WebSocket connections obey the token (issue 17 §2): closed with 4401 when it expires (so a removed role
 * does not outlive it), subscriptions only, the same document limits and id checks as HTTP, errors masked
 * as over HTTP, a small maxPayload before authentication. After each, a normal query answers within 1 s.
 */
let w: HostileWorld;
let admin: string;
let acme: Customer;
let globex: Customer;
const clients: Client[] = [];

beforeAll(async () => {
  w = await startHostileWorld();
  admin = await w.admin();
  ({ acme, globex } = await makeDemoTenant(w.t.services.orm.em.fork()));
});

afterEach(async () => {
  for (const client of clients.splice(0)) await client.dispose();
  await w.stillAnswers();
});

afterAll(async () => {
  try {
    w.sweepLogs();
  } finally {
    await w.close();
  }
});

const wsUrl = () => `${w.t.url.replace('http', 'ws')}/graphql`;

interface Connection {
  client: Client;
  closed: Promise<{ code: number; at: number }>;
}

function connect(token: string): Connection {
  let resolveClosed: (value: { code: number; at: number }) => void = () => undefined;
  const closed = new Promise<{ code: number; at: number }>((resolve) => (resolveClosed = resolve));
  const client = createClient({
    url: wsUrl(),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    on: { closed: (event) => resolveClosed({ code: (event as { code: number }).code, at: Date.now() }) },
  });
  clients.push(client);
  return { client, closed };
}

/** Subscribes; collects results; `errors` resolves with the refusal when the server refuses it. */
function subscribe(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const results: FormattedExecutionResult[] = [];
  let onResult: () => void = () => undefined;
  const refused = new Promise<readonly { message: string; extensions?: Record<string, unknown> }[]>((resolve) => {
    client.subscribe({ query, variables }, {
      next: (value) => {
        results.push(value as FormattedExecutionResult);
        onResult();
      },
      error: (error) => resolve(Array.isArray(error) ? error : [{ message: String(error) }]),
      complete: () => undefined,
    });
  });
  const nextResult = (predicate: (r: FormattedExecutionResult) => boolean, timeoutMs = 10_000) =>
    new Promise<FormattedExecutionResult>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching result within ${timeoutMs} ms; got ${JSON.stringify(results)}`)), timeoutMs);
      const check = () => {
        const found = results.find(predicate);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      };
      onResult = check;
      check();
    });
  return { results, refused, nextResult };
}

async function createIntegration(customerId: string, name: string): Promise<string> {
  const result = await w.t.gql<{ createIntegration: { id: string } }>('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }', { i: { customerId, name } }, admin);
  expect(result.errors).toBeUndefined();
  return result.data!.createIntegration.id;
}

const integrationUpdated = 'subscription($c: ID) { integrationUpdated(customerId: $c) { id name customer { id } } }';

describe('a WebSocket held to its token', () => {
  it('is closed with 4401 when its token expires, not before', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 3;
    const { client, closed } = connect(await w.token({ sub: 'short-lived', roles: ['admin'] }, { expiresIn: expiresAt }));
    subscribe(client, integrationUpdated);
    const { code, at } = await closed;
    expect(code).toBe(4401);
    expect(at).toBeGreaterThanOrEqual(expiresAt * 1000 - 20);
    expect(at).toBeLessThan(expiresAt * 1000 + 5_000);
  }, 20_000);

  it('takes a role change at the next token: an admin socket ends at expiry, the same person as a customer user sees only their customer', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 3;
    const subscribersBefore = subscriberCount(w.t, Topics.INTEGRATION_UPDATED);
    const adminSubscribed = subscribersAdded(w.t, Topics.INTEGRATION_UPDATED);
    const asAdmin = connect(await w.token({ sub: 'role-changer', roles: ['admin'] }, { expiresIn: expiresAt }));
    const adminEvents = subscribe(asAdmin.client, integrationUpdated);
    await adminSubscribed(1);
    const globexWhileAdmin = await createIntegration(globex.id, `Globex while admin ${randomUUID().slice(0, 4)}`);
    await adminEvents.nextResult((r) => (r.data?.integrationUpdated as { id: string } | undefined)?.id === globexWhileAdmin);
    expect((await asAdmin.closed).code).toBe(4401);

    // the issuer has removed the admin role: the new token says customer user of Acme
    await subscribersReach(w.t, Topics.INTEGRATION_UPDATED, subscribersBefore, 15_000, true); // the closed socket's subscription is gone
    const customerSubscribed = subscribersAdded(w.t, Topics.INTEGRATION_UPDATED);
    const asCustomer = connect(await w.token({ sub: 'role-changer', roles: ['customer'], customer_id: acme.id }));
    const customerEvents = subscribe(asCustomer.client, integrationUpdated);
    await customerSubscribed(1);
    const globexAfter = await createIntegration(globex.id, `Globex after ${randomUUID().slice(0, 4)}`);
    const acmeAfter = await createIntegration(acme.id, `Acme after ${randomUUID().slice(0, 4)}`);
    await customerEvents.nextResult((r) => (r.data?.integrationUpdated as { id: string } | undefined)?.id === acmeAfter);
    const seen = customerEvents.results.map((r) => (r.data?.integrationUpdated as { id: string } | undefined)?.id);
    expect(seen).not.toContain(globexAfter);
    expect(seen).not.toContain(globexWhileAdmin);
  }, 30_000);

  it('refuses a mutation over WebSocket and creates nothing (it used to create the warehouse)', async () => {
    const before = await w.t.services.orm.em.fork().count(Warehouse);
    const { client } = connect(admin);
    const mutation = subscribe(client, 'mutation { createWarehouse(input: { name: "Sneaky", cartonCloudWarehouseId: "5e0c1d2a-0000-4000-8000-00000000beef" }) { id } }');
    const errors = await mutation.refused;
    expect(errors[0]).toMatchObject({ message: expect.stringMatching(/Only subscriptions/), extensions: { code: 'BAD_REQUEST' } });
    expect(mutation.results).toEqual([]);
    expect(await w.t.services.orm.em.fork().count(Warehouse)).toBe(before);
    const query = subscribe(client, '{ customers { id name } }');
    expect((await query.refused)[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(query.results).toEqual([]);
  });

  it('holds subscriptions to the same document limits and id checks as HTTP', async () => {
    const { client } = connect(admin);
    let doc = 'subscription { integrationUpdated { ...F20 } }\nfragment F0 on Integration { name }\n';
    for (let i = 1; i <= 20; i++) doc += `fragment F${i} on Integration { ...F${i - 1} ...F${i - 1} }\n`;
    expect((await subscribe(client, doc).refused)[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost' } });
    const badId = await subscribe(client, 'subscription { syncRunUpdated(integrationId: "not-a-uuid") { id } }').refused;
    expect(badId[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'integrationId' } });
    expect(JSON.stringify(badId)).not.toMatch(/invalid input syntax|select |postgres/i);
  });

  it('masks an unexpected error in a subscription as over HTTP (no driver text) and logs it', async () => {
    const subscribed = subscribersAdded(w.t, Topics.INTEGRATION_UPDATED);
    const { client } = connect(admin);
    const events = subscribe(client, integrationUpdated, { c: acme.id });
    await subscribed(1);
    // an event no API client could cause: an id PostgreSQL refuses (the driver's text must not leak)
    const malformed = `not-a-uuid-${randomUUID()}`;
    await w.t.services.eventBus.publish(Topics.INTEGRATION_UPDATED, { integrationId: malformed, customerId: acme.id });
    const result = await events.nextResult((r) => Boolean(r.errors?.length));
    expect(result.errors).toEqual([{ message: 'Something went wrong on our side; it has been logged.', path: ['integrationUpdated'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(JSON.stringify(result)).not.toMatch(new RegExp(`${malformed}|invalid input syntax|uuid`));
    expect(await logsOnceThey(w.t, /unexpected error in a GraphQL request/)).toMatch(/unexpected error in a GraphQL request/);
  });

  it('delivers an event about an integration that no longer exists to nobody, logs no error, and keeps the subscription', async () => {
    const subscribed = subscribersAdded(w.t, Topics.INTEGRATION_UPDATED);
    const { client } = connect(admin);
    const events = subscribe(client, integrationUpdated, { c: acme.id });
    await subscribed(1);
    const logBefore = readLogs(w.t).length;
    await w.t.services.eventBus.publish(Topics.INTEGRATION_UPDATED, { integrationId: randomUUID(), customerId: acme.id });
    await new Promise((r) => setTimeout(r, 500));
    expect(events.results).toEqual([]);
    expect(readLogs(w.t).slice(logBefore)).not.toMatch(/"level":50|NotFoundError|unexpected error/);
    // the subscription still delivers the next real change
    const create = 'mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }';
    expect((await w.t.gql(create, { i: { customerId: acme.id, name: `After a vanished one ${randomUUID().slice(0, 6)}` } }, admin)).errors).toBeUndefined();
    const next = await events.nextResult((r) => Boolean(r.data));
    expect(next.errors).toBeUndefined();
  });

  it(`limits a socket to ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions`, async () => {
    const { client } = connect(admin);
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_SOCKET; i++) subscribe(client, integrationUpdated);
    const extra = await subscribe(client, integrationUpdated).refused;
    expect(extra[0]?.message).toMatch(/At most 25 subscriptions/);
  });

  it('closes a socket that sends more than maxPayload before authenticating (1009)', async () => {
    const socket = new WebSocket(wsUrl(), 'graphql-transport-ws');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const code = await new Promise<number>((resolve) => {
      socket.once('close', (c) => resolve(c));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { junk: 'x'.repeat(WEBSOCKET_MAX_PAYLOAD + 1) } }));
    });
    expect(code).toBe(1009);
  });

  it('refuses a socket whose token is not an access token for this API (4403)', async () => {
    const { closed } = connect(await w.token({ sub: 'id-token-holder', roles: ['admin'], at_hash: 'abc', nonce: 'n' }));
    expect((await closed).code).toBe(4403);
  });
});
