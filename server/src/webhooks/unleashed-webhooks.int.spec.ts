import { randomUUID } from 'node:crypto';
import { demoProductCodes } from '../providers/unleashed/sandbox/unleashed.demo-data.js';
import { webhookSignature } from '../providers/unleashed/sandbox/unleashed-sandbox.webhooks.js';
import { makeDemoTenant, makeUnleashedAccount } from '../../test-support/factories.js';
import { startTestConveyor, type TestConveyor } from '../../test-support/test-conveyor.js';

/**
 * Unleashed webhooks end to end (issue 13, CONTRACT §6): the subscription made at activation and removed on
 * delete, signed deliveries from the Unleashed sandbox reaching CartonCloud within seconds although the poll
 * interval is an hour, and what is refused (401, nothing changed) or ignored (a replay). CartonCloud's
 * sandbox accepts duplicate references, so a double create would show in its create log.
 */
describe('Unleashed webhooks', () => {
  let t: TestConveyor;
  let admin: string;
  let tenant: Awaited<ReturnType<typeof makeDemoTenant>>;
  beforeAll(async () => {
    t = await startTestConveyor({
      env: { UNLEASHED_WEBHOOKS: 'on', SYNC_POLL_INTERVAL: '1 hour', UNLEASHED_WEBHOOK_POLL_INTERVAL: '6 hours', CARTONCLOUD_CREATE_RATE_PER_MINUTE: '600' },
      unleashedOptions: { webhooks: { deliveryDelayMs: 50, retryDelaysMs: [200, 400] } } as never,
    });
    admin = await t.issuer.admin();
    tenant = await makeDemoTenant(t.services.orm.em.fork());
  });
  afterAll(async () => {
    await t.close();
  });

  const gql = async <T,>(query: string, variables: Record<string, unknown> = {}) => {
    const result = await t.gql<T>(query, variables, admin);
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const waitFor = async <T,>(what: string, read: () => Promise<T> | T, done: (value: T) => boolean, ms = 15_000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what} not reached: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const sql = <T,>(query: string, params: unknown[] = []) => t.services.orm.em.fork().getConnection().execute<T[]>(query, params);

  async function activate(name: string, account = makeUnleashedAccount(t.unleashed, { orderManagement: true })) {
    const id = (await gql<{ createIntegration: { id: string } }>('mutation($i: CreateIntegrationInput!) { createIntegration(input: $i) { id } }', { i: { customerId: tenant.acme.id, name } })).createIntegration.id;
    await gql('mutation($id: ID!, $i: AuthenticationInput!) { configureAuthentication(id: $id, input: $i) { id } }', { id, i: account });
    await gql('mutation($id: ID!, $i: OrderCreationInput!) { configureOrderCreation(id: $id, input: $i) { id } }', {
      id,
      i: { includeComments: false, warehouseMappings: [{ unleashedWarehouseCode: 'AKL', warehouseId: tenant.warehouses.auckland.id }] },
    });
    await gql('mutation($id: ID!) { configureFulfilment(id: $id, input: { enabled: false }) { id } }', { id });
    await gql('mutation($id: ID!) { finishIntegration(id: $id) { id } }', { id });
    return { id, account };
  }
  const placeOrder = (apiId: string) => t.unleashed.createOrder(apiId, { orderNumber: `WH-${randomUUID().slice(0, 8)}`, warehouseCode: 'AKL', delivery: { name: 'Pat', streetAddress: '1 Queen St', city: 'Auckland', country: 'New Zealand' }, lines: [{ productCode: demoProductCodes[1]!, quantity: 1 }] });
  const creates = (reference: string) => t.cartonCloud.createLog().filter((e) => e.status !== 429 && e.reference === reference).length;
  const webhookRuns = async (integrationId: string) => Number((await sql<{ n: string }>(`select count(*) as n from sync_runs where integration_id = ? and trigger = 'webhook'`, [integrationId]))[0]!.n);
  const subscriptionsOf = (apiId: string) => t.unleashed.webhooks.of(apiId);
  /** a delivery as Unleashed signs it (the key from the sandbox's control surface) */
  const deliver = (integrationId: string, body: Record<string, unknown>, key: string, timestamp = Math.floor(Date.now() / 1000)) => {
    const raw = JSON.stringify(body);
    return fetch(`${t.url}/webhooks/unleashed/${integrationId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-unleashed-timestamp': String(timestamp), 'x-unleashed-signature': webhookSignature(key, String(timestamp), raw) },
      body: raw,
    });
  };

  let main: { id: string; account: { apiId: string; apiKey: string } };

  it('subscribes at activation, and a webhook order reaches CartonCloud within seconds (poll interval: 1 hour), once', async () => {
    main = await activate('Webhooks main');
    const [subscription] = await waitFor('subscription', () => subscriptionsOf(main.account.apiId), (s) => s.length === 1);
    expect(subscription).toMatchObject({ notificationUrl: `${t.url}/webhooks/unleashed/${main.id}`, eventTypes: ['salesorder.created', 'salesorder.updated'] });
    // the key is stored sealed, never as given
    const [stored] = await sql<{ subscription_id: string; signature_key_sealed: string }>(`select subscription_id, signature_key_sealed from unleashed_webhooks where integration_id = ?`, [main.id]);
    expect(stored!.subscription_id).toBe(subscription!.subscriptionId);
    expect(stored!.signature_key_sealed).not.toContain(subscription!.signatureKey);
    // the first (immediate) poll is done before the order is placed
    await waitFor('first poll', () => sql<{ n: string }>(`select count(*) as n from sync_runs where integration_id = ? and status <> 'RUNNING'`, [main.id]), (r) => Number(r[0]!.n) >= 1);

    const placed = Date.now();
    const { order, shipments } = placeOrder(main.account.apiId);
    const reference = `${order.OrderNumber} | ${shipments[0]!.ShipmentNumber}`;
    await waitFor('sale order created', () => creates(reference), (n) => n >= 1, 10_000);
    expect(Date.now() - placed).toBeLessThan(10_000);
    const [delivery] = t.unleashed.webhooks.deliveries.filter((d) => d.orderGuid === order.Guid);
    expect(delivery).toMatchObject({ eventType: 'salesorder.created', state: 'delivered' });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(creates(reference)).toBe(1);
  });

  it('a replayed delivery is answered and ignored: the order is not synced again', async () => {
    const key = subscriptionsOf(main.account.apiId)[0]!.signatureKey;
    const { order, shipments } = placeOrder(main.account.apiId);
    const reference = `${order.OrderNumber} | ${shipments[0]!.ShipmentNumber}`;
    await waitFor('created', () => creates(reference), (n) => n === 1);
    const delivered = t.unleashed.webhooks.deliveries.find((d) => d.orderGuid === order.Guid)!;
    const runsBefore = await webhookRuns(main.id);
    const replay = await deliver(main.id, { subscriptionId: delivered.subscriptionId, eventNotificationId: delivered.eventNotificationId, eventType: 'salesorder.created', createdOn: new Date().toISOString(), data: JSON.stringify({ salesOrderGuid: order.Guid }) }, key);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ accepted: true, duplicate: true });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await webhookRuns(main.id)).toBe(runsBefore);
    expect(creates(reference)).toBe(1);
  });

  it('refuses with 401, changing nothing: a bad signature, an old or future timestamp, an unknown integration', async () => {
    const key = subscriptionsOf(main.account.apiId)[0]!.signatureKey;
    const orderGuid = randomUUID(); // no such order: the last, genuine, delivery's sync finds nothing to do
    const body = { eventNotificationId: `forged-${orderGuid}`, eventType: 'salesorder.updated', data: JSON.stringify({ salesOrderGuid: orderGuid }) };
    const runsBefore = await webhookRuns(main.id);
    expect((await deliver(main.id, body, 'not-the-key')).status).toBe(401);
    expect((await deliver(main.id, body, key, Math.floor(Date.now() / 1000) - 301)).status).toBe(401);
    expect((await deliver(main.id, body, key, Math.floor(Date.now() / 1000) + 301)).status).toBe(401);
    expect((await deliver('00000000-0000-4000-8000-000000000000', body, key)).status).toBe(401);
    expect((await deliver('not-a-uuid', body, key)).status).toBe(401);
    const unsigned = await fetch(`${t.url}/webhooks/unleashed/${main.id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(unsigned.status).toBe(401);
    expect(await sql(`select 1 from unleashed_webhook_deliveries where event_notification_id = ?`, [body.eventNotificationId])).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await webhookRuns(main.id)).toBe(runsBefore);
    // the same body, genuinely signed, is taken (so the refusals above were for their faults alone)
    expect((await deliver(main.id, body, key)).status).toBe(202);
  });

  it('reads data sent as an object as well as a JSON string', async () => {
    t.unleashed.webhooks.setBehaviour({ dataAsObject: true });
    try {
      const { order, shipments } = placeOrder(main.account.apiId);
      await waitFor('created from an object data', () => creates(`${order.OrderNumber} | ${shipments[0]!.ShipmentNumber}`), (n) => n === 1, 10_000);
      expect(t.unleashed.webhooks.deliveries.find((d) => d.orderGuid === order.Guid)?.state).toBe('delivered');
    } finally {
      t.unleashed.webhooks.setBehaviour({ dataAsObject: false });
    }
  });

  it('polling is the safety net: stretched while deliveries come, a lost delivery still synced by the poll, which then snaps back', async () => {
    const unleashedCalls = () => t.unleashed.requestLog.filter((r) => r.apiId === main.account.apiId).length;
    const lastPolledAgo = (ms: number) => sql(`update integrations set last_synced_at = ? where id = ?`, [new Date(Date.now() - ms), main.id]);
    const silent = async () => (await sql(`select 1 from health_conditions where integration_id = ? and code = 'WEBHOOKS_SILENT' and cleared_at is null`, [main.id])).length > 0;
    const hour = 3_600_000;
    // subscribed and not silent: a scheduled poll within UNLEASHED_WEBHOOK_POLL_INTERVAL (6 h here) makes no call
    let before = unleashedCalls();
    await lastPolledAgo(2 * hour);
    expect(await t.services.orderSync.poll(main.id)).toBeNull();
    expect(unleashedCalls()).toBe(before);

    t.unleashed.webhooks.dropNextDeliveries(1);
    const { order, shipments } = placeOrder(main.account.apiId);
    const reference = `${order.OrderNumber} | ${shipments[0]!.ShipmentNumber}`;
    await new Promise((r) => setTimeout(r, 1_500));
    expect(t.unleashed.webhooks.deliveries.find((d) => d.orderGuid === order.Guid)?.state).toBe('dropped');
    expect(creates(reference)).toBe(0);
    // the stretched poll, once due, finds it: synced, and WEBHOOKS_SILENT (no delivery announced it)
    await lastPolledAgo(7 * hour);
    expect(await t.services.orderSync.poll(main.id)).not.toBeNull();
    expect(creates(reference)).toBe(1);
    expect(await silent()).toBe(true);
    // snapped back: due again after SYNC_POLL_INTERVAL (1 h); idle, it costs at most 2 calls
    await lastPolledAgo(2 * hour);
    before = unleashedCalls();
    expect(await t.services.orderSync.poll(main.id)).not.toBeNull();
    expect(unleashedCalls() - before).toBeLessThanOrEqual(2);
    // the next genuine delivery clears it: stretched again
    const next = placeOrder(main.account.apiId);
    await waitFor('delivered', () => creates(`${next.order.OrderNumber} | ${next.shipments[0]!.ShipmentNumber}`), (n) => n === 1);
    expect(await silent()).toBe(false);
    await lastPolledAgo(2 * hour);
    before = unleashedCalls();
    expect(await t.services.orderSync.poll(main.id)).toBeNull();
    expect(unleashedCalls()).toBe(before);
  });

  it('5 subscriptions already taken: WEBHOOKS_UNAVAILABLE (a notice) and the integration polls', async () => {
    const account = makeUnleashedAccount(t.unleashed, { orderManagement: true });
    for (let i = 0; i < 5; i++) {
      t.unleashed.webhooks.create(t.unleashed.account(account.apiId), { notificationUrl: `https://other-app.example/hook/${i}`, eventTypes: ['product.updated'] });
    }
    const full = await activate('Webhooks full', account);
    const conditions = async () =>
      (await gql<{ integration: { conditions: { code: string; severity: string }[] } }>('query($id: ID!) { integration(id: $id) { conditions { code severity } } }', { id: full.id })).integration.conditions;
    expect(await waitFor('the notice', conditions, (c) => c.some((x) => x.code === 'WEBHOOKS_UNAVAILABLE'))).toContainEqual({ code: 'WEBHOOKS_UNAVAILABLE', severity: 'NOTICE' });
    expect(subscriptionsOf(account.apiId)).toHaveLength(5);
    expect(await t.services.scheduler.scheduledCount('orders.poll', full.id)).toBe(1);
    const { order, shipments } = placeOrder(account.apiId);
    await t.services.orderSync.poll(full.id);
    expect(creates(`${order.OrderNumber} | ${shipments[0]!.ShipmentNumber}`)).toBe(1);
  });

  it('deleting the integration removes its subscription; its deliveries are then refused like any unknown one', async () => {
    const gone = await activate('Webhooks deleted');
    const [subscription] = await waitFor('subscription', () => subscriptionsOf(gone.account.apiId), (s) => s.length === 1);
    await gql('mutation($id: ID!) { deleteIntegration(id: $id) { id } }', { id: gone.id });
    await waitFor('subscription removed', () => subscriptionsOf(gone.account.apiId), (s) => s.length === 0);
    const { order } = placeOrder(gone.account.apiId);
    const body = { eventNotificationId: `late-${order.Guid}`, eventType: 'salesorder.created', data: JSON.stringify({ salesOrderGuid: order.Guid }) };
    expect((await deliver(gone.id, body, subscription!.signatureKey)).status).toBe(401);
    expect(await webhookRuns(gone.id)).toBe(0);
  });
});
