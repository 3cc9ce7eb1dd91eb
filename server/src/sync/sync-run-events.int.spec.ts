import { createClient } from 'graphql-ws';
import { Topics } from '../common/event-bus.js';
import WebSocket from 'ws';
import { demoProductCodes } from '../providers/unleashed/sandbox/unleashed.demo-data.js';
import { makeDemoTenant, makeUnleashedAccount } from '../../test-support/factories.js';
import { startTestConveyor, subscribersAdded, type TestConveyor } from '../../test-support/test-conveyor.js';

interface RunEvent {
  syncRunUpdated: { id: string; kind: string; status: string; total: number | null; processed: number; created: number };
}

function watchRuns(t: TestConveyor, token: string) {
  const events: RunEvent['syncRunUpdated'][] = [];
  const client = createClient({ url: `${t.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  const ready = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  client.subscribe<RunEvent>(
    { query: 'subscription { syncRunUpdated { id kind status total processed created } }' },
    { next: (value) => value.data && events.push(value.data.syncRunUpdated), error: () => undefined, complete: () => undefined },
  );
  return { events, ready, close: () => client.dispose() };
}

describe('syncRunUpdated', () => {
  let t: TestConveyor;
  beforeAll(async () => {
    t = await startTestConveyor();
  });
  afterAll(async () => {
    await t.close();
  });

  it('streams a poll\u2019s progress to its customer\u2019s users and admins, not to other customers', async () => {
    const { acme, globex, warehouses } = await makeDemoTenant(t.services.orm.em.fork());
    const admin = await t.issuer.admin();
    const account = makeUnleashedAccount(t.unleashed);
    for (let i = 0; i < 3; i++) {
      t.unleashed.createOrder(account.apiId, { warehouseCode: 'MEL', delivery: { name: `Buyer ${i}`, streetAddress: '1 Main St', city: 'Melbourne', country: 'Australia' }, lines: [{ productCode: demoProductCodes[i]!, quantity: 1 }] });
    }
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const result = await t.gql<Record<string, { id: string }>>(query, variables, admin);
      expect(result.errors).toBeUndefined();
      return result.data!;
    };
    const { createIntegration } = await gql('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }', { i: { customerId: acme.id, name: 'Live' } });
    const id = createIntegration!.id;
    await gql('mutation($id: ID!, $i: AuthenticationInput!) { configureAuthentication(id: $id, input: $i) { id } }', { id, i: account });
    await gql('mutation($id: ID!, $i: OrderCreationInput!) { configureOrderCreation(id: $id, input: $i) { id } }', { id, i: { includeComments: false, defaultWarehouseId: warehouses.melbourne.id, warehouseMappings: [] } });
    await gql('mutation($id: ID!) { configureFulfilment(id: $id, input: { enabled: false }) { id } }', { id });

    const subscribed = subscribersAdded(t, Topics.SYNC_RUN_UPDATED);
    const mine = watchRuns(t, await t.issuer.customerUser(acme.id));
    const theirs = watchRuns(t, await t.issuer.customerUser(globex.id));
    const all = watchRuns(t, admin);
    await Promise.all([mine.ready, theirs.ready, all.ready]);
    await subscribed(3);

    await gql('mutation($id: ID!) { finishIntegration(id: $id) { id } }', { id }); // the first poll runs at once
    const deadline = Date.now() + 20_000;
    while (!mine.events.some((e) => e.kind === 'ORDERS' && e.status === 'SUCCEEDED') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));

    const orders = mine.events.filter((e) => e.kind === 'ORDERS');
    expect(orders[0]?.status).toBe('RUNNING');
    expect(orders.at(-1)).toMatchObject({ status: 'SUCCEEDED', total: 3, processed: 3, created: 3 });
    expect(all.events.filter((e) => e.kind === 'ORDERS').at(-1)).toMatchObject({ status: 'SUCCEEDED', created: 3 });
    expect(theirs.events).toEqual([]);
    await Promise.all([mine.close(), theirs.close(), all.close()]);
  });
});
