import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import type { Config } from '../config.js';
import { HealthConditionCode } from '../integrations/health-conditions.js';
import type { IntegrationHealth } from '../integrations/integration-health.js';
import { Integration } from '../integrations/integration.entity.js';
import { allowanceIsLow, monthOf, projectToMonthEnd } from './unleashed-allowance.js';

/** One integration's Unleashed calls this month, as the overview and `Integration.unleashedCalls` show them. */
export interface UnleashedCallsOfMonth {
  integrationId: string;
  callsThisMonth: number;
  /** the allowance (UNLEASHED_MONTHLY_ALLOWANCE) */
  quota: number | null;
  projectedThisMonth: number;
}

export interface UnleashedUsageDeps {
  orm: MikroORM;
  clock: Clock;
  logger: Logger;
  config: Pick<Config, 'UNLEASHED_MONTHLY_ALLOWANCE'>;
  health: Pick<IntegrationHealth, 'raise' | 'clear'>;
}

/**
 * Counts every Unleashed call (each HTTP attempt: each counts against the account's allowance) per
 * integration per calendar month (UTC). Counted in memory as the calls happen (the provider factory tells
 * it) and added to `unleashed_call_counts` every few seconds with one upsert per integration; each flush
 * then raises or clears QUOTA_LOW for the integrations it wrote. The only writer of that table.
 */
export class UnleashedUsage {
  private pending = new Map<string, number>(); // `${integrationId} ${month}` → calls
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: UnleashedUsageDeps) {}

  count(integrationId: string): void {
    const key = `${integrationId} ${monthOf(this.deps.clock.now())}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
  }

  start(flushEveryMs = 10_000): void {
    this.timer ??= setInterval(() => void this.flush(), flushEveryMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** Writes the counts gathered since the last flush (one at a time); on failure they are kept for the next. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write()).catch((error: unknown) => this.deps.logger.warn({ err: error }, 'usage: could not store Unleashed call counts'));
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const em = this.deps.orm.em.fork() as EntityManager;
    const now = this.deps.clock.now();
    for (const [key, calls] of batch) {
      const [integrationId, month] = key.split(' ') as [string, string];
      try {
        const rows = await em.getConnection().execute<{ calls: number }[]>(
          `insert into unleashed_call_counts (integration_id, month, calls, updated_at) values (?, ?, ?, ?)
           on conflict (integration_id, month) do update set calls = unleashed_call_counts.calls + excluded.calls, updated_at = excluded.updated_at
           returning calls`,
          [integrationId, month, calls, now],
        );
        if (month === monthOf(now)) await this.judge(em, integrationId, Number(rows[0]?.calls ?? 0), now);
      } catch (error) {
        this.pending.set(key, (this.pending.get(key) ?? 0) + calls);
        throw error;
      }
    }
  }

  /** QUOTA_LOW raised or cleared for one integration, from its stored count. */
  private async judge(em: EntityManager, integrationId: string, calls: number, now: Date): Promise<void> {
    const integration = await em.findOne(Integration, integrationId);
    if (!integration) return;
    const allowance = this.deps.config.UNLEASHED_MONTHLY_ALLOWANCE;
    const projected = projectToMonthEnd(calls, now);
    if (allowanceIsLow(calls, projected, allowance)) {
      const detail = calls >= 0.8 * allowance ? `80 % of the ${allowance.toLocaleString('en')} calls of this month are used.` : `At this pace the month ends above its ${allowance.toLocaleString('en')} calls.`;
      await this.deps.health.raise(em, integration, HealthConditionCode.QUOTA_LOW, { detail });
    } else {
      await this.deps.health.clear(em, integration, HealthConditionCode.QUOTA_LOW);
    }
  }

  /** Every integration's calls this month (the overview), those not yet written included. */
  async callsThisMonth(em: EntityManager, now: Date): Promise<UnleashedCallsOfMonth[]> {
    const month = monthOf(now);
    const rows = await em.getConnection().execute<{ integration_id: string; calls: number }[]>(`select integration_id, calls from unleashed_call_counts where month = ?`, [month]);
    const totals = new Map(rows.map((r) => [r.integration_id, Number(r.calls)]));
    for (const [key, calls] of this.pending) {
      const [integrationId, of] = key.split(' ') as [string, string];
      if (of === month) totals.set(integrationId, (totals.get(integrationId) ?? 0) + calls);
    }
    return [...totals].map(([integrationId, calls]) => this.usageOf(integrationId, calls, now));
  }

  async ofIntegration(em: EntityManager, integrationId: string, now: Date): Promise<UnleashedCallsOfMonth> {
    return (await this.ofIntegrations(em, [integrationId], now)).get(integrationId)!;
  }

  /** Several integrations' calls this month in one query (the loader behind `Integration.unleashedCalls`). */
  async ofIntegrations(em: EntityManager, integrationIds: readonly string[], now: Date): Promise<Map<string, UnleashedCallsOfMonth>> {
    const month = monthOf(now);
    const rows = integrationIds.length
      ? await em.getConnection().execute<{ integration_id: string; calls: number }[]>(
          `select integration_id, calls from unleashed_call_counts where integration_id in (?) and month = ?`,
          [[...integrationIds], month],
        )
      : [];
    const stored = new Map(rows.map((r) => [r.integration_id, Number(r.calls)]));
    return new Map(integrationIds.map((id) => [id, this.usageOf(id, (stored.get(id) ?? 0) + (this.pending.get(`${id} ${month}`) ?? 0), now)]));
  }

  /** One integration's usage as shown, from its count this month. */
  usageOf(integrationId: string, calls: number, now: Date): UnleashedCallsOfMonth {
    return { integrationId, callsThisMonth: calls, quota: this.deps.config.UNLEASHED_MONTHLY_ALLOWANCE, projectedThisMonth: projectToMonthEnd(calls, now) };
  }
}
