import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Customer } from '../customers/customer.entity.js';
import { Warehouse } from '../customers/warehouse.entity.js';
import { IntegrationStatus } from './integration.enums.js';

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
