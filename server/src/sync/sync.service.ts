import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import { assertCanManageIntegrations, canSeeCustomer, requireViewer } from '../auth/access-policy.js';
import { BatchLoader } from '../common/batch-loader.js';
import { DailyActivity } from './daily-activity.type.js';
import { badInput, notFound } from '../common/errors.js';
import { Topics } from '../common/event-bus.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import type { SyncDeps } from './order-poll.service.js';
import { pgArray } from '../ledger/shipment-ledger.js';
import { assertTransition } from '../ledger/shipment-transitions.js';
import { SyncRun } from '../runs/sync-run.entity.js';
import { internalStates, ShipmentState, SyncedShipmentState, SyncRunKind } from './sync.enums.js';
import { SyncedShipment } from '../ledger/ledger-shipment.entity.js';

export const clampLimit = (limit: number | null | undefined, fallback: number) => Math.min(500, Math.max(1, Math.trunc(limit ?? fallback)));

/** The order sync's GraphQL side: runs and shipments to read, syncNow and retryShipment. */
export class SyncService {
  constructor(private readonly deps: SyncDeps) {}

  async syncRun(em: EntityManager, viewer: Viewer | null, id: string): Promise<SyncRun | null> {
    requireViewer(viewer);
    const run = await em.findOne(SyncRun, id, { populate: ['integration'] });
    return run && canSeeCustomer(viewer, run.integration.getEntity().customer.id) ? run : null;
  }

  /** An immediate order poll: a QUEUED run now, picked up by a worker. */
  async syncNow(em: EntityManager, viewer: Viewer | null, id: string): Promise<SyncRun> {
    const integration = await this.manageable(em, viewer, id);
    if (integration.status !== IntegrationStatus.ACTIVE) {
      throw badInput('id', `Only an active integration can be synced; this one is ${integration.status}. Finish its setup first.`);
    }
    if (integration.credentialsRejectedAt) {
      throw badInput('id', 'Unleashed refused this integration\u2019s credentials. Enter them again (setup step 2) before syncing.');
    }
    const run = em.create(SyncRun, { integration, kind: SyncRunKind.ORDERS, trigger: 'manual' });
    await em.flush();
    await this.deps.scheduler.now('orders.poll', { integrationId: integration.id, runId: run.id });
    await this.deps.eventBus.publish(Topics.SYNC_RUN_UPDATED, { syncRunId: run.id, integrationId: integration.id, customerId: integration.customer.id });
    return run;
  }

  /** A FAILED, REJECTED or SKIPPED shipment goes back to PENDING; the next poll (asked for now) tries again. */
  async retryShipment(em: EntityManager, viewer: Viewer | null, id: string): Promise<SyncedShipment> {
    const row = await em.findOne(SyncedShipment, id);
    if (!row) throw notFound('Shipment', id);
    const integration = await this.manageable(em, viewer, row.integration.id);
    if (![ShipmentState.FAILED, ShipmentState.REJECTED, ShipmentState.SKIPPED].includes(row.state)) {
      throw badInput('id', `Only a failed, rejected or skipped shipment can be retried; this one is ${row.state}.`);
    }
    assertTransition(row.state, ShipmentState.PENDING);
    const now = this.deps.clock.now();
    const moved = await em.getConnection().execute<{ id: string }[]>(
      `update synced_shipments set state = 'PENDING', next_attempt_at = null, updated_at = ? where id = ? and state = ? returning id`,
      [now, id, row.state],
    );
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

/**
 * Per-request loaders for the sync fields: one query per field (and argument set) per request,
 * however many integrations or runs the response holds.
 */
export function createSyncLoaders(em: EntityManager) {
  const runs = new Map<number, BatchLoader<string, SyncRun[]>>();
  const shipments = new Map<string, BatchLoader<string, SyncedShipment[]>>();
  const activityLoaders = new Map<string, BatchLoader<string, DailyActivity[]>>();
  return {
    integration: new BatchLoader<string, Integration | null>(async (ids) => {
      const rows = await em.find(Integration, { id: { $in: [...ids] } });
      return new Map(rows.map((i) => [i.id, i]));
    }, () => null),

    syncRuns(limit: number): BatchLoader<string, SyncRun[]> {
      let loader = runs.get(limit);
      if (!loader) {
        loader = new BatchLoader(async (integrationIds) => {
          const ids = await em.getConnection().execute<{ id: string }[]>(
            `select id from (select id, row_number() over (partition by integration_id order by created_at desc, id) as n
               from sync_runs where integration_id = any(?::uuid[])) r where n <= ?`,
            [pgArray(integrationIds), limit],
          );
          const rows = ids.length ? await em.find(SyncRun, { id: { $in: ids.map((r) => r.id) } }, { orderBy: { createdAt: 'desc', id: 'asc' } }) : [];
          return groupBy(rows, (r) => r.integration.id);
        }, () => []);
        runs.set(limit, loader);
      }
      return loader;
    },

    /** Shipments per UTC day over the last `days` days, by outcome (one query for every integration asked). */
    activity(days: number, now: Date): BatchLoader<string, DailyActivity[]> {
      const key = `${days}`;
      let loader = activityLoaders.get(key);
      if (!loader) {
        loader = new BatchLoader(async (integrationIds) => {
          const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
          const rows = await em.getConnection().execute<{ integration_id: string; day: string; synced: string; problems: string; pending: string }[]>(
            `select integration_id, to_char(date_trunc('day', created_at at time zone 'UTC'), 'YYYY-MM-DD') as day,
                    count(*) filter (where state in ('CREATED', 'DISPATCHED', 'FULFILLED')) as synced,
                    count(*) filter (where state in ('REJECTED', 'FAILED', 'SKIPPED')) as problems,
                    count(*) filter (where state in ('PENDING', 'CLAIMED')) as pending
               from synced_shipments where integration_id = any(?::uuid[]) and created_at >= ?
              group by 1, 2`,
            [pgArray(integrationIds), since],
          );
          const result = new Map<string, DailyActivity[]>();
          for (const id of integrationIds) {
            const byDay = new Map(rows.filter((r) => r.integration_id === id).map((r) => [r.day, r]));
            result.set(
              id,
              Array.from({ length: days }, (_, i) => {
                const day = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
                const row = byDay.get(day);
                return Object.assign(new DailyActivity(), { day, synced: Number(row?.synced ?? 0), problems: Number(row?.problems ?? 0), pending: Number(row?.pending ?? 0) });
              }),
            );
          }
          return result;
        }, () => []);
        activityLoaders.set(key, loader);
      }
      return loader;
    },

    shipments(state: SyncedShipmentState | null, limit: number, orderNumber: string | null): BatchLoader<string, SyncedShipment[]> {
      const key = JSON.stringify([state, limit, orderNumber]);
      let loader = shipments.get(key);
      if (!loader) {
        loader = new BatchLoader(async (integrationIds) => {
          const states = state ? internalStates(state) : null;
          const ids = await em.getConnection().execute<{ id: string }[]>(
            `select id from (select id, row_number() over (partition by integration_id order by updated_at desc, id) as n
               from synced_shipments where integration_id = any(?::uuid[])
               ${states ? 'and state = any(?::shipment_state[])' : ''} ${orderNumber ? 'and lower(unleashed_order_number) = lower(?)' : ''}) r
             where n <= ?`,
            [pgArray(integrationIds), ...(states ? [pgArray(states)] : []), ...(orderNumber ? [orderNumber.trim()] : []), limit],
          );
          const rows = ids.length
            ? await em.find(SyncedShipment, { id: { $in: ids.map((r) => r.id) } }, { orderBy: { updatedAt: 'desc', id: 'asc' } })
            : [];
          return groupBy(rows, (r) => r.integration.id);
        }, () => []);
        shipments.set(key, loader);
      }
      return loader;
    },
  };
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) out.set(key(row), [...(out.get(key(row)) ?? []), row]);
  return out;
}
