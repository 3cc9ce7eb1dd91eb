import { randomUUID } from 'node:crypto';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import type { Customer } from '../customers/customer.entity.js';
import { makeCustomer } from '../../test-support/factories.js';
import { logsOnceThey, startTestConveyor, type GraphQLResult, type TestConveyor } from '../../test-support/test-conveyor.js';

const FIELDS = `id channel target createdBy customer { id name } deliveries { id type status attempts lastStatusCode lastError createdAt deliveredAt attemptHistory { statusCode error } }`;
const CREATE = `mutation($input: AlertSubscriptionInput!) { createAlertSubscription(input: $input) { signingSecret subscription { ${FIELDS} } } }`;
const LIST = `query($customerId: ID) { alertSubscriptions(customerId: $customerId) { ${FIELDS} } }`;
const DELETE = `mutation($id: ID!) { deleteAlertSubscription(id: $id) }`;
const TEST = `mutation($id: ID!) { sendTestAlert(subscriptionId: $id) { id type status } }`;

interface Sub {
  id: string;
  channel: string;
  target: string;
  customer: { id: string } | null;
  deliveries: { id: string; type: string; status: string }[];
}
type Created = GraphQLResult<{ createAlertSubscription: { signingSecret: string | null; subscription: Sub } }>;

describe('alert subscriptions: create, list, delete, who may', () => {
  let t: TestConveyor;
  let acme: Customer; // allowed to manage its integrations
  let globex: Customer; // read-only
  let admin: string;
  let acmeUser: string;
  let globexUser: string;

  const create = (input: Record<string, unknown>, token: string) => t.gql(CREATE, { input }, token) as Promise<Created>;
  const count = async () => Number((await t.services.orm.em.getConnection().execute<{ n: string }[]>(`select count(*) as n from alert_subscriptions`))[0]!.n);
  const auditCount = async () => Number((await t.services.orm.em.getConnection().execute<{ n: string }[]>(`select count(*) as n from audit_events`))[0]!.n);

  beforeAll(async () => {
    // ROLE api: deliveries are written but no worker sends them, so the rows stay as written
    t = await startTestConveyor({ env: { ROLE: 'api' } });
    const em = t.services.orm.em.fork();
    acme = await makeCustomer(em, { name: 'Acme Outdoor', selfManagedIntegrationsAllowed: true });
    globex = await makeCustomer(em, { name: 'Globex Foods', selfManagedIntegrationsAllowed: false });
    admin = await t.issuer.admin();
    acmeUser = await t.issuer.customerUser(acme.id, 'owner-acme');
    globexUser = await t.issuer.customerUser(globex.id, 'staff-globex');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets a customer user who may manage integrations subscribe an e-mail address and a webhook of their own customer', async () => {
    const email = await create({ customerId: acme.id, channel: 'EMAIL', target: 'ops@acme.test' }, acmeUser);
    expect(email.errors).toBeUndefined();
    expect(email.data!.createAlertSubscription).toMatchObject({ signingSecret: null, subscription: { channel: 'EMAIL', target: 'ops@acme.test', customer: { id: acme.id }, deliveries: [] } });

    const hook = await create({ customerId: acme.id, channel: 'WEBHOOK', target: 'http://127.0.0.1:9/acme-hooks' }, acmeUser);
    expect(hook.errors).toBeUndefined();
    expect(hook.data!.createAlertSubscription.signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const list = await t.gql<{ alertSubscriptions: Sub[] }>(LIST, {}, acmeUser);
    expect(list.data!.alertSubscriptions.map((s) => s.target).sort()).toEqual(['http://127.0.0.1:9/acme-hooks', 'ops@acme.test']);
  });

  it('lets an admin subscribe any customer or all customers, and lists all of them with a customer filter', async () => {
    const all = await create({ customerId: null, channel: 'EMAIL', target: 'noc@3pl.test' }, admin);
    expect(all.data!.createAlertSubscription.subscription.customer).toBeNull();
    const forGlobex = await create({ customerId: globex.id, channel: 'EMAIL', target: 'alerts@globex.test' }, admin);
    expect(forGlobex.errors).toBeUndefined();

    const everything = await t.gql<{ alertSubscriptions: Sub[] }>(LIST, {}, admin);
    expect(everything.data!.alertSubscriptions.map((s) => s.target)).toEqual(expect.arrayContaining(['noc@3pl.test', 'alerts@globex.test', 'ops@acme.test']));
    const onlyGlobex = await t.gql<{ alertSubscriptions: Sub[] }>(LIST, { customerId: globex.id }, admin);
    expect(onlyGlobex.data!.alertSubscriptions.map((s) => s.target)).toEqual(['alerts@globex.test']);
  });

  it('lets a read-only customer user see their subscriptions but not create, delete or test one', async () => {
    const seen = await t.gql<{ alertSubscriptions: Sub[] }>(LIST, {}, globexUser);
    expect(seen.data!.alertSubscriptions.map((s) => s.target)).toEqual(['alerts@globex.test']);
    const before = await count();
    const refused = await create({ customerId: globex.id, channel: 'EMAIL', target: 'me@globex.test' }, globexUser);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/account owner/);
    const id = seen.data!.alertSubscriptions[0]!.id;
    expect((await t.gql(DELETE, { id }, globexUser)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(TEST, { id }, globexUser)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });

  it("never shows a customer another customer's subscriptions or deliveries, and answers NOT_FOUND (revealing nothing) for them", async () => {
    const em = t.services.orm.em.fork();
    const globexIntegration = em.create(Integration, { customer: globex.id, name: 'Globex store', status: IntegrationStatus.ACTIVE });
    await em.flush();
    const raised = await t.services.alerts.raise({ type: 'integration.credentials_rejected', integrationId: globexIntegration.id });
    expect(raised.length).toBe(2); // Globex's own subscription and the all-customers one

    const acmeView = await t.gql<{ alertSubscriptions: Sub[] }>(LIST, {}, acmeUser);
    expect(acmeView.data!.alertSubscriptions.every((s) => s.customer?.id === acme.id)).toBe(true);
    expect(JSON.stringify(acmeView.data)).not.toContain('globex');
    const filtered = await t.gql<{ alertSubscriptions: Sub[] }>(LIST, { customerId: globex.id }, acmeUser);
    expect(filtered.data!.alertSubscriptions).toEqual([]);

    const globexView = await t.gql<{ alertSubscriptions: Sub[] }>(LIST, {}, globexUser);
    expect(globexView.data!.alertSubscriptions[0]!.deliveries).toMatchObject([{ type: 'integration.credentials_rejected', status: 'PENDING' }]);

    const globexSub = globexView.data!.alertSubscriptions[0]!.id;
    const allCustomersSub = (await t.gql<{ alertSubscriptions: Sub[] }>(LIST, {}, admin)).data!.alertSubscriptions.find((s) => s.customer === null)!.id;
    for (const id of [globexSub, allCustomersSub, randomUUID()]) {
      for (const op of [DELETE, TEST]) {
        const r = await t.gql(op, { id }, acmeUser);
        expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
        expect(r.errors?.[0]?.message).toBe(`Alert subscription ${id} was not found.`);
      }
    }
    const other = await create({ customerId: globex.id, channel: 'EMAIL', target: 'spy@acme.test' }, acmeUser);
    expect(other.errors?.[0]).toMatchObject({ message: `Customer ${globex.id} was not found.`, extensions: { code: 'NOT_FOUND', field: 'input.customerId' } });
    const missing = randomUUID();
    const nobody = await create({ customerId: missing, channel: 'EMAIL', target: 'spy@acme.test' }, acmeUser);
    expect(nobody.errors?.[0]?.message).toBe(`Customer ${missing} was not found.`);
  });

  it.each([
    ['a customer user subscribing all customers', { customerId: null, channel: 'EMAIL', target: 'x@acme.test' }, 'FORBIDDEN', 'input.customerId'],
    ['a malformed customer id', { customerId: 'acme', channel: 'EMAIL', target: 'x@acme.test' }, 'BAD_USER_INPUT', 'input.customerId'],
    ['a bad e-mail address', { customerId: 'ACME', channel: 'EMAIL', target: 'ops at acme' }, 'BAD_USER_INPUT', 'input.target'],
    ['an empty target', { customerId: 'ACME', channel: 'WEBHOOK', target: '  ' }, 'BAD_USER_INPUT', 'input.target'],
    ['a non-https webhook to a public host', { customerId: 'ACME', channel: 'WEBHOOK', target: 'http://hooks.example.com/x' }, 'BAD_USER_INPUT', 'input.target'],
    ['a webhook URL with credentials', { customerId: 'ACME', channel: 'WEBHOOK', target: 'https://u:p@hooks.example.com/x' }, 'BAD_USER_INPUT', 'input.target'],
    ['a duplicate', { customerId: 'ACME', channel: 'EMAIL', target: 'OPS@acme.test' }, 'BAD_USER_INPUT', 'input.target'],
  ])('refuses %s, naming the field and writing nothing', async (_name, input, code, field) => {
    const before = [await count(), await auditCount()];
    const r = await create({ ...input, customerId: input.customerId === 'ACME' ? acme.id : input.customerId }, acmeUser);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code, field });
    expect(r.data ?? null).toBeNull(); // a malformed id refuses the whole operation before it runs (no data at all)
    expect([await count(), await auditCount()]).toEqual(before);
  });

  it('refuses an unknown channel at the schema and unauthenticated callers', async () => {
    const r = await t.gql(CREATE, { input: { customerId: acme.id, channel: 'SMS', target: '+61400000000' } }, acmeUser);
    expect(r.errors?.[0]?.message).toMatch(/AlertChannel/);
    expect((await t.gql(LIST, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('deletes a subscription with its deliveries, and records who did it', async () => {
    const created = await create({ customerId: acme.id, channel: 'EMAIL', target: 'temp@acme.test' }, acmeUser);
    const id = created.data!.createAlertSubscription.subscription.id;
    const test = await t.gql<{ sendTestAlert: { type: string; status: string } }>(TEST, { id }, acmeUser);
    expect(test.data!.sendTestAlert).toMatchObject({ type: 'alert.test', status: 'PENDING' });
    expect((await t.gql(DELETE, { id }, acmeUser)).data).toEqual({ deleteAlertSubscription: true });
    expect((await t.gql(DELETE, { id }, acmeUser)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const left = await t.services.orm.em.getConnection().execute(`select 1 from alert_deliveries where subscription_id = ?`, [id]);
    expect(left).toHaveLength(0);
    const audit = await t.services.orm.em.getConnection().execute<{ action: string; actor_subject: string }[]>(
      `select action, actor_subject from audit_events where details->>'subscriptionId' = ? order by at`,
      [id],
    );
    expect(audit).toEqual([
      { action: 'alert-subscription.created', actor_subject: 'owner-acme' },
      { action: 'alert-subscription.deleted', actor_subject: 'owner-acme' },
    ]);
  });

  it('shows a webhook signing secret once: never in later responses, the database in clear, or the logs', async () => {
    const created = await create({ customerId: acme.id, channel: 'WEBHOOK', target: 'http://localhost:9/secret-test' }, admin);
    const secret = created.data!.createAlertSubscription.signingSecret!;
    const keyPart = secret.slice('whsec_'.length);
    const id = created.data!.createAlertSubscription.subscription.id;
    await t.gql(TEST, { id }, admin);
    await t.services.alerts.deliveries.attempt((await t.services.orm.em.getConnection().execute<{ id: string }[]>(`select id from alert_deliveries where subscription_id = ?`, [id]))[0]!.id);

    for (const token of [admin, acmeUser]) {
      const text = JSON.stringify(await t.gql(`{ alertSubscriptions { ${FIELDS} } }`, {}, token));
      expect(text).toContain('secret-test');
      expect(text).not.toContain(keyPart);
    }
    const introspection = JSON.stringify(await t.gql(`{ __type(name: "AlertSubscription") { fields { name } } }`, {}, admin));
    expect(introspection).not.toMatch(/secret/i);

    const conn = t.services.orm.em.getConnection();
    const tables = await conn.execute<{ table_name: string }[]>(`select table_name from information_schema.tables where table_schema = 'public'`);
    for (const { table_name } of tables) {
      const rows = await conn.execute<{ dump: string | null }[]>(`select string_agg(t::text, ' ') as dump from "${table_name}" t`);
      expect(rows[0]?.dump ?? '').not.toContain(keyPart);
    }
    const logs = await logsOnceThey(t, /alert delivery failed/);
    expect(logs).toContain('alert delivery failed'); // the attempt was logged (localhost:9 refuses)…
    expect(logs).not.toContain(keyPart); // …without the secret
  });
});
