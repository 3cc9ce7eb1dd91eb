import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanManageIntegrations, canSeeCustomer, requireViewer } from '../auth/access-policy.js';
import type { Viewer } from '../auth/viewer.js';
import { badInput, notFound } from '../common/errors.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { LedgerShipment } from '../ledger/ledger-shipment.entity.js';
import { RETRYABLE_BY_USER } from '../ledger/shipment-ledger.js';
import type { SyncRun } from '../runs/sync-run.entity.js';
import { SyncRunKind } from '../runs/sync-run.enums.js';
import type { OrderSyncDeps } from './sync-deps.js';

/** The order sync's GraphQL mutations: syncNow and retryShipment. */
export class SyncService {
  constructor(private readonly deps: Pick<OrderSyncDeps, 'clock' | 'scheduler' | 'ledger' | 'runs'>) {}

  /** An immediate order poll: a QUEUED run now, picked up by a worker. */
  async syncNow(em: EntityManager, viewer: Viewer | null, id: string): Promise<SyncRun> {
    const integration = await this.manageable(em, viewer, id);
    if (integration.status !== IntegrationStatus.ACTIVE) {
      throw badInput('id', `Only an active integration can be synced; this one is ${integration.status}. Finish its setup first.`);
    }
    if (integration.credentialsRejectedAt) {
      throw badInput('id', 'Unleashed refused this integration\u2019s credentials. Enter them again (setup step 2) before syncing.');
    }
    const run = await this.deps.runs.queue(em, { integrationId: integration.id, customerId: integration.customer.id }, SyncRunKind.ORDERS, 'manual');
    await this.deps.scheduler.now('orders.poll', { integrationId: integration.id, runId: run.id });
    return run;
  }

  /** A FAILED, REJECTED or SKIPPED shipment goes back to PENDING; the next poll (asked for now) tries again. */
  async retryShipment(em: EntityManager, viewer: Viewer | null, id: string): Promise<LedgerShipment> {
    const row = await em.findOne(LedgerShipment, id);
    if (!row) throw notFound('Shipment', id);
    const integration = await this.manageable(em, viewer, row.integration.id);
    if (!RETRYABLE_BY_USER.includes(row.state)) {
      throw badInput('id', `Only a failed, rejected or skipped shipment can be retried; this one is ${row.state}.`);
    }
    const moved = await this.deps.ledger.retry(em, [row.id], this.deps.clock.now());
    if (!moved.length) throw badInput('id', 'The shipment changed meanwhile; reload and try again.');
    if (integration.status === IntegrationStatus.ACTIVE && !integration.credentialsRejectedAt) {
      await this.deps.scheduler.now('orders.poll', { integrationId: integration.id });
    }
    await em.refresh(row);
    return row;
  }

  private async manageable(em: EntityManager, viewer: Viewer | null, id: string): Promise<Integration> {
    const v = requireViewer(viewer);
    const integration = await em.findOne(Integration, id, { populate: ['customer'] });
    if (!integration || integration.status === IntegrationStatus.DELETED && !v.isAdmin || !canSeeCustomer(v, integration.customer.id)) {
      throw notFound('Integration', id);
    }
    assertCanManageIntegrations(v, integration.customer.getEntity());
    return integration;
  }
}
