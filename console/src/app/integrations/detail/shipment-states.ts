import type { SyncedShipmentState } from '../../graphql/generated';

export const STATE_LABEL: Record<SyncedShipmentState, string> = {
  PENDING: 'Pending',
  CREATED: 'Created',
  REJECTED: 'Rejected',
  SKIPPED: 'Skipped',
  FAILED: 'Failed',
  DISPATCHED: 'Dispatched',
  FULFILLED: 'Fulfilled',
};

export const STATE_HINT: Record<SyncedShipmentState, string> = {
  PENDING: 'Waiting for its turn to be created in CartonCloud.',
  CREATED: 'Created in CartonCloud; waiting for the warehouse to dispatch it.',
  REJECTED: 'CartonCloud refused the sale order.',
  SKIPPED: 'Not sent: its Unleashed warehouse has no CartonCloud warehouse and there is no default.',
  FAILED: 'Could not be created or written back after several attempts.',
  DISPATCHED: 'Dispatched by the warehouse.',
  FULFILLED: 'Dispatch written back to Unleashed.',
};

/** The filters of the ledger, in the order a user thinks about them. */
export const FILTER_STATES: SyncedShipmentState[] = ['CREATED', 'REJECTED', 'SKIPPED', 'FAILED', 'DISPATCHED', 'FULFILLED', 'PENDING'];

export function stateTone(state: SyncedShipmentState): 'ok' | 'bad' | 'warn' | 'idle' {
  if (state === 'REJECTED' || state === 'FAILED') return 'bad';
  if (state === 'SKIPPED') return 'warn';
  if (state === 'PENDING') return 'idle';
  return 'ok';
}
