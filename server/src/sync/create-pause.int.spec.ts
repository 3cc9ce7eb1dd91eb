import { ManualClock } from '../common/clock.js';
import { HealthCondition } from '../integrations/health-condition.entity.js';
import { HEALTH_CONDITIONS, HealthConditionCode } from '../integrations/health-conditions.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { LedgerShipment } from '../ledger/ledger-shipment.entity.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import { DEMO_CARTONCLOUD_CLIENT_ID, DEMO_CARTONCLOUD_CLIENT_SECRET, DEMO_CARTONCLOUD_TENANT_ID } from '../providers/cartoncloud/sandbox/cartoncloud.demo-data.js';
import { demoProductCodes } from '../providers/unleashed/sandbox/unleashed.demo-data.js';
import { makeDemoTenant, makeUnleashedAccount } from '../../test-support/factories.js';
import { openConditions } from '../../test-support/health-conditions.js';
import { startSyncHarness, type SyncHarness, type SyncHarnessOptions } from '../../test-support/sync-harness.js';
import { startTestConveyor } from '../../test-support/test-conveyor.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';

// Issue 12 item 13: outages are not failures. CartonCloud down for minutes, or refusing our API client,
// pauses creation for the whole deployment (the pause lives in PostgreSQL) and resumes by itself.
let db: TestDatabase;
const harnesses: SyncHarness[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  while (harnesses.length) await harnesses.pop()!.close();
});
afterAll(async () => {
  await db.drop();
});

async function start(options: Partial<SyncHarnessOptions> = {}): Promise<SyncHarness> {
  const harness = await startSyncHarness({ databaseUrl: db.url, orm: db.orm, ...options });
  harnesses.push(harness);
  return harness;
}

const apiCalls = (harness: SyncHarness) => Object.values(harness.cartonCloud.stats().calls).reduce((a, b) => a + b, 0);
const openDeploymentCondition = (harness: SyncHarness, code: HealthConditionCode) => harness.em().findOneOrFail(HealthCondition, { integrationId: null, code, clearedAt: null });
const UNAVAILABLE = HealthConditionCode.CARTONCLOUD_UNAVAILABLE;

describe('creation pauses while CartonCloud is down, for every worker, and resumes by itself', () => {
  it('eight minutes of 503s: paused after three failures, nothing claimed meanwhile, no shipment FAILED or out of attempts, all created once afterwards', async () => {
    const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
    const harness = await start({ clock });
    const a = await harness.createIntegration();
    const b = await harness.createIntegration();
    for (let i = 0; i < 4; i++) {
      harness.order(a.apiId);
      harness.order(b.apiId);
    }
    harness.cartonCloud.startOutage({ ms: 8 * 60_000 });

    const first = await harness.sync.poll(a.integration.id);
    const paused = await openDeploymentCondition(harness, UNAVAILABLE);
    expect(paused.until).toEqual(new Date(clock.now().getTime() + 30_000)); // the first probe
    expect(paused.message).toMatch(/^CartonCloud is failing or not answering, so creating sale orders is paused for every integration \(next check 2026-03-02 01:00 UTC\)\..*Last answer: .*503/);
    expect(first!.errors.at(-1)).toEqual({ reference: null, message: HEALTH_CONDITIONS[UNAVAILABLE].message({ until: paused.until }) });
    const tried = [...(await harness.rows(a.integration.id)), ...(await harness.rows(b.integration.id))];
    expect(tried.filter((r) => r.lastError !== null)).toHaveLength(3); // three failures opened it; the rest were never claimed
    expect(tried.every((r) => r.state === ShipmentState.PENDING && r.attempts <= 1)).toBe(true);
    expect(tried.filter((r) => r.lastError?.includes('creating is paused while CartonCloud is unavailable'))).toHaveLength(1);

    // another worker process, during the pause: it claims nothing and does not call CartonCloud
    const calls = apiCalls(harness);
    const other = await harness.worker().poll(b.integration.id);
    expect(apiCalls(harness)).toBe(calls);
    expect(other!.errors).toEqual([{ reference: null, message: expect.stringContaining('creating sale orders is paused') }]);

    // the probe at 30 s fails (still down): one call, and the next check a minute later
    clock.advance(30_000);
    await harness.sync.poll(a.integration.id);
    expect((await openDeploymentCondition(harness, UNAVAILABLE)).until).toEqual(new Date(clock.now().getTime() + 60_000));
    expect(apiCalls(harness) - calls).toBeLessThanOrEqual(2); // the probe's token request (retried once by the policy)

    // CartonCloud is back after eight minutes: the next probe answers, creation resumes by itself
    clock.advance(8 * 60_000);
    await harness.sync.poll(a.integration.id);
    await harness.sync.poll(b.integration.id);
    expect(await openConditions(harness.em(), null)).toEqual({});
    const rows = [...(await harness.rows(a.integration.id)), ...(await harness.rows(b.integration.id))];
    expect(rows.map((r) => r.state)).toEqual(Array(8).fill(ShipmentState.CREATED));
    expect(Math.max(...rows.map((r) => r.attempts))).toBeLessThanOrEqual(2); // of 5: the outage used up nobody's attempts
    expect(harness.createCalls()).toMatchObject({ shipments: 8, maxPerShipment: 1 });
  }, 60_000);

  it('timeouts are an outage too: paused, then resumed once CartonCloud answers', async () => {
    const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
    const harness = await start({ clock, timeoutMs: 300 });
    const { integration, apiId } = await harness.createIntegration();
    for (let i = 0; i < 4; i++) harness.order(apiId);
    harness.cartonCloud.startOutage({ ms: 3 * 60_000, kind: 'timeout' });
    await harness.sync.poll(integration.id);
    expect((await openDeploymentCondition(harness, UNAVAILABLE)).message).toMatch(/timed out after 300 ms/);
    expect((await harness.rows(integration.id)).every((r) => r.state === ShipmentState.PENDING)).toBe(true);

    clock.advance(3 * 60_000);
    await harness.sync.poll(integration.id);
    expect(await openConditions(harness.em(), null)).toEqual({});
    expect((await harness.rows(integration.id)).map((r) => r.state)).toEqual(Array(4).fill(ShipmentState.CREATED));
    expect(harness.createCalls()).toMatchObject({ shipments: 4, maxPerShipment: 1 });
  }, 60_000);
});

describe('a rotated 3PL client secret', () => {
  it('pauses creation at once, shows CARTONCLOUD_CLIENT_REFUSED to admins in platformConditions, and resumes by itself once CartonCloud accepts the client', async () => {
    const clock = new ManualClock(new Date());
    const t = await startTestConveyor({ env: { ROLE: 'api' }, clock, cartonCloudOptions: { clock } });
    try {
      const em = t.services.orm.em.fork();
      const { acme, warehouses } = await makeDemoTenant(em);
      const account = makeUnleashedAccount(t.unleashed);
      t.unleashed.addProducts(account.apiId, [{ code: demoProductCodes[0]!, description: 'Tent' }]);
      const integration = em.create(Integration, {
        customer: acme,
        name: 'Acme Unleashed',
        status: IntegrationStatus.ACTIVE,
        unleashedApiId: account.apiId,
        defaultWarehouse: warehouses.melbourne,
        activatedAt: clock.now(),
      });
      integration.unleashedApiKeySealed = t.services.secretBox.seal(account.apiKey, integration.id);
      await em.flush();
      const order = () => t.unleashed.createOrder(account.apiId, { lines: [{ productCode: demoProductCodes[0]!, quantity: 1 }], delivery: { name: 'Bush Walkers', city: 'Sydney', region: 'NSW', country: 'AU' } });
      const rows = () => t.services.orm.em.fork().find(LedgerShipment, { integration: integration.id }, { orderBy: { customerReference: 'asc' } });
      const admin = await t.issuer.admin();
      const platformConditions = async () =>
        (await t.gql<{ platformConditions: { code: string; severity: string; message: string; action: string; until: string | null }[] }>('{ platformConditions { code severity message action until } }', {}, admin)).data!.platformConditions;

      order();
      await t.services.orderSync.poll(integration.id);
      expect((await rows())[0]!.state).toBe(ShipmentState.CREATED);

      t.cartonCloud.rotateClientSecret(DEMO_CARTONCLOUD_TENANT_ID, DEMO_CARTONCLOUD_CLIENT_ID, 'rotated-by-the-3pl');
      order();
      order();
      const run = await t.services.orderSync.poll(integration.id);
      const waiting = (await rows()).slice(1);
      expect(waiting.map((r) => [r.state, r.attempts])).toEqual([[ShipmentState.PENDING, 0], [ShipmentState.PENDING, 0]]);
      expect(waiting[0]!.lastError).toMatch(/refused the API client credentials \(401\).*creating is paused while CartonCloud refuses the 3PL/);
      expect(run!.errors.at(-1)!.message).toBe(HEALTH_CONDITIONS[HealthConditionCode.CARTONCLOUD_CLIENT_REFUSED].message({}));
      expect(await platformConditions()).toEqual([
        {
          code: 'CARTONCLOUD_CLIENT_REFUSED',
          severity: 'STOPPED',
          message: expect.stringContaining("CartonCloud refused the 3PL's API client"),
          action: expect.stringContaining('CARTONCLOUD_CLIENT_SECRET'),
          until: null,
        },
      ]);
      // a customer's user sees no deployment condition
      const customerUser = await t.issuer.customerUser(acme.id);
      expect((await t.gql('{ platformConditions { code } }', {}, customerUser)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      // probes keep failing while the secret is wrong, without touching the shipments
      clock.advance(60_000);
      await t.services.orderSync.poll(integration.id);
      expect((await rows()).slice(1).map((r) => r.attempts)).toEqual([0, 0]);

      // the 3PL puts the secret back (or the deployment is restarted with the new one): the next probe answers
      t.cartonCloud.rotateClientSecret(DEMO_CARTONCLOUD_TENANT_ID, DEMO_CARTONCLOUD_CLIENT_ID, DEMO_CARTONCLOUD_CLIENT_SECRET);
      clock.advance(5 * 60_000);
      await t.services.orderSync.poll(integration.id);
      expect((await rows()).map((r) => r.state)).toEqual([ShipmentState.CREATED, ShipmentState.CREATED, ShipmentState.CREATED]);
      expect(await platformConditions()).toEqual([]);
    } finally {
      await t.close();
    }
  }, 60_000);
});
