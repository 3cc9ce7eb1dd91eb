import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Customer } from '../customers/customer.entity.js';
import { AlertChannel } from './alert.enums.js';

/**
 * Who is told about a customer's integrations (or, with no customer, about every customer's: admins only),
 * and how. A webhook's signing secret is stored only sealed (`signingSecretSealed`, the row id as AAD) and
 * has no GraphQL field: `createAlertSubscription` shows it once.
 */
@ObjectType({ description: "Where alerts about one customer's integrations (or every customer's, when customer is null) are sent." })
@Entity({ tableName: 'alert_subscriptions' })
@Index({ properties: ['customer'] })
@Index({
  name: 'alert_subscriptions_scope_target_unique',
  expression: `create unique index "alert_subscriptions_scope_target_unique" on "alert_subscriptions" (coalesce("customer_id", '00000000-0000-0000-0000-000000000000'::uuid), "channel", lower("target"))`,
})
export class AlertSubscription {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** null: every customer (created by an admin) */
  @ManyToOne({ entity: () => Customer, ref: true, nullable: true, deleteRule: 'cascade' })
  customer: Ref<Customer> | null = null;

  @Field(() => AlertChannel)
  @Enum({ items: () => AlertChannel, nativeEnumName: 'alert_channel' })
  channel!: AlertChannel;

  @Field({ description: 'The e-mail address, or the webhook URL.' })
  @Property({ type: 'text' })
  target!: string;

  @Property({ type: 'text', nullable: true, lazy: true, hidden: true })
  signingSecretSealed: string | null = null;

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  /** e-mail of the person (or the subject of the API client) who created it */
  @Field(() => String, { nullable: true, description: 'Who created it (e-mail, or the token subject of an API client).' })
  @Property({ type: 'text', nullable: true })
  createdBy: string | null = null;

  /** the digest covers ledger changes after this instant; moved forward when a digest is written */
  @Property({ type: 'datetime' })
  digestCursor!: Date;

  @Field(() => Date, { nullable: true, description: 'When the last shipments.need_attention digest was written for it.' })
  @Property({ type: 'datetime', nullable: true })
  lastDigestAt: Date | null = null;
}
