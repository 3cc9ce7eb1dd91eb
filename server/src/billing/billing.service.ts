import { randomUUID } from 'node:crypto';
import type { RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import { requireAdmin } from '../auth/access-policy.js';
import type { Clock } from '../common/clock.js';
import { badInput, notFound } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { isUuid } from '../common/validation.js';
import type { Config } from '../config.js';
import { Customer } from '../customers/customer.entity.js';
import { Integration } from '../integrations/integration.entity.js';
import { BillingLine } from './billing-line.entity.js';
import { billingWeekOf, closedWeeksToBill, isActiveDuring } from './billing-week.js';
import type { BillingPreviewLine, BillingRange, BillingWeekTotal, CloseWeeksResult } from './billing.types.js';

const INSERT_CHUNK = 500;

interface BillableIntegrationRow {
  id: string;
  customer_id: string;
  activated_at: Date | string;
  deleted_at: Date | string | null;
}

/**
 * Billing (CONTRACT §5): one line per integration per closed billing week in which it was ACTIVE at any
 * moment, i.e. whose active interval [activatedAt, deletedAt ?? ∞) meets the week. The unique key
 * (integration, periodStart) makes writing a line safe to repeat from any number of workers at once.
 */
export class BillingService {
  constructor(private readonly deps: { orm: MikroORM; config: Config; clock: Clock; logger: Logger }) {}

  /**
   * Writes every line owed for weeks closed by `now` and not written yet: this run's, and any week that
   * closed while no worker was running. Price and currency are the configuration's at the time of writing.
   */
  async closeWeeks(now: Date): Promise<CloseWeeksResult> {
    const em = this.deps.orm.em.fork();
    const connection = em.getConnection();
    const newestClosedWeekEnd = billingWeekOf(now).start;
    // Integrations that were active before the newest closed week ended: only they can owe anything.
    const candidates = await connection.execute<BillableIntegrationRow[]>(
      `select id, customer_id, activated_at, deleted_at from integrations where activated_at is not null and activated_at < ?`,
      [newestClosedWeekEnd],
    );
    if (candidates.length === 0) return { written: 0, integrationsBilled: 0 };

    const counts = await connection.execute<{ integration_id: string; n: string }[]>(
      `select integration_id, count(*) as n from billing_lines where integration_id in (?) group by integration_id`,
      [candidates.map((c) => c.id)],
    );
    const billedCount = new Map(counts.map((r) => [r.integration_id, Number(r.n)]));

    const { BILLING_WEEKLY_PRICE_CENTS: amountCents, BILLING_CURRENCY: currency } = this.deps.config;
    const createdAt = this.deps.clock.now();
    const rows: RequiredEntityData<BillingLine>[] = [];
    let integrationsBilled = 0;
    for (const c of candidates) {
      const weeks = closedWeeksToBill({ from: new Date(c.activated_at), until: c.deleted_at === null ? null : new Date(c.deleted_at) }, now);
      // Every owed week already written (the usual case): nothing to do. Otherwise write them all and
      // let the unique key drop the ones that exist, so a gap anywhere is filled too.
      if (weeks.length <= (billedCount.get(c.id) ?? 0)) continue;
      integrationsBilled += 1;
      for (const week of weeks) {
        rows.push({
          id: randomUUID(),
          customer: c.customer_id,
          integration: c.id,
          periodStart: week.start,
          periodEnd: week.end,
          amountCents,
          currency,
          createdAt,
        });
      }
    }

    let written = 0;
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const result = await em
        .createQueryBuilder(BillingLine)
        .insert(rows.slice(i, i + INSERT_CHUNK))
        .onConflict(['integration', 'periodStart'])
        .ignore()
        .execute('run');
      written += result.affectedRows;
    }
    if (written > 0) this.deps.logger.info({ written, integrationsBilled, amountCents, currency }, 'billing: wrote lines for closed weeks');
    return { written, integrationsBilled };
  }

  /** Lines whose week overlaps [from, to), newest week first (then customer and integration name). */
  async lines(em: EntityManager, viewer: Viewer | null, range: BillingRange, populate = false): Promise<BillingLine[]> {
    await this.checkRange(em, viewer, range);
    const lines = await em.find(BillingLine, this.where(range), {
      orderBy: [{ periodStart: 'desc' }, { customer: { name: 'asc' } }, { integration: { name: 'asc' } }, { id: 'asc' }],
      ...(populate ? { populate: ['customer', 'integration'] as const } : {}),
    });
    return lines;
  }

  /** Per customer, per week (and currency) totals of the lines overlapping [from, to), newest week first. */
  async summary(em: EntityManager, viewer: Viewer | null, range: BillingRange): Promise<BillingWeekTotal[]> {
    await this.checkRange(em, viewer, range);
    const conditions: string[] = ['true'];
    const params: unknown[] = [];
    const where = (condition: string, value: unknown) => {
      conditions.push(condition);
      params.push(value);
    };
    if (range.customerId) where('customer_id = ?', range.customerId);
    if (range.from) where('period_end > ?', range.from);
    if (range.to) where('period_start < ?', range.to);
    const rows = await em.getConnection().execute<{ customer_id: string; period_start: Date | string; period_end: Date | string; currency: string; n: string; total: string }[]>(
      `select customer_id, period_start, period_end, currency, count(*) as n, sum(amount_cents) as total
         from billing_lines where ${conditions.join(' and ')}
        group by customer_id, period_start, period_end, currency`,
      params,
    );
    const customers = rows.length ? await em.find(Customer, { id: { $in: [...new Set(rows.map((r) => r.customer_id))] } }) : [];
    const byId = new Map(customers.map((c) => [c.id, c]));
    return rows
      .map((r) => ({
        customer: byId.get(r.customer_id)!,
        periodStart: new Date(r.period_start),
        periodEnd: new Date(r.period_end),
        integrationCount: Number(r.n),
        amountCents: Number(r.total),
        currency: r.currency,
      }))
      .sort((a, b) => b.periodStart.getTime() - a.periodStart.getTime() || a.customer.name.localeCompare(b.customer.name) || a.currency.localeCompare(b.currency));
  }

  /**
   * The current, open week: every integration active at any moment of it so far (still ACTIVE, or
   * deleted this week), at today's price. Nothing is written; closeWeeks writes it once the week closes.
   */
  async preview(em: EntityManager, viewer: Viewer | null, customerId?: string | null): Promise<BillingPreviewLine[]> {
    await this.checkRange(em, viewer, { customerId });
    const week = billingWeekOf(this.deps.clock.now());
    const integrations = await em.find(
      Integration,
      {
        activatedAt: { $ne: null, $lt: week.end },
        $or: [{ deletedAt: null }, { deletedAt: { $gt: week.start } }],
        ...(customerId ? { customer: customerId } : {}),
      },
      { populate: ['customer'] },
    );
    const { BILLING_WEEKLY_PRICE_CENTS: amountCents, BILLING_CURRENCY: currency } = this.deps.config;
    return integrations
      .filter((i) => isActiveDuring({ from: i.activatedAt!, until: i.deletedAt }, week))
      .map((i) => ({ customer: i.customer.getEntity(), integration: i, periodStart: week.start, periodEnd: week.end, amountCents, currency }))
      .sort((a, b) => a.customer.name.localeCompare(b.customer.name) || a.integration.name.localeCompare(b.integration.name) || a.integration.id.localeCompare(b.integration.id));
  }

  /** Admin only; `to` after `from`; the customer, when named, exists. */
  private async checkRange(em: EntityManager, viewer: Viewer | null, range: BillingRange): Promise<void> {
    requireAdmin(viewer);
    if (range.from && range.to && range.from.getTime() >= range.to.getTime()) {
      throw badInput('to', 'The end of the period (to) must be after its start (from).');
    }
    if (range.customerId !== undefined && range.customerId !== null) {
      if (!isUuid(range.customerId)) throw badInput('customerId', 'Not a valid customer id.');
      if (!(await em.count(Customer, { id: range.customerId }))) throw notFound('Customer', range.customerId);
    }
  }

  private where(range: BillingRange) {
    return {
      ...(range.customerId ? { customer: range.customerId } : {}),
      ...(range.from ? { periodEnd: { $gt: range.from } } : {}),
      ...(range.to ? { periodStart: { $lt: range.to } } : {}),
    };
  }
}
