import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AlertDeliveryStatus } from './alert.enums.js';
import { AlertSubscription } from './alert-subscription.entity.js';
import type { AlertPayload } from './alert-messages.js';

/** One try at sending a delivery: when, how it ended, how long it took. */
export interface AlertAttempt {
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * One alert to one subscription. Its id is the Standard Webhooks `webhook-id` (the same on every retry,
 * so a receiver can drop duplicates); the payload is fixed when the event is raised, so every attempt
 * sends the same body. Only AlertDeliveryService changes a row after it is written.
 */
@ObjectType({ description: 'One alert sent (or being sent) to one subscription, with every attempt.' })
@Entity({ tableName: 'alert_deliveries' })
@Index({ properties: ['subscription', 'createdAt'] })
@Index({ name: 'alert_deliveries_due', expression: `create index "alert_deliveries_due" on "alert_deliveries" ("next_attempt_at") where "status" = 'PENDING'` })
export class AlertDelivery {
  @Field(() => ID, { description: 'Also the webhook-id header of a webhook delivery.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => AlertSubscription, ref: true, deleteRule: 'cascade' })
  subscription!: Ref<AlertSubscription>;

  @Field({ description: 'The event type, e.g. integration.credentials_rejected.' })
  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'jsonb' })
  payload!: AlertPayload;

  @Field(() => AlertDeliveryStatus)
  @Enum({ items: () => AlertDeliveryStatus, nativeEnumName: 'alert_delivery_status' })
  status: AlertDeliveryStatus & Opt = AlertDeliveryStatus.PENDING;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  attempts: number & Opt = 0;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (PENDING only).' })
  @Property({ type: 'datetime', nullable: true })
  nextAttemptAt: Date | null = null;

  /** a worker is sending it until then; another worker leaves it alone */
  @Property({ type: 'datetime', nullable: true })
  leasedUntil: Date | null = null;

  @Field(() => Int, { nullable: true, description: "The last attempt's HTTP status (webhook) or SMTP reply code (e-mail)." })
  @Property({ type: 'integer', nullable: true })
  lastStatusCode: number | null = null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed, in plain words.' })
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'jsonb', default: '[]' })
  attemptLog: AlertAttempt[] & Opt = [];

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'datetime', nullable: true })
  deliveredAt: Date | null = null;
}
