import { oneLine, startSandbox } from '../../../../test-support/unleashed-sandbox.fixture.js';
import { WebhookReceiver } from '../../../../test-support/webhook-receiver.js';
import { SUBSCRIPTION_LIMIT_DESCRIPTION, webhookSignature } from './unleashed-sandbox.webhooks.js';

type Kit = Awaited<ReturnType<typeof startSandbox>>;
let kit: Kit;
let receiver: WebhookReceiver;
beforeEach(async () => {
  receiver = await new WebhookReceiver().start();
});
afterEach(async () => {
  await kit?.sandbox.close();
  await receiver.close();
});

describe('Unleashed sandbox: webhook subscriptions', () => {
  it('creates (the key once), lists without keys, deletes, and refuses a 6th with the limit of 5', async () => {
    kit = await startSandbox();
    const client = kit.client();
    const created = await client.createWebhookSubscription({ description: 'test', notificationUrl: receiver.url, eventTypes: ['salesorder.created'] });
    expect(created).toMatchObject({ subscriptionId: expect.any(String), signatureKey: expect.any(String), notificationUrl: receiver.url });
    const listed = await client.listWebhookSubscriptions();
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('signatureKey');
    for (let i = 0; i < 4; i++) await client.createWebhookSubscription({ description: `n${i}`, notificationUrl: `https://example.com/${i}`, eventTypes: ['salesorder.updated'] });
    const sixth = await kit.raw('/webhooks/subscriptions', '', { method: 'POST', body: { description: '6', notificationUrl: 'https://example.com/6', eventTypes: ['salesorder.updated'] } });
    expect(sixth.status).toBe(400);
    expect((await sixth.json()).Description).toBe(SUBSCRIPTION_LIMIT_DESCRIPTION);
    await expect(client.createWebhookSubscription({ description: '6', notificationUrl: 'https://example.com/6', eventTypes: ['salesorder.updated'] })).rejects.toThrow(/maximum of 5/);
    await client.deleteWebhookSubscription(created.subscriptionId);
    expect(await client.listWebhookSubscriptions()).toHaveLength(4);
    expect(kit.sandbox.callCounts(kit.account.apiId).byEndpoint['POST /webhooks']).toBe(7);
  });

  it('wants https, except http to this machine; a signature is required as for every call', async () => {
    kit = await startSandbox();
    const plain = await kit.raw('/webhooks/subscriptions', '', { method: 'POST', body: { notificationUrl: 'http://example.com/hook', eventTypes: ['salesorder.created'] } });
    expect(plain.status).toBe(400);
    const unsigned = await kit.raw('/webhooks/subscriptions', '', { headers: { 'api-auth-signature': 'wrong' } });
    expect(unsigned.status).toBe(403);
  });

  it('delivers a signed camelCase envelope when an order is created or changed, data as a JSON string (or an object)', async () => {
    kit = await startSandbox();
    kit.sandbox.webhooks.setBehaviour({ deliveryDelayMs: 10 });
    const { signatureKey } = await kit.client().createWebhookSubscription({ description: 't', notificationUrl: receiver.url, eventTypes: ['salesorder.created', 'salesorder.updated'] });
    const { order } = kit.sandbox.createOrder(kit.account.apiId, oneLine());
    const [first] = await receiver.waitFor(1);
    const body = JSON.parse(first!.body);
    expect(body).toEqual({ subscriptionId: expect.any(String), eventNotificationId: expect.any(String), eventType: 'salesorder.created', createdOn: expect.any(String), data: JSON.stringify({ salesOrderGuid: order.Guid }) });
    expect(first!.headers['x-unleashed-signature']).toBe(webhookSignature(signatureKey, first!.headers['x-unleashed-timestamp']!, first!.body));
    kit.sandbox.webhooks.setBehaviour({ dataAsObject: true });
    kit.sandbox.addShipment(kit.account.apiId, order.Guid);
    const [, second] = await receiver.waitFor(2);
    expect(JSON.parse(second!.body)).toMatchObject({ eventType: 'salesorder.updated', data: { salesOrderGuid: order.Guid } });
  });

  it('retries a 5xx with backoff (bounded), does not retry a 4xx, and loses the next N when told', async () => {
    kit = await startSandbox();
    kit.sandbox.webhooks.setBehaviour({ deliveryDelayMs: 10, retryDelaysMs: [20, 40] });
    await kit.client().createWebhookSubscription({ description: 't', notificationUrl: receiver.url, eventTypes: ['salesorder.created'] });
    receiver.answer(500, 503, 200);
    kit.sandbox.createOrder(kit.account.apiId, oneLine());
    await receiver.waitFor(3);
    const delivered = kit.sandbox.webhooks.deliveries.at(-1)!;
    await new Promise((r) => setTimeout(r, 50));
    expect(delivered.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
    expect(delivered.state).toBe('delivered');

    receiver.answer(500, 500, 500);
    kit.sandbox.createOrder(kit.account.apiId, oneLine());
    await receiver.waitFor(6);
    await new Promise((r) => setTimeout(r, 100));
    expect(kit.sandbox.webhooks.deliveries.at(-1)).toMatchObject({ state: 'failed', attempts: [{ status: 500 }, { status: 500 }, { status: 500 }] });

    receiver.answer(401);
    kit.sandbox.createOrder(kit.account.apiId, oneLine());
    await receiver.waitFor(7);
    await new Promise((r) => setTimeout(r, 100));
    expect(kit.sandbox.webhooks.deliveries.at(-1)).toMatchObject({ state: 'failed', attempts: [{ status: 401 }] });

    const control = await fetch(`${kit.baseUrl}/__sandbox/webhooks`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dropNext: 1 }) });
    expect(control.status).toBe(200);
    kit.sandbox.createOrder(kit.account.apiId, oneLine());
    await new Promise((r) => setTimeout(r, 150));
    expect(receiver.received).toHaveLength(7);
    const log = await (await fetch(`${kit.baseUrl}/__sandbox/webhooks/deliveries`)).json();
    expect(log.at(-1)).toMatchObject({ state: 'dropped' });
  });
});
