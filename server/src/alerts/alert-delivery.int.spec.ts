import { Webhook } from 'standardwebhooks';
import { ManualClock } from '../common/clock.js';
import type { Customer } from '../customers/customer.entity.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { makeCustomer } from '../../test-support/factories.js';
import { startTestConveyor, type TestConveyor } from '../../test-support/test-conveyor.js';
import { WebhookReceiver } from '../../test-support/webhook-receiver.js';
import { AlertDelivery } from './alert-delivery.entity.js';
import { MAX_ATTEMPTS } from './alert-retry.js';

const CREATE = `mutation($input: AlertSubscriptionInput!) { createAlertSubscription(input: $input) { signingSecret subscription { id } } }`;
const DELIVERIES = `query($c: ID) { alertSubscriptions(customerId: $c) { target deliveries(limit: 5) { id type status attempts lastStatusCode lastError deliveredAt attemptHistory { statusCode error } } } }`;

async function waitUntil<T>(what: string, read: () => Promise<T | null | undefined> | T | null | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function subscribe(t: TestConveyor, token: string, input: Record<string, unknown>): Promise<{ id: string; secret: string | null }> {
  const r = await t.gql<{ createAlertSubscription: { signingSecret: string | null; subscription: { id: string } } }>(CREATE, { input }, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return { id: r.data!.createAlertSubscription.subscription.id, secret: r.data!.createAlertSubscription.signingSecret };
}

async function activeIntegration(t: TestConveyor, customer: Customer, name: string): Promise<Integration> {
  const em = t.services.orm.em.fork();
  const integration = em.create(Integration, { customer: customer.id, name, status: IntegrationStatus.ACTIVE });
  await em.flush();
  return integration;
}

describe('alert delivery through the job, to real endpoints', () => {
  let t: TestConveyor;
  const receiver = new WebhookReceiver();
  let acme: Customer;

  beforeAll(async () => {
    await receiver.start();
    t = await startTestConveyor(); // ROLE all: Agenda sends the deliveries
    acme = await makeCustomer(t.services.orm.em.fork(), { name: 'Acme Outdoor', selfManagedIntegrationsAllowed: true });
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('posts a Standard Webhooks delivery whose signature the standardwebhooks library verifies', async () => {
    const { secret } = await subscribe(t, await t.issuer.customerUser(acme.id), { customerId: acme.id, channel: 'WEBHOOK', target: receiver.url });
    const integration = await activeIntegration(t, acme, 'Acme NZ');
    const [delivery] = await t.services.alerts.raise({ type: 'integration.credentials_rejected', integrationId: integration.id, detail: 'Unleashed answered 403.' });

    const [request] = await receiver.waitFor(1);
    expect(request!.headers['webhook-id']).toBe(delivery!.id);
    expect(request!.headers['content-type']).toBe('application/json');
    const body = new Webhook(secret!).verify(request!.body, request!.headers);
    expect(body).toMatchObject({
      type: 'integration.credentials_rejected',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { customerId: acme.id, integrationId: integration.id, customerName: 'Acme Outdoor', integrationName: 'Acme NZ', message: expect.stringContaining('Unleashed answered 403.') },
    });
    expect(() => new Webhook(secret!).verify(request!.body.replace('Acme NZ', 'Acme AU'), request!.headers)).toThrow();

    const row = await waitUntil('the delivery to be recorded', async () => {
      const d = await t.services.orm.em.fork().findOne(AlertDelivery, { id: delivery!.id });
      return d?.status === 'DELIVERED' ? d : null;
    });
    expect(row).toMatchObject({ attempts: 1, lastStatusCode: 200, lastError: null });
    expect(row.deliveredAt).toBeInstanceOf(Date);
  });

  it('sends an e-mail over SMTP that the development mail catcher receives and parses', async () => {
    await subscribe(t, await t.issuer.admin(), { customerId: acme.id, channel: 'EMAIL', target: 'ops@acme.test' });
    const integration = await activeIntegration(t, acme, 'Acme AU');
    await t.services.alerts.raise({ type: 'integration.quota_exhausted', integrationId: integration.id });

    const mail = await waitUntil('the e-mail', () => t.services.devMailCatcher!.messages().find((m) => m.subject.includes('Acme AU')));
    expect(mail.to).toEqual(['ops@acme.test']);
    expect(mail.from).toMatch(/^"?Conveyor"? <alerts@conveyor\.local>$/);
    expect(mail.subject).toBe('[Conveyor] Acme AU (Acme Outdoor) has used up its Unleashed API quota');
    expect(mail.text).toContain('Integration "Acme AU" of Acme Outdoor has used up its Unleashed API quota');
    expect(mail.text).toContain('Customer: Acme Outdoor');
    expect(mail.text).toMatch(/What to do: Nothing is lost/);
    expect(mail.text).toContain(`${t.url}/integrations/${integration.id}`);
    expect(mail.html).toContain('<strong>Acme AU</strong>');

    const mailbox = await t.gql<{ devMailbox: { subject: string; to: string[] }[] }>(`{ devMailbox { subject to text } }`, {}, await t.issuer.admin());
    expect(mailbox.data!.devMailbox[0]).toMatchObject({ subject: mail.subject, to: ['ops@acme.test'] });
    const asCustomer = await t.gql(`{ devMailbox { subject } }`, {}, await t.issuer.customerUser(acme.id));
    expect(asCustomer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('alert delivery retries (clock moved by hand, attempts made by the test)', () => {
  const clock = new ManualClock(new Date());
  let t: TestConveyor;
  let acme: Customer; // a fresh customer per test, so each raise reaches only that test's subscriptions
  let admin: string;
  beforeEach(async () => {
    acme = await makeCustomer(t.services.orm.em.fork(), { selfManagedIntegrationsAllowed: true });
  });

  beforeAll(async () => {
    // ROLE api: no worker, so only this test decides when each attempt happens
    t = await startTestConveyor({ clock, env: { ROLE: 'api' } });
    admin = await t.issuer.admin();
  });
  afterAll(async () => {
    await t.close();
  });

  it('retries a 500 and records each attempt, then DELIVERED on the 200; the receiver sees the same webhook-id', async () => {
    const receiver = await new WebhookReceiver().answer(500).start();
    try {
      const { secret } = await subscribe(t, admin, { customerId: acme.id, channel: 'WEBHOOK', target: receiver.url });
      const integration = await activeIntegration(t, acme, 'Retry store');
      const [delivery] = await t.services.alerts.raise({ type: 'integration.overdue', integrationId: integration.id });

      const first = await t.services.alerts.deliveries.attempt(delivery!.id);
      expect(first).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: 500 });
      expect(first!.lastError).toMatch(/HTTP 500/);
      const wait = first!.nextAttemptAt!.getTime() - clock.now().getTime();
      expect(wait).toBeGreaterThanOrEqual(4_000);
      expect(wait).toBeLessThanOrEqual(6_000);
      // not due yet: nothing happens
      expect(await t.services.alerts.deliveries.attempt(delivery!.id)).toBeNull();
      expect(receiver.received).toHaveLength(1);

      clock.advance(wait);
      const second = await t.services.alerts.deliveries.attempt(delivery!.id);
      expect(second).toMatchObject({ status: 'DELIVERED', attempts: 2, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
      expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([delivery!.id, delivery!.id]);
      for (const r of receiver.received) expect(() => new Webhook(secret!).verify(r.body, r.headers)).not.toThrow();

      const seen = await t.gql<{ alertSubscriptions: { target: string; deliveries: { status: string; attempts: number; attemptHistory: { statusCode: number }[] }[] }[] }>(DELIVERIES, { c: acme.id }, admin);
      const mine = seen.data!.alertSubscriptions.find((s) => s.target === receiver.url)!;
      expect(mine.deliveries[0]).toMatchObject({ status: 'DELIVERED', attempts: 2, attemptHistory: [{ statusCode: 500 }, { statusCode: 200 }] });
    } finally {
      await receiver.close();
    }
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts over about a day when the endpoint keeps failing`, async () => {
    const receiver = await new WebhookReceiver(503).start();
    try {
      await subscribe(t, admin, { customerId: acme.id, channel: 'WEBHOOK', target: receiver.url });
      const integration = await activeIntegration(t, acme, 'Down store');
      const [delivery] = await t.services.alerts.raise({ type: 'integration.recovered', integrationId: integration.id });
      const started = clock.now().getTime();
      let row: AlertDelivery | null = null;
      for (let n = 1; n <= MAX_ATTEMPTS; n++) {
        const current = await t.services.orm.em.fork().findOneOrFail(AlertDelivery, { id: delivery!.id });
        if (current.nextAttemptAt && current.nextAttemptAt > clock.now()) clock.set(current.nextAttemptAt);
        row = await t.services.alerts.deliveries.attempt(delivery!.id);
        expect(row).toMatchObject({ attempts: n, lastStatusCode: 503 });
      }
      expect(row).toMatchObject({ status: 'FAILED', nextAttemptAt: null });
      expect(row!.attemptLog).toHaveLength(MAX_ATTEMPTS);
      const hours = (clock.now().getTime() - started) / 3_600_000;
      expect(hours).toBeGreaterThan(15);
      expect(hours).toBeLessThan(30);
      // FAILED is final: neither the job nor the sweep sends it again
      clock.advance(48 * 3_600_000);
      expect(await t.services.alerts.deliveries.attempt(delivery!.id)).toBeNull();
      await t.services.alerts.deliveries.deliverDue();
      expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    } finally {
      await receiver.close();
    }
  });

  it('stops at once on a 4xx the endpoint means (410 Gone), and retries an unreachable endpoint', async () => {
    const gone = await new WebhookReceiver(410).start();
    try {
      await subscribe(t, admin, { customerId: acme.id, channel: 'WEBHOOK', target: gone.url });
      const unreachable = await subscribe(t, admin, { customerId: acme.id, channel: 'WEBHOOK', target: 'http://127.0.0.1:9/closed-port' });
      const integration = await activeIntegration(t, acme, 'Gone store');
      const deliveries = await t.services.alerts.raise({ type: 'integration.recovered', integrationId: integration.id });
      const results = await Promise.all(deliveries.map((d) => t.services.alerts.deliveries.attempt(d.id)));
      expect(results).toHaveLength(2);
      const toGone = results.find((r) => r!.subscription.id !== unreachable.id);
      const toClosed = results.find((r) => r!.subscription.id === unreachable.id);
      expect(toGone).toMatchObject({ status: 'FAILED', attempts: 1 });
      expect(toClosed).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: null });
      expect(toClosed!.lastError).toMatch(/Could not reach the endpoint.*ECONNREFUSED/);
    } finally {
      await gone.close();
    }
  });
});
