import type { EntityManager } from '@mikro-orm/postgresql';
import type { DigestItem, DigestReason } from './alert-messages.js';

/**
 * The items a digest reports: ledger rows that newly need a person since `since` (up to `until`).
 * Read-only. For now: rows REJECTED, FAILED or SKIPPED whose `updated_at` falls in (since, until], of
 * integrations not deleted. The needs-attention query of issue 14 replaces this one function.
 */
export interface AttentionDigestQuery {
  (em: EntityManager, scope: { customerId: string | null; since: Date; until: Date; listLimit: number }): Promise<AttentionSummary>;
}

export interface AttentionSummary {
  total: number;
  reasons: DigestReason[];
  items: DigestItem[];
}

const REASONS: Record<string, string> = {
  REJECTED: 'Rejected by CartonCloud',
  FAILED: 'Failed to send',
  SKIPPED: 'Skipped: no warehouse for it',
};

export const ledgerAttentionDigest: AttentionDigestQuery = async (em, scope) => {
  const connection = em.getConnection();
  const where = `s.state in ('REJECTED', 'FAILED', 'SKIPPED') and s.updated_at > ? and s.updated_at <= ? and i.status <> 'DELETED'${scope.customerId ? ' and i.customer_id = ?' : ''}`;
  const params: unknown[] = [scope.since, scope.until, ...(scope.customerId ? [scope.customerId] : [])];
  const counts = await connection.execute<{ state: string; n: string }[]>(
    `select s.state, count(*) as n from synced_shipments s join integrations i on i.id = s.integration_id where ${where} group by s.state order by count(*) desc, s.state`,
    params,
  );
  const total = counts.reduce((sum, r) => sum + Number(r.n), 0);
  if (total === 0) return { total: 0, reasons: [], items: [] };
  const rows = await connection.execute<
    { reference: string; state: string; last_error: string | null; updated_at: Date | string; integration_id: string; integration_name: string; customer_id: string; customer_name: string }[]
  >(
    `select s.customer_reference as reference, s.state, s.last_error, s.updated_at, i.id as integration_id, i.name as integration_name, c.id as customer_id, c.name as customer_name
       from synced_shipments s join integrations i on i.id = s.integration_id join customers c on c.id = i.customer_id
      where ${where} order by s.updated_at asc, s.customer_reference asc limit ?`,
    [...params, scope.listLimit],
  );
  return {
    total,
    reasons: counts.map((r) => ({ reason: REASONS[r.state] ?? r.state, count: Number(r.n) })),
    items: rows.map((r) => ({
      reference: r.reference,
      customerId: r.customer_id,
      customerName: r.customer_name,
      integrationId: r.integration_id,
      integrationName: r.integration_name,
      reason: r.last_error ? `${REASONS[r.state] ?? r.state}: ${r.last_error}` : (REASONS[r.state] ?? r.state),
      since: new Date(r.updated_at).toISOString(),
    })),
  };
};
