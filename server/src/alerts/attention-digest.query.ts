import type { EntityManager } from '@mikro-orm/postgresql';
import type { NeedsAttention } from '../attention/needs-attention.query.js';
import { ATTENTION } from '../ledger/attention.js';
import type { DigestItem, DigestReason } from './alert-messages.js';

/**
 * The items a digest reports: shipments that started needing a person in (since, until] and still do —
 * the needs-attention rows (ledger attention codes, attention/needs-attention.query.ts), a wait for a
 * shipment counted from when it crossed ATTENTION_AWAITING_SHIPMENT_HOURS — grouped by reason. Read-only.
 */
export interface AttentionDigestQuery {
  (em: EntityManager, scope: { customerId: string | null; since: Date; until: Date; listLimit: number }): Promise<AttentionSummary>;
}

export interface AttentionSummary {
  total: number;
  reasons: DigestReason[];
  items: DigestItem[];
}

/** The digest's reading of the needs-attention rows: counts per reason in their few words, the first items with the full reason. */
export function attentionDigestFrom(needsAttention: NeedsAttention): AttentionDigestQuery {
  return async (em, scope) => {
    const found = await needsAttention.startedBetween(em, scope);
    return {
      total: found.reasons.reduce((sum, r) => sum + r.count, 0),
      reasons: found.reasons.map((r) => ({ reason: ATTENTION[r.code].label, count: r.count })),
      items: found.items.map((item) => ({
        reference: item.reference,
        customerId: item.customerId,
        customerName: item.customerName,
        integrationId: item.integrationId,
        integrationName: item.integrationName,
        reason: ATTENTION[item.code].reason(item.code === 'AWAITING_SHIPMENT' ? null : item.lastError),
        since: item.dueAt.toISOString(),
      })),
    };
  };
}
