import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Customer } from '../customers/customer.entity.js';
import { Warehouse } from '../customers/warehouse.entity.js';
import { IntegrationStatus } from './integration.enums.js';

/**
 * Where the order poll's walk of Unleashed stands (sync/order-ingest.ts), kept so that a failure resumes
 * there instead of repeating the scan.
 */
export interface OrderScanPosition {
  /** 'open-orders': the first poll, reading the Placed orders and their shipments; 'window': the changes since `since` */
  kind: 'open-orders' | 'window';
  /** ISO instant: the window's `modifiedSince`, or when the walk of the open orders began (its cursor when done) */
  since: string;
  /** the next shipment page of the window to read */
  nextPage: number;
  /** ISO instant: the newest LastModifiedOn seen by the poll that began the window — the cursor once it is done */
  newest: string | null;
}

/**
 * One customer's Unleashed account connected to the 3PL's CartonCloud. Setup progress is recorded per
 * step (`*ConfiguredAt`); `nextStep` is derived from it. The Unleashed API key is only ever stored sealed
 * (`unleashedApiKeySealed`, AES-256-GCM) and has no GraphQL field. Its warehouse mappings are rows of
 * their own (`WarehouseMapping`, which points here; no inverse collection, so the two files do not import
 * each other). The fields that stop or shape its jobs (`credentialsRejectedAt`, `unleashedOrderManagement`)
 * are written only by integration-health.ts, which also owns its conditions (`health_conditions`: what a
 * person should know, shown as `conditions`, `healthMessage` and `fulfilmentNotice`).
 */
@ObjectType({ description: 'A self-managed Unleashed integration of one customer.' })
@Entity({ tableName: 'integrations' })
@Index({ properties: ['status'] })
@Index({
  name: 'integrations_customer_name_live_unique',
  expression: `create unique index "integrations_customer_name_live_unique" on "integrations" ("customer_id", lower("name")) where "status" <> 'DELETED'`,
})
export class Integration {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Customer, ref: true, deleteRule: 'restrict' })
  customer!: Ref<Customer>;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => IntegrationStatus)
  @Enum({ items: () => IntegrationStatus, nativeEnumName: 'integration_status' })
  status: IntegrationStatus & Opt = IntegrationStatus.DRAFT;

  @Field(() => String, { nullable: true, description: 'The Unleashed API ID. The API key is write-only and never returned.' })
  @Property({ type: 'text', nullable: true })
  unleashedApiId: string | null = null;

  @Property({ type: 'text', nullable: true, lazy: true, hidden: true })
  unleashedApiKeySealed: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  authenticationConfiguredAt: Date | null = null;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  includeComments: boolean & Opt = false;

  @ManyToOne({ entity: () => Warehouse, ref: true, nullable: true, deleteRule: 'set null' })
  defaultWarehouse: Ref<Warehouse> | null = null;

  @Property({ type: 'datetime', nullable: true })
  orderCreationConfiguredAt: Date | null = null;

  /**
   * Step 3 (CONTRACT §6): a Placed order without a sales shipment (normal with Order Management off until it
   * is completed) becomes one sale order built from its own lines, reference "{OrderNumber}"; the shipment
   * Unleashed creates later is linked to it for the write-back. false: it waits, shown as waiting for a shipment.
   */
  @Field(() => Boolean, { description: 'Send a Placed order that has no sales shipment yet as one sale order built from its own lines (reference "{order number}"); the shipment Unleashed creates later is linked to it for the write-back. false: such orders wait for their shipment.' })
  @Property({ type: 'boolean', default: false })
  sendOrdersWithoutShipment: boolean & Opt = false;

  /** The Unleashed account's warehouse codes as last read (step 3), to warn about codes that would be skipped. */
  @Property({ type: 'json', nullable: true })
  knownUnleashedWarehouseCodes: string[] | null = null;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: false })
  fulfilmentEnabled: boolean & Opt = false;

  @Property({ type: 'datetime', nullable: true })
  fulfilmentConfiguredAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  activatedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  deletedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  lastSyncedAt: Date | null = null;

  /** Order poll watermark: the newest Unleashed LastModifiedOn fully handled. */
  @Property({ type: 'datetime', nullable: true })
  orderCursor: Date | null = null;

  /** Where the order poll's walk stands, so a failure resumes there; null between walks. Written by the order poll. */
  @Property({ type: 'json', nullable: true })
  orderScan: OrderScanPosition | null = null;

  /** Fulfilment watermark: the newest CartonCloud dispatched time fully handled. */
  @Property({ type: 'datetime', nullable: true })
  fulfilmentCursor: Date | null = null;

  /** Set when Unleashed refused the stored credentials during a poll; polling stops until step 2 is redone. */
  @Field(() => Date, { nullable: true, description: 'When Unleashed last refused the stored credentials (polling is stopped until they are replaced).' })
  @Property({ type: 'datetime', nullable: true })
  credentialsRejectedAt: Date | null = null;

  /** Learnt from Unleashed: false when the account has Order Management off (status updates impossible). */
  @Field(() => Boolean, { nullable: true, description: 'Whether the Unleashed account has Order Management on; null until first learnt.' })
  @Property({ type: 'boolean', nullable: true })
  unleashedOrderManagement: boolean | null = null;

  @Field(() => String, { description: 'IANA time zone of the Unleashed account, used for date-only values such as the dispatch date.' })
  @Property({ type: 'text', default: 'Australia/Melbourne' })
  unleashedTimeZone: string & Opt = 'Australia/Melbourne';

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
