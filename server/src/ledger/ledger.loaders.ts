import type { EntityManager } from '@mikro-orm/postgresql';
import { BatchLoader } from '../common/batch-loader.js';
import { pgArray } from '../common/pg-array.js';
import { groupBy, perArguments } from '../common/request-loaders.js';
import { DailyActivity } from './daily-activity.type.js';
import { LedgerShipment } from './ledger-shipment.entity.js';
import { internalStates, type SyncedShipmentState } from './shipment-state.js';

/** Per-request loaders of the ledger (`ctx.loaders.of(ledgerLoaders)`): one query per field and argument set. */
export function ledgerLoaders(em: EntityManager) {
  const activity = new Map<number, BatchLoader<string, DailyActivity[]>>();
  return {
    /** The most recently changed rows of each integration asked for, optionally of one state or order. */
    shipments: perArguments(
      (state: SyncedShipmentState | null, limit: number, orderNumber: string | null) =>
        new BatchLoader<string, LedgerShipment[]>(async (integrationIds) => {
          const states = state ? internalStates(state) : null;
          const ids = await em.getConnection().execute<{ id: string }[]>(
            `select id from (select id, row_number() over (partition by integration_id order by updated_at desc, id) as n
               from synced_shipments where integration_id = any(?::uuid[])
               ${states ? 'and state = any(?::shipment_state[])' : ''} ${orderNumber ? 'and lower(unleashed_order_number) = lower(?)' : ''}) r
             where n <= ?`,
            [pgArray(integrationIds), ...(states ? [pgArray(states)] : []), ...(orderNumber ? [orderNumber.trim()] : []), limit],
          );
          const rows = ids.length
            ? await em.find(LedgerShipment, { id: { $in: ids.map((r) => r.id) } }, { orderBy: { updatedAt: 'desc', id: 'asc' } })
            : [];
          return groupBy(rows, (r) => r.integration.id);
        }, () => []),
    ),

    /** Shipments per UTC day over the last `days` days, by outcome (one query for every integration asked). */
    activity(days: number, now: Date): BatchLoader<string, DailyActivity[]> {
      let loader = activity.get(days);
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
        activity.set(days, loader);
      }
      return loader;
    },
  };
}
