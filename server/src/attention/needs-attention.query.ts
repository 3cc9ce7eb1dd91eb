import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../common/pg-array.js';
import { AttentionCode, awaitingCutoff, needsAttentionSql } from '../ledger/attention.js';
import { LedgerShipment } from '../ledger/ledger-shipment.entity.js';

/**
 * Which shipments a person must act on (ledger/attention.ts `needsAttentionSql`), read for the inbox, its
 * badge, the overview and the alert digest. Read-only: the ledger stays the one writer of its rows. Rows of
 * deleted integrations are left out (nobody acts on them). Every read is one SQL statement, whatever the
 * number of customers or integrations; the partial index `synced_shipments_needs_attention` and the
 * (integration, attention, since) index keep them cheap on a large ledger.
 */
export interface AttentionScope {
  /** null: every customer (admins); otherwise only these (a customer user: theirs; none: nothing) */
  customerIds: readonly string[] | null;
  integrationId?: string | null;
  reason?: AttentionCode | null;
}

export interface ReasonCount {
  code: AttentionCode;
  count: number;
}

export interface CustomerCount {
  customerId: string;
  count: number;
  /** since when the customer's longest-waiting item has needed a person */
  oldestSince: Date;
}

/** One item of a digest: a row that started needing a person in the digest's window. */
export interface NewAttentionItem {
  reference: string;
  code: AttentionCode;
  lastError: string | null;
  dueAt: Date;
  integrationId: string;
  integrationName: string;
  customerId: string;
  customerName: string;
}

export class NeedsAttention {
  constructor(
    /** ATTENTION_AWAITING_SHIPMENT_HOURS in milliseconds */
    private readonly awaitingShipmentAfterMs: number,
  ) {}

  /** The rows, longest waiting first (by `attentionSince`), at most `limit`. */
  async list(em: EntityManager, scope: AttentionScope, now: Date, limit: number): Promise<LedgerShipment[]> {
    const where = this.where(scope, now);
    const rows = await em.getConnection().execute<Record<string, unknown>[]>(
      `select s.* from synced_shipments s join integrations i on i.id = s.integration_id
        where ${where.sql} order by s.attention_since asc, s.id asc limit ?`,
      [...where.params, limit],
    );
    return rows.map((row) => em.map(LedgerShipment, row));
  }

  async count(em: EntityManager, scope: AttentionScope, now: Date): Promise<number> {
    const where = this.where(scope, now);
    const rows = await em.getConnection().execute<{ n: string }[]>(
      `select count(*) as n from synced_shipments s join integrations i on i.id = s.integration_id where ${where.sql}`,
      where.params,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** How many per reason (reasons with none are left out), most first. */
  async byReason(em: EntityManager, scope: AttentionScope, now: Date): Promise<ReasonCount[]> {
    const where = this.where(scope, now);
    const rows = await em.getConnection().execute<{ attention: AttentionCode; n: string }[]>(
      `select s.attention, count(*) as n from synced_shipments s join integrations i on i.id = s.integration_id
        where ${where.sql} group by s.attention order by count(*) desc, s.attention`,
      where.params,
    );
    return rows.map((r) => ({ code: r.attention, count: Number(r.n) }));
  }

  /** How many per customer (customers with none are left out), most first. */
  async byCustomer(em: EntityManager, scope: AttentionScope, now: Date): Promise<CustomerCount[]> {
    const where = this.where(scope, now);
    const rows = await em.getConnection().execute<{ customer_id: string; n: string; oldest: Date | string }[]>(
      `select i.customer_id, count(*) as n, min(s.attention_since) as oldest from synced_shipments s join integrations i on i.id = s.integration_id
        where ${where.sql} group by i.customer_id order by count(*) desc, i.customer_id`,
      where.params,
    );
    return rows.map((r) => ({ customerId: r.customer_id, count: Number(r.n), oldestSince: new Date(r.oldest) }));
  }

  /**
   * What started needing a person in (since, until] — a code set then, or a wait for a shipment that crossed
   * the threshold then — and still does at `until`: the count per reason and the first `listLimit` items,
   * oldest first. Two statements.
   */
  async startedBetween(
    em: EntityManager,
    scope: { customerId: string | null; since: Date; until: Date; listLimit: number },
  ): Promise<{ reasons: ReasonCount[]; items: NewAttentionItem[] }> {
    const due = `(case when s.attention = 'AWAITING_SHIPMENT' then s.attention_since + make_interval(secs => ?) else s.attention_since end)`;
    const where = this.where({ customerIds: scope.customerId ? [scope.customerId] : null }, scope.until);
    const window = `${where.sql} and ${due} > ? and ${due} <= ?`;
    const seconds = this.awaitingShipmentAfterMs / 1000;
    const params = [...where.params, seconds, scope.since, seconds, scope.until];
    const counts = await em.getConnection().execute<{ attention: AttentionCode; n: string }[]>(
      `select s.attention, count(*) as n from synced_shipments s join integrations i on i.id = s.integration_id
        where ${window} group by s.attention order by count(*) desc, s.attention`,
      params,
    );
    if (!counts.length) return { reasons: [], items: [] };
    const rows = await em.getConnection().execute<
      { reference: string; attention: AttentionCode; last_error: string | null; due_at: Date | string; integration_id: string; integration_name: string; customer_id: string; customer_name: string }[]
    >(
      `select s.customer_reference as reference, s.attention, s.last_error, ${due} as due_at, i.id as integration_id, i.name as integration_name,
              c.id as customer_id, c.name as customer_name
         from synced_shipments s join integrations i on i.id = s.integration_id join customers c on c.id = i.customer_id
        where ${window} order by due_at asc, s.customer_reference asc limit ?`,
      [seconds, ...params, scope.listLimit],
    );
    return {
      reasons: counts.map((r) => ({ code: r.attention, count: Number(r.n) })),
      items: rows.map((r) => ({
        reference: r.reference,
        code: r.attention,
        lastError: r.last_error,
        dueAt: new Date(r.due_at),
        integrationId: r.integration_id,
        integrationName: r.integration_name,
        customerId: r.customer_id,
        customerName: r.customer_name,
      })),
    };
  }

  /** The WHERE clause of a scope over `synced_shipments s join integrations i`. */
  private where(scope: AttentionScope, now: Date): { sql: string; params: unknown[] } {
    const parts = [needsAttentionSql('s'), `i.status <> 'DELETED'`];
    const params: unknown[] = [awaitingCutoff(now, this.awaitingShipmentAfterMs)];
    if (scope.customerIds) {
      parts.push('i.customer_id = any(?::uuid[])');
      params.push(pgArray(scope.customerIds));
    }
    if (scope.integrationId) {
      parts.push('s.integration_id = ?');
      params.push(scope.integrationId);
    }
    if (scope.reason) {
      parts.push('s.attention = ?::attention_code');
      params.push(scope.reason);
    }
    return { sql: parts.join(' and '), params };
  }
}
