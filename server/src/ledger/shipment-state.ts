import { registerEnumType } from 'type-graphql';

/**
 * Where one Unleashed sales shipment stands in the ledger: the column `synced_shipments.state` and the
 * states of the transition table (shipment-transitions.ts). AWAITING_SHIPMENT = a Placed order that has no
 * sales shipment ready to send yet (none, or only a Parked draft): the row stands for the order until its
 * shipment appears; PENDING = seen, waiting for its create (first try or a retry after a temporary
 * failure); CLAIMED = a worker is creating it in CartonCloud right now (or died doing so: the next attempt
 * searches first).
 */
export enum ShipmentState {
  AWAITING_SHIPMENT = 'AWAITING_SHIPMENT',
  PENDING = 'PENDING',
  CLAIMED = 'CLAIMED',
  CREATED = 'CREATED',
  REJECTED = 'REJECTED',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
  DISPATCHED = 'DISPATCHED',
  FULFILLED = 'FULFILLED',
}

/** The public enum of CONTRACT §4, plus PENDING: seen and waiting to be created (or being created). */
export enum SyncedShipmentState {
  PENDING = 'PENDING',
  CREATED = 'CREATED',
  REJECTED = 'REJECTED',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
  DISPATCHED = 'DISPATCHED',
  FULFILLED = 'FULFILLED',
}
registerEnumType(SyncedShipmentState, { name: 'SyncedShipmentState' });

/** What GraphQL shows for each ledger state: AWAITING_SHIPMENT and CLAIMED are internal details of PENDING (attentionReason says why one waits). */
export const PUBLIC_STATE: Readonly<Record<ShipmentState, SyncedShipmentState>> = {
  [ShipmentState.AWAITING_SHIPMENT]: SyncedShipmentState.PENDING,
  [ShipmentState.PENDING]: SyncedShipmentState.PENDING,
  [ShipmentState.CLAIMED]: SyncedShipmentState.PENDING,
  [ShipmentState.CREATED]: SyncedShipmentState.CREATED,
  [ShipmentState.REJECTED]: SyncedShipmentState.REJECTED,
  [ShipmentState.FAILED]: SyncedShipmentState.FAILED,
  [ShipmentState.SKIPPED]: SyncedShipmentState.SKIPPED,
  [ShipmentState.DISPATCHED]: SyncedShipmentState.DISPATCHED,
  [ShipmentState.FULFILLED]: SyncedShipmentState.FULFILLED,
};

const SHIPMENT_STATES = Object.values(ShipmentState);

export function publicState(state: ShipmentState): SyncedShipmentState {
  return PUBLIC_STATE[state];
}

/** The ledger states a public-state filter selects (PENDING: AWAITING_SHIPMENT, PENDING and CLAIMED). */
export function internalStates(state: SyncedShipmentState): ShipmentState[] {
  return SHIPMENT_STATES.filter((internal) => PUBLIC_STATE[internal] === state);
}
