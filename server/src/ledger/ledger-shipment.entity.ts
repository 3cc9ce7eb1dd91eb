import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Integration } from '../integrations/integration.entity.js';
import { AttentionCode } from './attention.js';
import type { ShipmentSource } from './shipment-source.js';
import { ShipmentState } from './shipment-state.js';

/**
 * The ledger: one row per Unleashed sales shipment an integration has seen, and what became of it —
 * most rows are not "synced" yet or never will be (PENDING, SKIPPED, FAILED…), hence the class name.
 * The GraphQL type keeps its public name `LedgerShipment`, the table `synced_shipments` (renaming it
 * would buy a migration and nothing else). The unique key (integration, Unleashed shipment) plus the
 * CLAIMED state and a search by customer reference before any retried create make the CartonCloud create
 * happen at most once. Only `ShipmentLedger` (shipment-ledger.ts) writes these rows, with SQL; every
 * property is readonly, so no other code can change a loaded row and flush it.
 */
@ObjectType('SyncedShipment', { description: 'One Unleashed sales shipment and what became of it.' })
@Entity({ tableName: 'synced_shipments' })
@Unique({ properties: ['integration', 'unleashedShipmentGuid'] })
@Index({ properties: ['integration', 'state', 'nextAttemptAt'] })
@Index({ properties: ['integration', 'unleashedOrderNumber'] })
@Index({ properties: ['cartonCloudOrderId'] })
@Index({ properties: ['integration', 'attention', 'attentionSince'] })
@Index({ name: 'synced_shipments_needs_attention', expression: `create index "synced_shipments_needs_attention" on "synced_shipments" ("attention_since") where "attention" is not null` })
@Index({ properties: ['claimedAt'] })
@Index({ properties: ['dispatchedAt'] })
@Index({
  name: 'synced_shipments_order_row_unique',
  expression: `create unique index "synced_shipments_order_row_unique" on "synced_shipments" ("integration_id", "unleashed_order_guid") where "unleashed_shipment_guid" is null`,
})
export class LedgerShipment {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  readonly id: string = randomUUID();

  @ManyToOne({ entity: () => Integration, ref: true, deleteRule: 'cascade' })
  readonly integration!: Ref<Integration>;

  /** null: the row stands for an order that had no shipment (AWAITING_SHIPMENT, or a whole order not yet linked to its shipment) */
  @Property({ type: 'text', nullable: true })
  readonly unleashedShipmentGuid: string | null = null;

  @Property({ type: 'text', nullable: true })
  readonly unleashedOrderGuid: string | null = null;

  @Field()
  @Property({ type: 'text' })
  readonly unleashedOrderNumber!: string;

  /** null until the order of an order-level row has a shipment (GraphQL shows "": SyncedShipment.unleashedShipmentNumber) */
  @Property({ type: 'text', nullable: true })
  readonly unleashedShipmentNumber: string | null = null;

  /**
   * The row stands for a whole Unleashed order that had no sales shipment when it was seen: sent (with
   * "send orders without a shipment") from the order's own lines as "{OrderNumber}"; the shipment Unleashed
   * creates later is linked to it (guid and number) for the write-back, never sent again.
   */
  @Field(() => Boolean, { description: 'True when it stands for a whole Unleashed order sent without a sales shipment (reference "{order number}"); the shipment Unleashed creates later is linked to it for the dispatch write-back.' })
  @Property({ type: 'boolean', default: false })
  readonly wholeOrder: boolean & Opt = false;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  readonly unleashedWarehouseCode: string | null = null;

  /** "{OrderNumber} | {ShipmentNumber}" — CartonCloud's references.customer ("{OrderNumber}" for a whole order) */
  @Field({ description: '"{order number} | {shipment number}": the CartonCloud sale order\'s customer reference ("{order number}" for an order sent without a shipment).' })
  @Property({ type: 'text' })
  readonly customerReference!: string;

  @Enum({ items: () => ShipmentState, nativeEnumName: 'shipment_state' })
  readonly state: ShipmentState & Opt = ShipmentState.PENDING;

  @Field(() => Int, { description: 'How many times creating it in CartonCloud was tried, counted against its limit; a try that failed while CartonCloud was down for everyone (creation paused) does not count.' })
  @Property({ type: 'integer', default: 0 })
  readonly attempts: number & Opt = 0;

  @Field(() => String, { nullable: true, description: 'Why it was rejected, skipped or failed, in CartonCloud\'s or our words.' })
  @Property({ type: 'text', nullable: true })
  readonly lastError: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When a failed create will be retried.' })
  @Property({ type: 'datetime', nullable: true })
  readonly nextAttemptAt: Date | null = null;

  /** When a worker claimed the create; a stale claim is recovered by searching CartonCloud first. */
  @Property({ type: 'datetime', nullable: true })
  readonly claimedAt: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  readonly cartonCloudOrderId: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  readonly cartonCloudStatus: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  readonly trackingNumber: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  readonly carrier: string | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  readonly dispatchedAt: Date | null = null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  readonly packages: number | null = null;

  /** When tracking/carrier/packages were last written to Unleashed, and what was written. */
  @Field(() => Date, { nullable: true, description: 'When the dispatch was last written to Unleashed.' })
  @Property({ type: 'datetime', nullable: true })
  readonly fulfilledAt: Date | null = null;

  @Property({ type: 'json', nullable: true })
  readonly writtenBack: Record<string, unknown> | null = null;

  /** The Unleashed shipment's LastModifiedOn when we last read it, to notice edits after it was sent. */
  @Property({ type: 'datetime', nullable: true })
  readonly unleashedModifiedAt: Date | null = null;

  /** An Unleashed change after the order was sent to CartonCloud (edited, deleted), in plain words. */
  @Field(() => String, { nullable: true, description: 'A change in Unleashed after the order was sent (edited, deleted), in plain words.' })
  @Property({ type: 'text', nullable: true })
  readonly drift: string | null = null;

  /** What Unleashed said about the shipment and its order when last read; the sale order is built from it. */
  @Property({ type: 'json', nullable: true })
  readonly source: ShipmentSource | null = null;

  /** The order poll (SyncRun) that last queued this row: that run counts its outcome. */
  @Property({ type: 'uuid', nullable: true })
  readonly syncRunId: string | null = null;

  /** Why a person must act on this row (ledger/attention.ts); null: nobody needs to. Set by the ledger's moves. */
  @Field(() => AttentionCode, { name: 'attentionCode', nullable: true, description: 'Why a person must act on it (attentionReason has the words); null when nobody needs to.' })
  @Enum({ items: () => AttentionCode, nativeEnumName: 'attention_code', nullable: true })
  readonly attention: AttentionCode | null = null;

  /** Since when `attention` has held this code. */
  @Field(() => Date, { nullable: true, description: 'Since when it has needed attention (for this reason).' })
  @Property({ type: 'datetime', nullable: true })
  readonly attentionSince: Date | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  readonly createdAt: Date & Opt = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  readonly updatedAt: Date & Opt = new Date();
}

/** The Unleashed shipment a row writes back to; throws for an order-level row not yet linked to one (callers list linked rows only). */
export function linkedShipmentGuid(row: Pick<LedgerShipment, 'unleashedShipmentGuid' | 'customerReference'>): string {
  if (!row.unleashedShipmentGuid) throw new Error(`${row.customerReference} has no Unleashed sales shipment linked yet`);
  return row.unleashedShipmentGuid;
}
