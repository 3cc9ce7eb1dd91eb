import { registerEnumType } from 'type-graphql';

export enum SyncRunKind {
  ORDERS = 'ORDERS',
  FULFILMENT = 'FULFILMENT',
}
registerEnumType(SyncRunKind, { name: 'SyncRunKind' });

export enum SyncRunStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  PARTIAL = 'PARTIAL',
  FAILED = 'FAILED',
}
registerEnumType(SyncRunStatus, { name: 'SyncRunStatus' });

/**
 * Where one Unleashed sales shipment stands. PENDING and CLAIMED are internal (not in the GraphQL enum):
 * PENDING = seen, waiting for its create (first try or a retry after a temporary failure); CLAIMED = a
 * worker is creating it in CartonCloud right now (or died doing so: the next attempt searches first).
 */
export enum ShipmentState {
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

/** What GraphQL shows: CLAIMED is an internal detail of PENDING. */
export function publicState(state: ShipmentState): SyncedShipmentState {
  return state === ShipmentState.CLAIMED ? SyncedShipmentState.PENDING : (state as unknown as SyncedShipmentState);
}

/** Rows a public-state filter selects. */
export function internalStates(state: SyncedShipmentState): ShipmentState[] {
  return state === SyncedShipmentState.PENDING ? [ShipmentState.PENDING, ShipmentState.CLAIMED] : [state as unknown as ShipmentState];
}
