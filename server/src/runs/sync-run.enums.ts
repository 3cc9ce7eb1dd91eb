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
