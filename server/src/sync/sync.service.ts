import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanManageIntegrations, canSeeCustomer, requireViewer } from '../auth/access-policy.js';
import type { Viewer } from '../auth/viewer.js';
import { AppError, badInput, notFound } from '../common/errors.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { ATTENTION } from '../ledger/attention.js';
import { LedgerShipment } from '../ledger/ledger-shipment.entity.js';
import { isRetryable, RETRYABLE_BY_USER } from '../ledger/shipment-ledger.js';
import { publicState } from '../ledger/shipment-state.js';
import type { SyncRun } from '../runs/sync-run.entity.js';
import { ManualPolls } from './manual-polls.js';
import type { OrderSyncDeps } from './sync-deps.js';

/** The most shipments one `retryShipments` call may send again (the inbox's "select all shown" is 500 at most). */
export const MAX_RETRY_BATCH = 500;

/** The order sync's GraphQL mutations: syncNow, retryShipment and retryShipments. */
export class SyncService {
  private readonly polls: ManualPolls;

  constructor(private readonly deps: Pick<OrderSyncDeps, 'clock' | 'scheduler' | 'ledger' | 'runs' | 'config'>) {
    this.polls = new ManualPolls(deps);
  }

  /** An immediate order poll: the integration's QUEUED run (one at most; a cooldown between them), picked up by a worker. */
  async syncNow(em: EntityManager, viewer: Viewer | null, id: string): Promise<SyncRun> {
    const integration = await manageableIntegration(em, viewer, id);
    if (integration.status !== IntegrationStatus.ACTIVE) {
      throw badInput('id', `Only an active integration can be synced; this one is ${integration.status}. Finish its setup first.`);
    }
    if (integration.credentialsRejectedAt) {
      throw badInput('id', 'Unleashed refused this integration\u2019s credentials. Enter them again (setup step 2) before syncing.');
    }
    return this.polls.request(em, integration, 'manual');
  }

  /** One shipment sent again: `retryShipments` of one, its errors naming `id`. */
  async retryShipment(em: EntityManager, viewer: Viewer | null, id: string): Promise<LedgerShipment> {
    const [row] = await this.retry(em, viewer, [id], () => 'id');
    return row!;
  }

  /**
   * Shipments sent again after their cause was fixed (FAILED, REJECTED or SKIPPED for a retryable reason →
   * PENDING), all checked before any is changed: an unknown or foreign id is NOT_FOUND (naming nothing about
   * it), a shipment of a customer the viewer may not manage FORBIDDEN, one a retry cannot help
   * BAD_USER_INPUT with the reason — and then nothing changes. Each integration concerned is asked to poll
   * now (one queued run at most; see ManualPolls). A retried REJECTED row searches CartonCloud first when it
   * is created again, as every row with an earlier attempt does.
   */
  async retryShipments(em: EntityManager, viewer: Viewer | null, ids: readonly string[]): Promise<LedgerShipment[]> {
    return this.retry(em, viewer, ids, (index) => `ids[${index}]`);
  }

  private async retry(em: EntityManager, viewer: Viewer | null, ids: readonly string[], fieldOf: (index: number) => string): Promise<LedgerShipment[]> {
    const v = requireViewer(viewer);
    const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
    if (!wanted.length) throw badInput('ids', 'Choose at least one shipment to send again.');
    if (wanted.length > MAX_RETRY_BATCH) throw badInput('ids', `At most ${MAX_RETRY_BATCH} shipments can be sent again at once (${wanted.length} were chosen); send the rest afterwards.`);
    const field = (id: string) => fieldOf(ids.findIndex((candidate) => candidate.toLowerCase() === id));

    const rows = await em.find(LedgerShipment, { id: { $in: wanted } }, { populate: ['integration', 'integration.customer'] });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const visible = (row: LedgerShipment) => {
      const integration = row.integration.getEntity();
      return (v.isAdmin || integration.status !== IntegrationStatus.DELETED) && canSeeCustomer(v, integration.customer.id);
    };
    for (const id of wanted) {
      const row = byId.get(id);
      if (!row || !visible(row)) throw new AppError('NOT_FOUND', `Shipment ${id} was not found.`, { id, field: field(id) });
    }
    for (const integration of new Set(rows.map((row) => row.integration.getEntity()))) assertCanManageIntegrations(v, integration.customer.getEntity());
    const refused = wanted.map((id) => byId.get(id)!).filter((row) => !isRetryable(row));
    if (refused.length) {
      const first = refused[0]!;
      const others = refused.length > 1 ? ` ${refused.length - 1} more of the chosen shipments cannot be sent again either.` : '';
      throw badInput(field(first.id), `${first.customerReference} cannot be sent again: ${whyNotRetryable(first)}${others} Nothing was changed.`);
    }

    await this.deps.ledger.retry(em, wanted, this.deps.clock.now());
    for (const integration of new Set(rows.map((row) => row.integration.getEntity()))) {
      if (integration.status === IntegrationStatus.ACTIVE && !integration.credentialsRejectedAt) await this.polls.request(em, integration, 'retry');
    }
    const fresh = await em.fork().find(LedgerShipment, { id: { $in: wanted } });
    const freshById = new Map(fresh.map((row) => [row.id, row]));
    return wanted.map((id) => freshById.get(id)).filter((row): row is LedgerShipment => row !== undefined);
  }

}

/** An integration the viewer may manage: NOT_FOUND when they may not see it (as when it does not exist), FORBIDDEN when they may not change it. */
export async function manageableIntegration(em: EntityManager, viewer: Viewer | null, id: string): Promise<Integration> {
  const v = requireViewer(viewer);
  const integration = await em.findOne(Integration, id, { populate: ['customer'] });
  if (!integration || integration.status === IntegrationStatus.DELETED && !v.isAdmin || !canSeeCustomer(v, integration.customer.id)) {
    throw notFound('Integration', id);
  }
  assertCanManageIntegrations(v, integration.customer.getEntity());
  return integration;
}

/** Why a retry cannot help this row, in plain words (whole sentences). */
function whyNotRetryable(row: LedgerShipment): string {
  if (row.attention && !ATTENTION[row.attention].retryable) return `${ATTENTION[row.attention].label}. ${ATTENTION[row.attention].action}`;
  if (RETRYABLE_BY_USER.includes(row.state)) return row.lastError ? `a retry cannot fix this (${row.lastError.replace(/\.$/, '')}).` : 'a retry cannot fix this.';
  const state = publicState(row.state);
  return state === 'PENDING' ? 'it is already waiting to be sent (PENDING).' : `it is ${state}, not failed, rejected or skipped.`;
}
