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

/** The public enum of CONTRACT §4. */
export enum SyncedShipmentState {
  CREATED = 'CREATED',
  REJECTED = 'REJECTED',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
  DISPATCHED = 'DISPATCHED',
  FULFILLED = 'FULFILLED',
}
registerEnumType(SyncedShipmentState, { name: 'SyncedShipmentState' });

/** Pending work shows as CREATED-to-be? No: a shipment not yet created is reported as FAILED only once it gives up. */
export function publicState(state: ShipmentState): SyncedShipmentState | null {
  switch (state) {
    case ShipmentState.PENDING:
    case ShipmentState.CLAIMED:
      return null;
    default:
      return state as unknown as SyncedShipmentState;
  }
}
