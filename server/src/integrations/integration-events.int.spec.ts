import { createClient, type Client } from 'graphql-ws';
import { Topics } from '../common/event-bus.js';
import pg from 'pg';
import WebSocket from 'ws';
import { makeCustomer, makeDemoTenant } from '../../test-support/factories.js';
import { startTestConveyor, subscribersAdded, type TestConveyor } from '../../test-support/test-conveyor.js';

interface Event {
  integrationUpdated: { name: string; status: string; customer: { name: string } };
}

/** Collects integrationUpdated events over a real WebSocket for one token. */
function subscribe(t: TestConveyor, token: string, customerId?: string) {
  const events: Event[] = [];
  const client: Client = createClient({ url: `${t.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  const ready = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  const dispose = client.subscribe<Event>(
    { query: 'subscription($c: ID) { integrationUpdated(customerId: $c) { name status customer { name } } }', variables: { c: customerId ?? null } },
    { next: (value) => value.data && events.push(value.data), error: (e) => events.push({ integrationUpdated: { name: `error ${JSON.stringify(e)}`, status: '', customer: { name: '' } } }), complete: () => undefined },
  );
  return { events, ready, close: async () => { dispose(); await client.dispose(); } };
}

const until = async (check: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
};

describe('integrationUpdated', () => {
  let t: TestConveyor;
  beforeAll(async () => {
    t = await startTestConveyor();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reaches admins for every customer and customer users for their own only', async () => {
    const { acme, globex } = await makeDemoTenant(t.services.orm.em.fork());
    const admin = await t.issuer.admin();
    const subscribed = subscribersAdded(t, Topics.INTEGRATION_UPDATED);
    const adminStream = subscribe(t, admin);
    const acmeStream = subscribe(t, await t.issuer.customerUser(acme.id));
    const adminAcmeOnly = subscribe(t, admin, acme.id);
    await Promise.all([adminStream.ready, acmeStream.ready, adminAcmeOnly.ready]);
    await subscribed(3);

    const create = 'mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }';
    expect((await t.gql(create, { i: { customerId: globex.id, name: 'Globex feed' } }, admin)).errors).toBeUndefined();
    expect((await t.gql(create, { i: { customerId: acme.id, name: 'Acme feed' } }, admin)).errors).toBeUndefined();

    await until(() => adminStream.events.length >= 2 && acmeStream.events.length >= 1 && adminAcmeOnly.events.length >= 1);
    await new Promise((r) => setTimeout(r, 300)); // nothing else should arrive
    expect(adminStream.events.map((e) => e.integrationUpdated.name).sort()).toEqual(['Acme feed', 'Globex feed']);
    expect(acmeStream.events.map((e) => e.integrationUpdated.name)).toEqual(['Acme feed']);
    expect(adminAcmeOnly.events.map((e) => e.integrationUpdated)).toEqual([{ name: 'Acme feed', status: 'DRAFT', customer: { name: 'Acme Outdoor' } }]);
    await Promise.all([adminStream.close(), acmeStream.close(), adminAcmeOnly.close()]);
  });

  it('replays the changes made while the event listener was down, once it is back (PostgreSQL keeps no NOTIFY for it)', async () => {
    const acme = await makeCustomer(t.services.orm.em.fork(), { name: 'Gap Outdoor' });
    const admin = await t.issuer.admin();
    const created = await t.gql<{ createIntegration: { id: string } }>('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }', { i: { customerId: acme.id, name: 'Before the gap' } }, admin);
    const id = created.data!.createIntegration.id;
    const subscribed = subscribersAdded(t, Topics.INTEGRATION_UPDATED);
    const stream = subscribe(t, admin, acme.id);
    await stream.ready;
    await subscribed(1);

    // PostgreSQL drops every connection of the product (a restart, a failover); while its listener is
    // reconnecting, the integration changes — here by another process's hand, so no NOTIFY reaches anyone
    const admin2 = new pg.Client({ connectionString: t.databaseUrl });
    await admin2.connect();
    try {
      await admin2.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
      await admin2.query(`update integrations set name = 'Renamed in the gap', updated_at = now() where id = $1`, [id]);
    } finally {
      await admin2.end();
    }
    await until(() => stream.events.some((e) => e.integrationUpdated.name === 'Renamed in the gap'), 20_000);
    expect(stream.events.map((e) => e.integrationUpdated.name)).toContain('Renamed in the gap');
    await stream.close();
  }, 30_000);
});
