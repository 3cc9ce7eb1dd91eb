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
  /** the situation in plain words; `detail` is the row's last error (CartonCloud's or Unleashed's own words) */
  reason: (detail: string | null) => string;
  action: string;
  /** whether `retryShipments` can send it again once the cause is fixed */
  retryable: boolean;
}

const withDetail = (text: string, detail: string | null) => (detail ? `${text}: ${detail}` : `${text}.`);

export const ATTENTION: Readonly<Record<AttentionCode, AttentionEntry>> = {
  [AttentionCode.REJECTED]: {
    reason: (d) => withDetail('CartonCloud rejected the sale order', d),
    action: 'Fix the cause in CartonCloud (for example add the missing product to the customer\u2019s catalogue), then retry.',
    retryable: true,
  },
  [AttentionCode.CREATE_FAILED]: {
    reason: (d) => withDetail('The sale order could not be created in CartonCloud', d),
    action: 'Correct what CartonCloud names (in Unleashed or CartonCloud), then retry.',
    retryable: true,
  },
  [AttentionCode.NO_WAREHOUSE]: {
    reason: (d) => withDetail('Skipped: no CartonCloud warehouse is set for its Unleashed warehouse', d),
    action: 'Map the Unleashed warehouse, or set a default warehouse, in setup step 3; skipped shipments are then sent by themselves.',
    retryable: true,
  },
  [AttentionCode.AWAITING_SHIPMENT]: {
    reason: () => 'The order is Placed in Unleashed but has no Placed sales shipment yet, so nothing was sent to the warehouse.',
    action: 'Create (or place) the sales shipment in Unleashed, or turn on "send orders without a shipment" in setup step 3.',
    retryable: false,
  },
  [AttentionCode.REFERENCE_COLLISION]: {
    reason: (d) =>
      withDetail('Not sent: the same CartonCloud customer already has a sale order with this reference that this integration did not create (for example another Unleashed account of the customer using the same numbers)', d),
    action:
      'Ask the 3PL to allow duplicate customer references for this customer in CartonCloud, then retry; or handle this order by hand in CartonCloud. ' +
      'To avoid it, give the Unleashed accounts different order number prefixes. Conveyor never links it to the other order, nor sends it twice.',
    retryable: true,
  },
  [AttentionCode.WRITE_BACK_REFUSED]: {
    reason: (d) => withDetail('Unleashed refused part of the dispatch write-back; what it accepted (tracking, date, packages) was written', d),
    action: 'Complete the shipment in Unleashed by hand (for example pick the batch or serial numbers).',
    retryable: false,
  },
  [AttentionCode.WRITE_BACK_FAILED]: {
    reason: (d) => withDetail('The dispatch could not be written back to Unleashed', d),
    action: 'Check the shipment in Unleashed; mark it dispatched there by hand if needed.',
    retryable: false,
  },
  [AttentionCode.SHIPMENT_DELETED]: {
    reason: (d) => withDetail('The Unleashed sales shipment was deleted after the order went to the warehouse', d),
    action: 'Check with the warehouse whether the order should still ship; cancel it in CartonCloud if not.',
    retryable: false,
  },
};

/** A shipment waiting for Unleashed to create its sales shipment needs a person only after this long. */
export const AWAITING_SHIPMENT_ATTENTION_AFTER_MS = 24 * 3_600_000;

/** The words for a row, or null when nobody needs to act (yet). */
export function attentionReason(row: { attention: AttentionCode | null; attentionSince: Date | null; lastError: string | null }, now: Date, awaitingAfterMs = AWAITING_SHIPMENT_ATTENTION_AFTER_MS): string | null {
  if (!row.attention) return null;
  if (row.attention === AttentionCode.AWAITING_SHIPMENT && (!row.attentionSince || now.getTime() - row.attentionSince.getTime() < awaitingAfterMs)) return null;
  return ATTENTION[row.attention].reason(row.attention === AttentionCode.AWAITING_SHIPMENT ? null : row.lastError);
}
