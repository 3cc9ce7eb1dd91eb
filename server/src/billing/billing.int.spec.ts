import { randomUUID } from 'node:crypto';
import { ManualClock } from '../common/clock.js';
import { Customer } from '../customers/customer.entity.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { startTestConveyor, type TestConveyor } from '../../test-support/test-conveyor.js';
import { BillingLine } from './billing-line.entity.js';

// Billing weeks used below (Monday 00:00 UTC each).
const W1 = '2026-01-05T00:00:00.000Z';
const W2 = '2026-01-12T00:00:00.000Z';
const W3 = '2026-01-19T00:00:00.000Z';
const W4 = '2026-01-26T00:00:00.000Z';
const W5 = '2026-02-02T00:00:00.000Z';
const W6 = '2026-02-09T00:00:00.000Z';
const at = (iso: string) => new Date(iso);

/** Data straight through the ORM: the setup mutations are not what these tests are about. */
function factories(t: () => TestConveyor) {
  return {
    async customer(name = `Customer ${randomUUID().slice(0, 6)}`): Promise<Customer> {
      const em = t().services.orm.em.fork();
      const customer = em.create(Customer, { name, cartonCloudCustomerId: randomUUID() });
      await em.flush();
      return customer;
    },
    async integration(
      customer: Customer,
      options: { name?: string; activatedAt?: string | null; deletedAt?: string | null } = {},
    ): Promise<Integration> {
      const em = t().services.orm.em.fork();
      const activatedAt = options.activatedAt ? at(options.activatedAt) : null;
      const deletedAt = options.deletedAt ? at(options.deletedAt) : null;
      const status = deletedAt ? IntegrationStatus.DELETED : activatedAt ? IntegrationStatus.ACTIVE : IntegrationStatus.DRAFT;
      const integration = em.create(Integration, {
        customer: customer.id,
        name: options.name ?? `Store ${randomUUID().slice(0, 6)}`,
        status,
        activatedAt,
        deletedAt,
      });
      await em.flush();
      return integration;
    },
    async weeksBilled(integration: Integration): Promise<string[]> {
      const lines = await t().services.orm.em.fork().find(BillingLine, { integration: integration.id }, { orderBy: { periodStart: 'asc' } });
      return lines.map((l) => l.periodStart.toISOString());
    },
  };
}

async function csv(t: TestConveyor, query: string, token?: string | null) {
  const response = await fetch(`${t.url}/billing/export.csv?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') };
}

describe('billing: closing weeks, reading and exporting lines', () => {
  const clock = new ManualClock(at(W1));
  let t: TestConveyor;
  const f = factories(() => t);
  const closeWeeks = () => t.services.billing.closeWeeks(clock.now());

  beforeAll(async () => {
    // ROLE api: no worker, so only these tests decide when weeks are closed.
    t = await startTestConveyor({ clock, env: { ROLE: 'api' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('bills the week of a mid-week activation once that week has closed, and not while it is open', async () => {
    const customer = await f.customer();
    clock.set('2026-01-07T10:00:00Z');
    const integration = await f.integration(customer, { activatedAt: '2026-01-07T10:00:00Z' });
    clock.set('2026-01-11T23:59:59Z');
    await closeWeeks();
    expect(await f.weeksBilled(integration)).toEqual([]);

    clock.set(W2);
    await closeWeeks();
    const lines = await t.services.orm.em.fork().find(BillingLine, { integration: integration.id });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ periodStart: at(W1), periodEnd: at(W2), amountCents: 1000, currency: 'AUD' });
    expect(lines[0]!.customer.id).toBe(customer.id);
  });

  it('bills the week of a mid-week deletion and none after it', async () => {
    const customer = await f.customer();
    const integration = await f.integration(customer, { activatedAt: '2026-01-06T09:00:00Z', deletedAt: '2026-01-15T16:00:00Z' });
    clock.set('2026-02-11T00:00:00Z');
    await closeWeeks();
    expect(await f.weeksBilled(integration)).toEqual([W1, W2]);
  });

  it('never bills an integration that never finished setup, deleted or not', async () => {
    const customer = await f.customer();
    const draft = await f.integration(customer, {});
    const abandoned = await f.integration(customer, { deletedAt: '2026-01-08T00:00:00Z' });
    clock.set('2026-02-11T00:00:00Z');
    await closeWeeks();
    expect(await f.weeksBilled(draft)).toEqual([]);
    expect(await f.weeksBilled(abandoned)).toEqual([]);
    const preview = await t.gql<{ billingPreview: unknown[] }>(`query ($c: ID) { billingPreview(customerId: $c) { periodStart } }`, { c: customer.id }, await t.issuer.admin());
    expect(preview.data?.billingPreview).toEqual([]);
  });

  it('bills every week missed while the server was down, once, on the next run', async () => {
    const customer = await f.customer();
    clock.set('2026-01-05T08:00:00Z');
    const integration = await f.integration(customer, { activatedAt: '2026-01-05T08:00:00Z' });
    await closeWeeks();
    expect(await f.weeksBilled(integration)).toEqual([]);

    clock.set('2026-01-28T12:00:00Z'); // three weeks closed without any run
    await closeWeeks();
    expect(await f.weeksBilled(integration)).toEqual([W1, W2, W3]);
    await closeWeeks();
    expect(await f.weeksBilled(integration)).toEqual([W1, W2, W3]);
  });

  it('bills once when the job runs twice, and when two runs race', async () => {
    clock.set('2026-02-04T12:00:00Z');
    await closeWeeks(); // settle what earlier tests left owing, so the counts below are this test's alone
    const customer = await f.customer();
    const a = await f.integration(customer, { activatedAt: '2026-01-07T00:00:00Z' });
    const b = await f.integration(customer, { activatedAt: '2026-01-20T00:00:00Z', deletedAt: '2026-01-27T00:00:00Z' });

    const [first, second] = await Promise.all([closeWeeks(), closeWeeks()]);
    expect(first.written + second.written).toBe(4 + 2);
    expect(await f.weeksBilled(a)).toEqual([W1, W2, W3, W4]);
    expect(await f.weeksBilled(b)).toEqual([W3, W4]);
    expect((await closeWeeks()).written).toBe(0);
    expect(await f.weeksBilled(a)).toEqual([W1, W2, W3, W4]);
  });

  it('writes a line again when one is missing in the middle of the history', async () => {
    clock.set('2026-02-04T12:00:00Z');
    const customer = await f.customer();
    const integration = await f.integration(customer, { activatedAt: '2026-01-07T00:00:00Z' });
    await closeWeeks();
    await t.services.orm.em.fork().nativeDelete(BillingLine, { integration: integration.id, periodStart: at(W2) });
    expect(await f.weeksBilled(integration)).toEqual([W1, W3, W4]);
    await closeWeeks();
    expect(await f.weeksBilled(integration)).toEqual([W1, W2, W3, W4]);
  });

  it('bills an integration deleted and re-created in the same week twice: they are two integrations', async () => {
    clock.set('2026-01-20T00:00:00Z');
    const customer = await f.customer();
    const old = await f.integration(customer, { name: 'Main store', activatedAt: '2026-01-12T09:00:00Z', deletedAt: '2026-01-14T09:00:00Z' });
    const recreated = await f.integration(customer, { name: 'Main store', activatedAt: '2026-01-14T10:00:00Z' });
    await closeWeeks();
    expect(await f.weeksBilled(old)).toEqual([W2]);
    expect(await f.weeksBilled(recreated)).toEqual([W2]);
  });

  describe('billingLines, billingSummary and billingPreview', () => {
    let customer: Customer;
    let other: Customer;
    let kept: Integration;
    let gone: Integration;

    beforeAll(async () => {
      clock.set('2026-02-11T12:00:00Z'); // Wednesday of W6
      customer = await f.customer(`Billed ${randomUUID().slice(0, 6)}`);
      other = await f.customer();
      kept = await f.integration(customer, { name: 'Alpha', activatedAt: '2026-01-28T00:00:00Z' }); // W4 on, still ACTIVE
      gone = await f.integration(customer, { name: 'Beta', activatedAt: '2026-01-13T00:00:00Z', deletedAt: '2026-02-03T00:00:00Z' }); // W2..W5
      await f.integration(other, { activatedAt: '2026-01-13T00:00:00Z' });
      await closeWeeks();
    });

    const LINES = `query ($c: ID, $from: DateTime, $to: DateTime) {
      billingLines(customerId: $c, from: $from, to: $to) {
        id periodStart periodEnd amountCents currency customer { id name } integration { id name status }
      }
    }`;

    it('lists the lines of a customer overlapping [from, to), newest week first, with customer and integration (deleted ones too)', async () => {
      const result = await t.gql<{ billingLines: { periodStart: string; integration: { id: string; name: string; status: string }; customer: { id: string } }[] }>(
        LINES,
        { c: customer.id, from: '2026-01-28T00:00:00Z', to: W6 },
        await t.issuer.admin(),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.billingLines.map((l) => [l.periodStart, l.integration.name])).toEqual([
        [W5, 'Alpha'],
        [W5, 'Beta'],
        [W4, 'Alpha'],
        [W4, 'Beta'],
      ]);
      expect(result.data!.billingLines.find((l) => l.integration.name === 'Beta')!.integration).toEqual({ id: gone.id, name: 'Beta', status: 'DELETED' });
      expect(new Set(result.data!.billingLines.map((l) => l.customer.id))).toEqual(new Set([customer.id]));
    });

    it('refuses a period whose end is not after its start, naming the field to', async () => {
      const result = await t.gql(LINES, { from: W3, to: W3 }, await t.issuer.admin());
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    });

    it('answers NOT_FOUND for a customer that does not exist', async () => {
      const result = await t.gql(LINES, { c: randomUUID() }, await t.issuer.admin());
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('totals a customer\u2019s lines per week', async () => {
      const result = await t.gql<{ billingSummary: unknown[] }>(
        `query ($c: ID) { billingSummary(customerId: $c, from: "${W4}", to: "${W6}") { customer { id } periodStart periodEnd integrationCount amountCents currency } }`,
        { c: customer.id },
        await t.issuer.admin(),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.billingSummary).toEqual([
        { customer: { id: customer.id }, periodStart: W5, periodEnd: W6, integrationCount: 2, amountCents: 2000, currency: 'AUD' },
        { customer: { id: customer.id }, periodStart: W4, periodEnd: W5, integrationCount: 2, amountCents: 2000, currency: 'AUD' },
      ]);
    });

    it('previews the open week: what is still ACTIVE or was active this week so far, with nothing written for it', async () => {
      const deletedThisWeek = await f.integration(customer, { name: 'Gamma', activatedAt: '2026-01-13T00:00:00Z', deletedAt: '2026-02-09T10:00:00Z' });
      await f.integration(customer, { name: 'Delta' }); // draft
      const activatedThisWeek = await f.integration(customer, { name: 'Epsilon', activatedAt: '2026-02-10T08:00:00Z' });
      const result = await t.gql<{ billingPreview: { integration: { id: string }; customer: { id: string }; periodStart: string; periodEnd: string; amountCents: number; currency: string }[] }>(
        `query ($c: ID) { billingPreview(customerId: $c) { customer { id } integration { id } periodStart periodEnd amountCents currency } }`,
        { c: customer.id },
        await t.issuer.admin(),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.billingPreview.map((p) => p.integration.id)).toEqual([kept.id, activatedThisWeek.id, deletedThisWeek.id]);
      for (const row of result.data!.billingPreview) {
        expect(row).toMatchObject({ customer: { id: customer.id }, periodStart: W6, periodEnd: '2026-02-16T00:00:00.000Z', amountCents: 1000, currency: 'AUD' });
      }
      await closeWeeks();
      expect(await t.services.orm.em.fork().count(BillingLine, { periodStart: at(W6) })).toBe(0);
    });

    it('exports the lines as a CSV file a spreadsheet opens cleanly', async () => {
      const em = t.services.orm.em.fork();
      const c = em.create(Customer, { name: '=HYPERLINK("http://evil.example","click")', cartonCloudCustomerId: randomUUID() });
      await em.flush();
      const i = await f.integration(c, { name: 'Shop "North", Ltd', activatedAt: '2026-02-02T00:00:00Z' });
      await closeWeeks();

      const response = await csv(t, `from=2026-02-02&to=2026-02-09&customerId=${c.id}`, await t.issuer.admin());
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="conveyor-billing-2026-02-02-2026-02-09.csv"');
      expect([...response.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(response.text.slice(1).split('\r\n')).toEqual([
        '"Week start","Week end","Customer","CartonCloud customer id","Integration","Integration id","Amount","Currency"',
        `"2026-02-02","2026-02-08","'=HYPERLINK(""http://evil.example"",""click"")","${c.cartonCloudCustomerId}","Shop ""North"", Ltd","${i.id}","10.00","AUD"`,
        '',
      ]);
    });

    it('exports every customer\u2019s lines in the period when no customer is named', async () => {
      const response = await csv(t, `from=${W5}&to=${W6}`, await t.issuer.admin());
      expect(response.status).toBe(200);
      const rows = response.text.slice(1).trim().split('\r\n');
      const dbCount = await t.services.orm.em.fork().count(BillingLine, { periodStart: at(W5) });
      expect(rows).toHaveLength(1 + dbCount);
      expect(rows.filter((r) => r.includes(other.cartonCloudCustomerId))).toHaveLength(1);
    });

    it('refuses a CSV export without from and to, or with to not after from', async () => {
      const admin = await t.issuer.admin();
      expect((await csv(t, `to=${W6}`, admin)).status).toBe(400);
      expect((await csv(t, 'from=2026-02-09&to=2026-02-02', admin)).status).toBe(400);
      expect((await csv(t, 'from=yesterday&to=2026-02-02', admin)).status).toBe(400);
      expect((await csv(t, `from=${W5}&to=${W6}&customerId=${randomUUID()}`, admin)).status).toBe(404);
    });

    it('lets no customer user read billing: FORBIDDEN in GraphQL, 403 for the CSV; 401 without a valid token', async () => {
      const token = await t.issuer.customerUser(customer.id);
      for (const query of [
        `{ billingLines { id } }`,
        `query ($c: ID) { billingLines(customerId: $c) { id } }`,
        `{ billingSummary { amountCents } }`,
        `{ billingPreview { amountCents } }`,
      ]) {
        const result = await t.gql(query, { c: customer.id }, token);
        expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(result.data ?? null).toBeNull();
      }
      const query = `from=${W1}&to=${W6}&customerId=${customer.id}`;
      const forbidden = await csv(t, query, token);
      expect(forbidden.status).toBe(403);
      expect(forbidden.text).not.toContain('Alpha');
      const anonymous = await csv(t, query, null);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
      expect((await csv(t, query, 'garbage')).status).toBe(401);
    });
  });
});

describe('billing: price and currency from the configuration', () => {
  const clock = new ManualClock(at('2026-01-14T00:00:00Z'));
  let t: TestConveyor;
  const f = factories(() => t);

  beforeAll(async () => {
    t = await startTestConveyor({ clock, env: { ROLE: 'api', BILLING_WEEKLY_PRICE_CENTS: '1250', BILLING_CURRENCY: 'NZD' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes each line at the price and currency configured when it is written', async () => {
    const customer = await f.customer();
    const integration = await f.integration(customer, { activatedAt: '2026-01-06T00:00:00Z' });
    await t.services.billing.closeWeeks(clock.now());

    t.services.config.BILLING_WEEKLY_PRICE_CENTS = 1500; // as after a restart with a new price
    clock.set('2026-01-21T00:00:00Z');
    await t.services.billing.closeWeeks(clock.now());

    const lines = await t.services.orm.em.fork().find(BillingLine, { integration: integration.id }, { orderBy: { periodStart: 'asc' } });
    expect(lines.map((l) => [l.periodStart.toISOString(), l.amountCents, l.currency])).toEqual([
      [W1, 1250, 'NZD'],
      [W2, 1500, 'NZD'],
    ]);
    const csvText = (await csv(t, `from=${W1}&to=${W3}`, await t.issuer.admin())).text;
    expect(csvText).toContain('"12.50","NZD"');
    expect(csvText).toContain('"15.00","NZD"');
  });
});

describe('billing: the scheduled job', () => {
  const clock = new ManualClock(at('2026-01-28T12:00:00Z'));
  let t: TestConveyor;
  const f = factories(() => t);
  let integration: Integration;

  beforeAll(async () => {
    // Data written before the worker starts, with three weeks closed and never billed: a restart after downtime.
    t = await startTestConveyor({
      clock,
      beforeStart: async (services) => {
        const em = services.orm.em.fork();
        const customer = em.create(Customer, { name: 'Restarted', cartonCloudCustomerId: randomUUID() });
        integration = em.create(Integration, { customer, name: 'Store', status: IntegrationStatus.ACTIVE, activatedAt: at('2026-01-05T08:00:00Z') });
        await em.flush();
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is scheduled for the deployment and, on start, bills the weeks that closed while it was down, once', async () => {
    expect(await t.services.scheduler.scheduledCount('billing.close-weeks')).toBe(1);
    const deadline = Date.now() + 20_000;
    while ((await f.weeksBilled(integration)).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await f.weeksBilled(integration)).toEqual([W1, W2, W3]);

    await t.services.scheduler.now('billing.close-weeks', {});
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await f.weeksBilled(integration)).toEqual([W1, W2, W3]);
  });
});
