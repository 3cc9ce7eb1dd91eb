import { Migration } from '@mikro-orm/migrations';

/** Unleashed webhooks (issue 13, webhooks/): each integration's subscription (its key sealed) and the deliveries already accepted. */
export class Migration20261202010000_unleashed_webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "unleashed_webhooks" (
      "integration_id" uuid not null, "subscription_id" text null, "signature_key_sealed" text null, "notification_url" text null,
      "checked_at" timestamptz null, "last_delivery_at" timestamptz null, "created_at" timestamptz not null default now(),
      constraint "unleashed_webhooks_pkey" primary key ("integration_id"));`);
    this.addSql(`create table "unleashed_webhook_deliveries" (
      "integration_id" uuid not null, "event_notification_id" text not null, "received_at" timestamptz not null,
      constraint "unleashed_webhook_deliveries_pkey" primary key ("integration_id", "event_notification_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "unleashed_webhook_deliveries";`);
    this.addSql(`drop table if exists "unleashed_webhooks";`);
  }
}
