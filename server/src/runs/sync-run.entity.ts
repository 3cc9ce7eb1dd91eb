import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Integration } from '../integrations/integration.entity.js';
import { SyncRunKind, SyncRunStatus } from './sync-run.enums.js';

@ObjectType()
export class SyncError {
  @Field(() => String, { nullable: true, description: 'The customer reference of the shipment concerned, when there is one.' })
  reference!: string | null;

  @Field()
  message!: string;
}

/**
 * One poll (orders) or one fulfilment pass of one integration, with its running counts. Only SyncRunRecorder
 * writes it (atomic SQL); every property is readonly, so no other code can change a loaded run and flush it.
 */
@ObjectType({ description: 'One order poll or fulfilment pass, updated as it goes.' })
@Entity({ tableName: 'sync_runs' })
@Index({ properties: ['integration', 'createdAt'] })
@Index({
  name: 'sync_runs_one_queued_orders_run',
  expression: `create unique index "sync_runs_one_queued_orders_run" on "sync_runs" ("integration_id") where "status" = 'QUEUED' and "kind" = 'ORDERS'`,
})
export class SyncRun {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  readonly id: string = randomUUID();

  @ManyToOne({ entity: () => Integration, ref: true, deleteRule: 'cascade' })
  readonly integration!: Ref<Integration>;

  @Field(() => SyncRunKind)
  @Enum({ items: () => SyncRunKind, nativeEnumName: 'sync_run_kind' })
  readonly kind!: SyncRunKind;

  @Field(() => SyncRunStatus)
  @Enum({ items: () => SyncRunStatus, nativeEnumName: 'sync_run_status' })
  readonly status: SyncRunStatus & Opt = SyncRunStatus.QUEUED;

  /** 'schedule' or 'manual' (syncNow), and who asked. */
  @Field(() => String)
  @Property({ type: 'text', default: 'schedule' })
  readonly trigger: string & Opt = 'schedule';

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  readonly startedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  readonly finishedAt: Date | null = null;

  @Field(() => Int, { nullable: true, description: 'Shipments to handle in this run, once known.' })
  @Property({ type: 'integer', nullable: true })
  readonly total: number | null = null;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  readonly processed: number & Opt = 0;

  /**
   * Items brought to their goal — ORDERS: sale orders created in CartonCloud (adopted ones included);
   * FULFILMENT: shipments whose dispatch was written back to Unleashed. Column and GraphQL field keep the
   * contract's name `created`.
   */
  @Field(() => Int, { name: 'created', description: 'ORDERS: sale orders created in CartonCloud. FULFILMENT: shipments whose dispatch was written back to Unleashed.' })
  @Property({ type: 'integer', default: 0, fieldName: 'created' })
  readonly completed: number & Opt = 0;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  readonly skipped: number & Opt = 0;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  readonly failed: number & Opt = 0;

  @Field(() => [SyncError])
  @Property({ type: 'json', default: '[]' })
  readonly errors: SyncError[] & Opt = [];

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  readonly createdAt: Date & Opt = new Date();
}
