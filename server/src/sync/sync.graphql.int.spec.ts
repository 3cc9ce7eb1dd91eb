import { Customer } from '../customers/customer.entity.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { startTestConveyor, type TestConveyor } from '../../test-support/test-conveyor.js';
import { SyncRun } from '../runs/sync-run.entity.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import { SyncRunKind, SyncRunStatus } from '../runs/sync-run.enums.js';
import { LedgerShipment } from '../ledger/ledger-shipment.entity.js';
import { AttentionCode } from '../ledger/attention.js';

let t: TestConveyor;
let allowed: Customer;
let notAllowed: Customer;
let active: Integration;
let draft: Integration;
let other: Integration;

beforeAll(async () => {
  // an API-only process: syncNow queues the poll and nobody runs it, so the QUEUED run stays visible
  t = await startTestConveyor({ env: { ROLE: 'api' } });
  const em = t.services.orm.em.fork();
  allowed = em.create(Customer, { name: 'Acme', cartonCloudCustomerId: 'cc-acme', selfManagedIntegrationsAllowed: true });
  notAllowed = em.create(Customer, { name: 'Globex', cartonCloudCustomerId: 'cc-globex', selfManagedIntegrationsAllowed: false });
  active = em.create(Integration, { customer: allowed, name: 'Live', status: IntegrationStatus.ACTIVE, unleashedApiId: 'api-1', activatedAt: new Date() });
  draft = em.create(Integration, { customer: allowed, name: 'Draft', status: IntegrationStatus.DRAFT });
  other = em.create(Integration, { customer: notAllowed, name: 'Theirs', status: IntegrationStatus.ACTIVE, unleashedApiId: 'api-2', activatedAt: new Date() });
  for (let i = 0; i < 3; i++) {
    em.create(SyncRun, { integration: active, kind: SyncRunKind.ORDERS, status: SyncRunStatus.SUCCEEDED, createdAt: new Date(Date.now() - (3 - i) * 60_000) });
    em.create(SyncRun, { integration: other, kind: SyncRunKind.ORDERS, status: SyncRunStatus.SUCCEEDED });
  }
  const shipment = (integration: Integration, order: string, shipmentNumber: string, state: ShipmentState) =>
    em.create(LedgerShipment, {
      integration,
      unleashedShipmentGuid: `${order}-${shipmentNumber}`,
      unleashedOrderNumber: order,
      unleashedShipmentNumber: shipmentNumber,
      customerReference: `${order} | ${shipmentNumber}`,
      state,
      lastError: state === ShipmentState.FAILED ? 'CartonCloud said no' : null,
      // as the ledger's moves leave a failed create
      attention: state === ShipmentState.FAILED ? AttentionCode.CREATE_FAILED : null,
      attentionSince: state === ShipmentState.FAILED ? new Date() : null,
      writtenBack: null,
    });
  shipment(active, 'SO-1', 'SS-1', ShipmentState.CREATED);
  shipment(active, 'SO-1', 'SS-2', ShipmentState.CLAIMED);
  shipment(active, 'SO-2', 'SS-3', ShipmentState.FAILED);
  await em.flush();
});
afterAll(async () => {
  await t.close();
});

const SHIPMENTS = `query($id: ID!, $state: SyncedShipmentState, $orderNumber: String, $limit: Int) {
  integration(id: $id) { syncRuns(limit: 2) { id status integration { id } } shipments(state: $state, orderNumber: $orderNumber, limit: $limit) { id customerReference state lastError } }
}`;

describe('sync over GraphQL', () => {
  it('lists runs newest first and answers "what happened to order X?" with public states', async () => {
    const admin = await t.issuer.admin();
    const result = await t.gql<{ integration: { syncRuns: { id: string; integration: { id: string } }[]; shipments: { customerReference: string; state: string }[] } }>(
      SHIPMENTS,
      { id: active.id, orderNumber: 'so-1' },
      admin,
    );
    expect(result.errors).toBeUndefined();
    const newest = await t.services.orm.em.fork().find(SyncRun, { integration: active.id }, { orderBy: { createdAt: 'desc' }, limit: 2 });
    expect(result.data!.integration.syncRuns.map((r) => r.id)).toEqual(newest.map((r) => r.id));
    expect(result.data!.integration.syncRuns.every((r) => r.integration.id === active.id)).toBe(true);
    expect(result.data!.integration.shipments.map((s) => [s.customerReference, s.state]).sort()).toEqual([
      ['SO-1 | SS-1', 'CREATED'],
      ['SO-1 | SS-2', 'PENDING'],
    ]);
    const failed = await t.gql<{ integration: { shipments: { customerReference: string; lastError: string }[] } }>(SHIPMENTS, { id: active.id, state: 'FAILED', limit: 0 }, admin);
    expect(failed.data!.integration.shipments).toEqual([expect.objectContaining({ customerReference: 'SO-2 | SS-3', lastError: 'CartonCloud said no' })]);
  });

  it('syncNow queues a manual run for a user of an allowed customer; syncRun reads it back', async () => {
    const token = await t.issuer.customerUser(allowed.id);
    const queued = await t.gql<{ syncNow: { id: string; status: string; trigger: string; kind: string } }>(`mutation($id: ID!) { syncNow(id: $id) { id status trigger kind } }`, { id: active.id }, token);
    expect(queued.errors).toBeUndefined();
    expect(queued.data!.syncNow).toMatchObject({ status: 'QUEUED', trigger: 'manual', kind: 'ORDERS' });
    expect(await t.services.scheduler.scheduledCount('orders.poll', active.id)).toBeGreaterThanOrEqual(1);
    const read = await t.gql<{ syncRun: { id: string } | null }>(`query($id: ID!) { syncRun(id: $id) { id } }`, { id: queued.data!.syncNow.id }, token);
    expect(read.data!.syncRun).toEqual({ id: queued.data!.syncNow.id });
  });

  it('syncNow refuses an integration that is not ACTIVE with BAD_USER_INPUT on id, and changes nothing', async () => {
    const result = await t.gql(`mutation($id: ID!) { syncNow(id: $id) { id } }`, { id: draft.id }, await t.issuer.admin());
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(await t.services.orm.em.fork().count(SyncRun, { integration: draft.id })).toBe(0);
  });

  it('keeps other customers\u2019 runs away: syncNow is FORBIDDEN for a customer not allowed to manage, syncRun is null for a stranger', async () => {
    const globex = await t.issuer.customerUser(notAllowed.id);
    const refused = await t.gql(`mutation($id: ID!) { syncNow(id: $id) { id } }`, { id: other.id }, globex);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const theirRun = await t.services.orm.em.fork().findOneOrFail(SyncRun, { integration: other.id });
    const acme = await t.issuer.customerUser(allowed.id);
    const hidden = await t.gql<{ syncRun: unknown }>(`query($id: ID!) { syncRun(id: $id) { id } }`, { id: theirRun.id }, acme);
    expect(hidden.data!.syncRun).toBeNull();
  });

  it('retryShipment puts a FAILED shipment back to PENDING', async () => {
    const em = t.services.orm.em.fork();
    const failed = await em.findOneOrFail(LedgerShipment, { customerReference: 'SO-2 | SS-3' });
    const result = await t.gql<{ retryShipment: { state: string } }>(`mutation($id: ID!) { retryShipment(id: $id) { state } }`, { id: failed.id }, await t.issuer.admin());
    expect(result.errors).toBeUndefined();
    expect(result.data!.retryShipment.state).toBe('PENDING');
  });
});
