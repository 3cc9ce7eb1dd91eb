import { Migration } from '@mikro-orm/migrations';

/** Alerts (issue 14): subscriptions (e-mail or Standard Webhooks) and every delivery with its attempts. */
export class Migration20261201090000_alerts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "alert_channel" as enum ('EMAIL', 'WEBHOOK');`);
    this.addSql(`create type "alert_delivery_status" as enum ('PENDING', 'DELIVERED', 'FAILED');`);
    this.addSql(`create table "alert_subscriptions" (
      "id" uuid not null,
      "customer_id" uuid null,
      "channel" "alert_channel" not null,
      "target" text not null,
      "signing_secret_sealed" text null,
      "created_at" timestamptz not null default now(),
      "created_by" text null,
      "digest_cursor" timestamptz not null,
      "last_digest_at" timestamptz null,
      constraint "alert_subscriptions_pkey" primary key ("id"),
      constraint "alert_subscriptions_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade
    );`);
    this.addSql(`create index "alert_subscriptions_customer_id_index" on "alert_subscriptions" ("customer_id");`);
    // one subscription per scope, channel and target (null customer = all customers)
    this.addSql(`create unique index "alert_subscriptions_scope_target_unique" on "alert_subscriptions" (coalesce("customer_id", '00000000-0000-0000-0000-000000000000'::uuid), "channel", lower("target"));`);
    this.addSql(`create table "alert_deliveries" (
      "id" uuid not null,
      "subscription_id" uuid not null,
      "type" text not null,
      "payload" jsonb not null,
      "status" "alert_delivery_status" not null default 'PENDING',
      "attempts" int not null default 0,
      "next_attempt_at" timestamptz null,
      "leased_until" timestamptz null,
      "last_status_code" int null,
      "last_error" text null,
      "attempt_log" jsonb not null default '[]',
      "created_at" timestamptz not null default now(),
      "delivered_at" timestamptz null,
      constraint "alert_deliveries_pkey" primary key ("id"),
      constraint "alert_deliveries_subscription_id_foreign" foreign key ("subscription_id") references "alert_subscriptions" ("id") on update cascade on delete cascade
    );`);
    this.addSql(`create index "alert_deliveries_subscription_id_created_at_index" on "alert_deliveries" ("subscription_id", "created_at");`);
    this.addSql(`create index "alert_deliveries_due" on "alert_deliveries" ("next_attempt_at") where "status" = 'PENDING';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "alert_deliveries";`);
    this.addSql(`drop table if exists "alert_subscriptions";`);
    this.addSql(`drop type if exists "alert_delivery_status";`);
    this.addSql(`drop type if exists "alert_channel";`);
  }
}
