import { Migration } from '@mikro-orm/migrations';

/** Order sync: the ledger keeps the Unleashed snapshot and its run; the shared create limiter and turns. */
export class Migration20261127113000_order_sync extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "synced_shipments" add column "source" jsonb null, add column "sync_run_id" uuid null;`);
    this.addSql(`create table "create_rate_limits" ("key" text not null, "next_slot_at" timestamptz not null, constraint "create_rate_limits_pkey" primary key ("key"));`);
    this.addSql(`create table "create_turns" ("integration_id" uuid not null, "last_turn_at" timestamptz not null, constraint "create_turns_pkey" primary key ("integration_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "create_turns";`);
    this.addSql(`drop table if exists "create_rate_limits";`);
    this.addSql(`alter table "synced_shipments" drop column "sync_run_id", drop column "source";`);
  }
}
