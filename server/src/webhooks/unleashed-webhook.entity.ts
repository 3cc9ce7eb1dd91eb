import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * An integration's webhook subscription on its Unleashed account (webhooks/webhook-subscriptions.ts is its
 * only writer; the receiver stamps `lastDeliveryAt`). The signing key is only ever stored sealed, like the
 * API key, and has no GraphQL field. A row stays after its subscription is removed (subscriptionId null),
 * so a failed removal can be told from none.
 */
@Entity({ tableName: 'unleashed_webhooks' })
export class UnleashedWebhook {
  @PrimaryKey({ type: 'uuid' })
  integrationId!: string;

  @Property({ type: 'text', nullable: true })
  subscriptionId: string | null = null;

  @Property({ type: 'text', nullable: true, lazy: true, hidden: true })
  signatureKeySealed: string | null = null;

  @Property({ type: 'text', nullable: true })
  notificationUrl: string | null = null;

  /** the last time Unleashed listed the subscription (or it was created) */
  @Property({ type: 'datetime', nullable: true })
  checkedAt: Date | null = null;

  /** the last valid delivery */
  @Property({ type: 'datetime', nullable: true })
  lastDeliveryAt: Date | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

/** Deliveries already accepted, by Unleashed's `eventNotificationId` (a replay is answered 2xx and ignored); pruned after some days. */
@Entity({ tableName: 'unleashed_webhook_deliveries' })
export class UnleashedWebhookDelivery {
  @PrimaryKey({ type: 'uuid' })
  integrationId!: string;

  @PrimaryKey({ type: 'text' })
  eventNotificationId!: string;

  @Property({ type: 'datetime' })
  receivedAt!: Date;
}
