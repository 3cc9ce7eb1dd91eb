import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../common/pg-array.js';
import { HEALTH_CONDITIONS, HealthConditionCode, HealthSeverity } from '../integrations/health-conditions.js';
import { Integration } from '../integrations/integration.entity.js';
import { CARTONCLOUD_CREATE_KEY, slotSpacingMs } from '../sync/create-rate-limiter.js';
import type { CreateBudget, OrderActivity } from './overview.types.js';

/** Conditions that make an integration "not healthy" on the overview (NOTICE ones are worth knowing, not a problem). */
export const UNHEALTHY_CODES: readonly HealthConditionCode[] = Object.values(HealthConditionCode).filter((code) => HEALTH_CONDITIONS[code].severity !== HealthSeverity.NOTICE);

/** The overview's reads: each one SQL statement, whatever the number of customers and integrations. */
export class OverviewQuery {
  constructor(private readonly createRatePerMinute: number) {}

  /** Integrations (not deleted) with an open condition worse than a notice, by name. */
  async unhealthyIntegrations(em: EntityManager): Promise<Integration[]> {
    const rows = await em.getConnection().execute<Record<string, unknown>[]>(
      `select i.* from integrations i where i.status <> 'DELETED' and exists (
         select 1 from health_conditions h where h.integration_id = i.id and h.cleared_at is null and h.code = any(?::health_condition_code[]))
       order by lower(i.name), i.id`,
      [pgArray(UNHEALTHY_CODES)],
    );
    return rows.map((row) => em.map(Integration, row));
  }

  /** Sale orders created (claimed and not rejected) and dispatched since the start of today and of this week (Monday) in `timeZone`. */
  async orderActivity(em: EntityManager, now: Date, timeZone: string): Promise<OrderActivity> {
    const [row] = await em.getConnection().execute<{ created_today: string; created_week: string; dispatched_today: string; dispatched_week: string }[]>(
      `with bounds as (
         select date_trunc('day', ?::timestamptz at time zone ?) at time zone ? as day_start,
                date_trunc('week', ?::timestamptz at time zone ?) at time zone ? as week_start)
       select count(*) filter (where s.claimed_at >= b.day_start and s.state in ('CREATED', 'DISPATCHED', 'FULFILLED')) as created_today,
              count(*) filter (where s.claimed_at >= b.week_start and s.state in ('CREATED', 'DISPATCHED', 'FULFILLED')) as created_week,
              count(*) filter (where s.dispatched_at >= b.day_start) as dispatched_today,
              count(*) filter (where s.dispatched_at >= b.week_start) as dispatched_week
         from bounds b join synced_shipments s on s.claimed_at >= b.week_start or s.dispatched_at >= b.week_start`,
      [now, timeZone, timeZone, now, timeZone, timeZone],
    );
    return {
      createdToday: Number(row?.created_today ?? 0),
      createdThisWeek: Number(row?.created_week ?? 0),
      dispatchedToday: Number(row?.dispatched_today ?? 0),
      dispatchedThisWeek: Number(row?.dispatched_week ?? 0),
    };
  }

  /** Creates sent in the last minute (ledger claims: each precedes one create) and slots reserved ahead in the shared limiter. */
  async createBudget(em: EntityManager, now: Date): Promise<CreateBudget> {
    const [row] = await em.getConnection().execute<{ used: string; ahead_ms: string | number | null }[]>(
      `select (select count(*) from synced_shipments where claimed_at > ?::timestamptz - interval '60 seconds' and claimed_at <= ?) as used,
              (select greatest(0, extract(epoch from (next_slot_at - clock_timestamp())) * 1000) from create_rate_limits where key = ?) as ahead_ms`,
      [now, now, CARTONCLOUD_CREATE_KEY],
    );
    const spacing = slotSpacingMs(this.createRatePerMinute);
    return {
      limitPerMinute: this.createRatePerMinute,
      usedLastMinute: Number(row?.used ?? 0),
      reservedAhead: Math.ceil(Number(row?.ahead_ms ?? 0) / spacing),
    };
  }
}
