import { ManualClock } from '../common/clock.js';
import type { Customer } from '../customers/customer.entity.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { makeCustomer } from '../../test-support/factories.js';
import { startTestConveyor, type TestConveyor } from '../../test-support/test-conveyor.js';
import type { AlertData } from './alert-messages.js';

const CREATE = `mutation($input: AlertSubscriptionInput!) { createAlertSubscription(input: $input) { subscription { id } } }`;
const MINUTE = 60_000;

describe('the shipments.need_attention digest', () => {
  const clock = new ManualClock(new Date());
  const t0 = clock.now().getTime();
  let t: TestConveyor;
  let acme: Customer;
  let globex: Customer;
  let acmeStore: Integration;

  const ATTENTION_OF: Record<string, string | null> = { REJECTED: 'REJECTED', FAILED: 'CREATE_FAILED', SKIPPED: 'NO_WAREHOUSE', CREATED: null, PENDING: 'AWAITING_SHIPMENT' };
  /** ledger rows as the order sync leaves them (with the attention its moves set), changed at `at` */
  async function ledgerRows(integration: Integration, count: number, state: string, at: Date, prefix: string): Promise<void> {
    const attention = ATTENTION_OF[state] ?? null;
    await t.services.orm.em.getConnection().execute(
      `insert into synced_shipments (id, integration_id, unleashed_shipment_guid, unleashed_order_number, unleashed_shipment_number, customer_reference, state, last_error, attention, attention_since, created_at, updated_at)
       select gen_random_uuid(), ?, gen_random_uuid()::text, ? || lpad(n::text, 3, '0'), 'SH-1', ? || lpad(n::text, 3, '0') || ' | SH-1', ?::shipment_state, ?, ?::attention_code, ?, ?, ?
         from generate_series(1, ?) as n`,
      [integration.id, prefix, prefix, state, state === 'REJECTED' ? 'Product BOOT-9 does not exist in CartonCloud' : null, attention, attention ? at : null, at, at, count],
    );
  }
  const mailsTo = (address: string) => t.services.devMailCatcher!.messages().filter((m) => m.to.includes(address));
  async function sendAll(deliveries: { id: string }[]): Promise<void> {
    for (const d of deliveries) expect(await t.services.alerts.deliveries.attempt(d.id)).toMatchObject({ status: 'DELIVERED' });
  }

  beforeAll(async () => {
    // ROLE api: no worker, so the test runs the digest (and sends) on demand
    t = await startTestConveyor({ clock, env: { ROLE: 'api' } });
    const em = t.services.orm.em.fork();
    acme = await makeCustomer(em, { name: 'Acme Outdoor', selfManagedIntegrationsAllowed: true });
    globex = await makeCustomer(em, { name: 'Globex Foods' });
    acmeStore = em.create(Integration, { customer: acme.id, name: 'Acme NZ', status: IntegrationStatus.ACTIVE });
    await em.flush();
    const admin = await t.issuer.admin();
    for (const input of [
      { customerId: acme.id, channel: 'EMAIL', target: 'ops@acme.test' },
      { customerId: globex.id, channel: 'EMAIL', target: 'ops@globex.test' },
      { customerId: null, channel: 'EMAIL', target: 'noc@3pl.test' },
    ]) {
      const r = await t.gql(CREATE, { input }, admin);
      expect(r.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('groups 100 new items into exactly one message per subscription, and none for a customer with nothing new', async () => {
    await ledgerRows(acmeStore, 70, 'REJECTED', new Date(t0 + MINUTE / 2), 'SO-R'); // oldest: listed first
    await ledgerRows(acmeStore, 20, 'FAILED', new Date(t0 + MINUTE), 'SO-F');
    await ledgerRows(acmeStore, 10, 'SKIPPED', new Date(t0 + MINUTE), 'SO-S');
    await ledgerRows(acmeStore, 40, 'CREATED', new Date(t0 + MINUTE), 'SO-C'); // fine: not reported
    clock.set(new Date(t0 + 2 * MINUTE));

    const deliveries = await t.services.alerts.runDigest();
    expect(deliveries).toHaveLength(2); // Acme's subscription and the all-customers one; Globex has nothing new
    await sendAll(deliveries);

    const [mail, ...more] = mailsTo('ops@acme.test');
    expect(more).toHaveLength(0);
    expect(mail!.subject).toBe('[Conveyor] 100 shipments need attention (Acme Outdoor)');
    expect(mail!.text).toContain('100 shipments of Acme Outdoor newly need attention — Rejected by CartonCloud: 70; Could not be created: 20; No warehouse for it: 10 (the first 20 are listed).');
    expect(mail!.text).toContain('SO-R001 | SH-1 — Acme NZ (Acme Outdoor): CartonCloud rejected the sale order: Product BOOT-9 does not exist in CartonCloud');
    expect(mail!.text).not.toContain('SO-F001');
    expect(mail!.text.match(/ \| SH-1 — /g)).toHaveLength(20);
    expect(mail!.text).toContain(`${t.url}/attention`);
    expect(mailsTo('noc@3pl.test')).toHaveLength(1);
    expect(mailsTo('ops@globex.test')).toHaveLength(0);

    const acmeDigest = deliveries.find((d) => (d.payload.data as AlertData).customerId === acme.id)!;
    expect(acmeDigest.payload).toMatchObject({ type: 'shipments.need_attention', data: { customerId: acme.id, integrationId: null, total: 100, reasons: [{ count: 70 }, { count: 20 }, { count: 10 }] } });
    expect((acmeDigest.payload.data as AlertData).items).toHaveLength(20);
  });

  it('sends nothing more within the hour, then one digest of only what is new since the last one', async () => {
    await ledgerRows(acmeStore, 5, 'REJECTED', new Date(t0 + 10 * MINUTE), 'SO-N');
    clock.set(new Date(t0 + 15 * MINUTE));
    expect(await t.services.alerts.runDigest()).toHaveLength(0);
    clock.set(new Date(t0 + 50 * MINUTE));
    expect(await t.services.alerts.runDigest()).toHaveLength(0);
    expect(mailsTo('ops@acme.test')).toHaveLength(1);

    clock.set(new Date(t0 + 63 * MINUTE)); // an hour after the first digest (written at t0 + 2 min)
    const next = await t.services.alerts.runDigest();
    expect(next).toHaveLength(2);
    await sendAll(next);
    const mails = mailsTo('ops@acme.test');
    expect(mails).toHaveLength(2);
    expect(mails[0]!.subject).toBe('[Conveyor] 5 shipments need attention (Acme Outdoor)');
    expect(mails[0]!.text).not.toContain('SO-R001');

    // nothing new: nothing sent, however long it has been
    clock.set(new Date(t0 + 300 * MINUTE));
    expect(await t.services.alerts.runDigest()).toHaveLength(0);
  });

  it('reports a wait for a shipment when it crosses ATTENTION_AWAITING_SHIPMENT_HOURS, not when it began, and nothing resolved meanwhile', async () => {
    // waiting since 23 h 58 min before t0 + 303 min: it crosses the 24 h threshold two minutes later
    await ledgerRows(acmeStore, 2, 'PENDING', new Date(t0 + 303 * MINUTE - 24 * 60 * MINUTE + 2 * MINUTE), 'SO-W');
    // rejected, then retried before the digest: no longer needs a person, so not reported
    await ledgerRows(acmeStore, 1, 'REJECTED', new Date(t0 + 303 * MINUTE), 'SO-X');
    await t.services.orm.em.getConnection().execute(`update synced_shipments set state = 'PENDING', attention = null, attention_since = null where customer_reference like 'SO-X%'`);
    clock.set(new Date(t0 + 400 * MINUTE));
    const digests = await t.services.alerts.runDigest();
    await sendAll(digests);
    const acmeDigest = digests.find((d) => (d.payload.data as AlertData).customerId === acme.id)!;
    expect(acmeDigest.payload.data).toMatchObject({ total: 2, reasons: [{ reason: 'Waiting for a shipment', count: 2 }] });
    const [item] = (acmeDigest.payload.data as AlertData).items!;
    expect(item).toMatchObject({ reference: 'SO-W001 | SH-1', since: new Date(t0 + 305 * MINUTE).toISOString() });
    expect(item!.reason).toMatch(/has no Placed sales shipment yet/);
  });

  it('writes one digest when two workers run it at the same moment', async () => {
    await ledgerRows(acmeStore, 3, 'FAILED', new Date(t0 + 401 * MINUTE), 'SO-P');
    clock.set(new Date(t0 + 470 * MINUTE));
    const [a, b] = await Promise.all([t.services.alerts.runDigest(), t.services.alerts.runDigest()]);
    expect(a.length + b.length).toBe(2); // one for Acme, one for all customers — not four
  });
});
