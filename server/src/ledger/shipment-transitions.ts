import { ShipmentState } from './shipment-state.js';

/**
 * Every allowed move of a ledger row (STYLE.md "Sync state is data"). Anything else is a bug and throws.
 *
 *   PENDING ──claim──▶ CLAIMED ──201──▶ CREATED ──dispatched──▶ DISPATCHED ──written to Unleashed──▶ FULFILLED
 *      │                 │  ├──228──▶ REJECTED                                    ▲        │
 *      │                 │  ├──4xx / attempts exhausted──▶ FAILED                 └────────┘ tracking changed
 *      │                 └──temporary failure──▶ PENDING (nextAttemptAt)
 *      ├──no warehouse──▶ SKIPPED ──reconfigured──▶ PENDING
 *      └──a failed search before a retried create──▶ PENDING (backs off again)
 *   FAILED / REJECTED / SKIPPED ──retried by a user──▶ PENDING
 *   AWAITING_SHIPMENT (a Placed order without a shipment ready) ──its shipment appeared, or "send orders
 *      without a shipment" turned on──▶ PENDING; ──order deleted, or dispatched in Unleashed without the
 *      warehouse──▶ SKIPPED
 *   DISPATCHED ──the Unleashed shipment was deleted (nothing to write back to)──▶ FAILED
 *   DISPATCHED ──a failed write-back (attempts + 1, nextAttemptAt)──▶ DISPATCHED; FULFILLED ──watched, unchanged──▶ FULFILLED
 */
export const SHIPMENT_TRANSITIONS: Readonly<Record<ShipmentState, readonly ShipmentState[]>> = {
  [ShipmentState.AWAITING_SHIPMENT]: [ShipmentState.PENDING, ShipmentState.SKIPPED],
  [ShipmentState.PENDING]: [ShipmentState.CLAIMED, ShipmentState.SKIPPED, ShipmentState.FAILED, ShipmentState.PENDING],
  [ShipmentState.CLAIMED]: [ShipmentState.CREATED, ShipmentState.REJECTED, ShipmentState.FAILED, ShipmentState.PENDING, ShipmentState.CLAIMED],
  [ShipmentState.CREATED]: [ShipmentState.DISPATCHED, ShipmentState.REJECTED],
  [ShipmentState.REJECTED]: [ShipmentState.PENDING],
  [ShipmentState.FAILED]: [ShipmentState.PENDING],
  [ShipmentState.SKIPPED]: [ShipmentState.PENDING],
  [ShipmentState.DISPATCHED]: [ShipmentState.FULFILLED, ShipmentState.DISPATCHED, ShipmentState.FAILED],
  [ShipmentState.FULFILLED]: [ShipmentState.DISPATCHED, ShipmentState.FULFILLED],
};

export function canTransition(from: ShipmentState, to: ShipmentState): boolean {
  return SHIPMENT_TRANSITIONS[from].includes(to);
}

export class IllegalTransitionError extends Error {
  constructor(readonly from: ShipmentState, readonly to: ShipmentState) {
    super(`a shipment cannot go from ${from} to ${to}`);
  }
}

export function assertTransition(from: ShipmentState, to: ShipmentState): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}
