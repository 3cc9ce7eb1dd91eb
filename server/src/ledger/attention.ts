import { registerEnumType } from 'type-graphql';

/**
 * Why a person must act on a ledger row (the console's needs-attention inbox, CONTRACT §6
 * `attentionReason`): one code per situation, stored on the row (`synced_shipments.attention`, set by the
 * ledger's moves), with one wording per code — what happened, and what to do. A row without a code needs
 * nobody. AWAITING_SHIPMENT is the one code that needs a person only after a while (normal at first).
 */
export enum AttentionCode {
  /** CartonCloud created the sale order as REJECTED (e.g. a product it does not know) */
  REJECTED = 'REJECTED',
  /** CartonCloud refused the create for good, or its attempts are used up */
  CREATE_FAILED = 'CREATE_FAILED',
  /** no warehouse mapping for the shipment's Unleashed warehouse and no default */
  NO_WAREHOUSE = 'NO_WAREHOUSE',
  /** a Placed order with no (Placed) sales shipment in Unleashed yet */
  AWAITING_SHIPMENT = 'AWAITING_SHIPMENT',
  /** CartonCloud already has a sale order with this reference that this integration did not create */
  REFERENCE_COLLISION = 'REFERENCE_COLLISION',
  /** Unleashed refused part of the write-back for good (e.g. batch quantities); what it accepted was written */
  WRITE_BACK_REFUSED = 'WRITE_BACK_REFUSED',
  /** the write-back kept failing and is no longer retried */
  WRITE_BACK_FAILED = 'WRITE_BACK_FAILED',
  /** the Unleashed sales shipment was deleted after the order went to CartonCloud: nothing to write back to */
  SHIPMENT_DELETED = 'SHIPMENT_DELETED',
}
registerEnumType(AttentionCode, { name: 'AttentionCode', description: 'Why a person must act on a shipment (see attentionReason for the words).' });

interface AttentionEntry {
  /** a few words for lists, filters and digests (e.g. "Rejected by CartonCloud") */
  label: string;
  /** the situation in plain words; `detail` is the row's last error (CartonCloud's or Unleashed's own words) */
  reason: (detail: string | null) => string;
  action: string;
  /** whether `retryShipments` can send it again once the cause is fixed */
  retryable: boolean;
}

const withDetail = (text: string, detail: string | null) => (detail ? `${text}: ${detail}` : `${text}.`);

export const ATTENTION: Readonly<Record<AttentionCode, AttentionEntry>> = {
  [AttentionCode.REJECTED]: {
    label: 'Rejected by CartonCloud',
    reason: (d) => withDetail('CartonCloud rejected the sale order', d),
    action: 'Fix the cause in CartonCloud (for example add the missing product to the customer\u2019s catalogue), then retry.',
    retryable: true,
  },
  [AttentionCode.CREATE_FAILED]: {
    label: 'Could not be created',
    reason: (d) => withDetail('The sale order could not be created in CartonCloud', d),
    action: 'Correct what CartonCloud names (in Unleashed or CartonCloud), then retry.',
    retryable: true,
  },
  [AttentionCode.NO_WAREHOUSE]: {
    label: 'No warehouse for it',
    reason: (d) => withDetail('Skipped: no CartonCloud warehouse is set for its Unleashed warehouse', d),
    action: 'Map the Unleashed warehouse, or set a default warehouse, in setup step 3; skipped shipments are then sent by themselves.',
    retryable: true,
  },
  [AttentionCode.AWAITING_SHIPMENT]: {
    label: 'Waiting for a shipment',
    reason: () => 'The order is Placed in Unleashed but has no Placed sales shipment yet, so nothing was sent to the warehouse.',
    action: 'Create (or place) the sales shipment in Unleashed, or turn on "send orders without a shipment" in setup step 3.',
    retryable: false,
  },
  [AttentionCode.REFERENCE_COLLISION]: {
    label: 'Reference already used',
    reason: (d) =>
      withDetail('Not sent: the same CartonCloud customer already has a sale order with this reference that this integration did not create (for example another Unleashed account of the customer using the same numbers)', d),
    action:
      'Ask the 3PL to allow duplicate customer references for this customer in CartonCloud, then retry; or handle this order by hand in CartonCloud. ' +
      'To avoid it, give the Unleashed accounts different order number prefixes. Conveyor never links it to the other order, nor sends it twice.',
    retryable: true,
  },
  [AttentionCode.WRITE_BACK_REFUSED]: {
    label: 'Write-back refused',
    reason: (d) => withDetail('Unleashed refused part of the dispatch write-back; what it accepted (tracking, date, packages) was written', d),
    action: 'Complete the shipment in Unleashed by hand (for example pick the batch or serial numbers).',
    retryable: false,
  },
  [AttentionCode.WRITE_BACK_FAILED]: {
    label: 'Write-back failed',
    reason: (d) => withDetail('The dispatch could not be written back to Unleashed', d),
    action: 'Check the shipment in Unleashed; mark it dispatched there by hand if needed.',
    retryable: false,
  },
  [AttentionCode.SHIPMENT_DELETED]: {
    label: 'Shipment deleted in Unleashed',
    reason: (d) => withDetail('The Unleashed sales shipment was deleted after the order went to the warehouse', d),
    action: 'Check with the warehouse whether the order should still ship; cancel it in CartonCloud if not.',
    retryable: false,
  },
};

/**
 * A shipment waiting for Unleashed to create its sales shipment needs a person only after this long: the
 * default of ATTENTION_AWAITING_SHIPMENT_HOURS (config.ts), which the application passes in.
 */
export const AWAITING_SHIPMENT_ATTENTION_AFTER_MS = 24 * 3_600_000;

/** The codes `retryShipments` may send again once the cause is fixed. */
export const RETRYABLE_ATTENTION: readonly AttentionCode[] = Object.values(AttentionCode).filter((code) => ATTENTION[code].retryable);

/**
 * The one definition of "a person must act on this row now", as SQL over `synced_shipments` (alias
 * `alias`): a code is set, and a row waiting for its shipment has waited at least the threshold. Its one
 * parameter is `awaitingCutoff(now, …)`. Every needs-attention read (the inbox, its counts, the digest,
 * the overview) uses it, so a code added to the catalogue shows up everywhere without more work.
 */
export function needsAttentionSql(alias: string): string {
  return `${alias}.attention is not null and (${alias}.attention <> 'AWAITING_SHIPMENT' or ${alias}.attention_since <= ?)`;
}

/** The parameter of `needsAttentionSql`: rows waiting for a shipment since before this instant need a person. */
export function awaitingCutoff(now: Date, awaitingAfterMs = AWAITING_SHIPMENT_ATTENTION_AFTER_MS): Date {
  return new Date(now.getTime() - awaitingAfterMs);
}

/** When a row started needing a person: its `attentionSince`, plus the threshold for one waiting for a shipment. */
export function attentionDueAt(row: { attention: AttentionCode | null; attentionSince: Date | null }, awaitingAfterMs = AWAITING_SHIPMENT_ATTENTION_AFTER_MS): Date | null {
  if (!row.attention || !row.attentionSince) return null;
  return row.attention === AttentionCode.AWAITING_SHIPMENT ? new Date(row.attentionSince.getTime() + awaitingAfterMs) : row.attentionSince;
}

/** The words for a row, or null when nobody needs to act (yet). */
export function attentionReason(row: { attention: AttentionCode | null; attentionSince: Date | null; lastError: string | null }, now: Date, awaitingAfterMs = AWAITING_SHIPMENT_ATTENTION_AFTER_MS): string | null {
  if (!row.attention) return null;
  if (row.attention === AttentionCode.AWAITING_SHIPMENT && (!row.attentionSince || now.getTime() - row.attentionSince.getTime() < awaitingAfterMs)) return null;
  return ATTENTION[row.attention].reason(row.attention === AttentionCode.AWAITING_SHIPMENT ? null : row.lastError);
}
