import { Migration } from '@mikro-orm/migrations';

/** Unleashed API calls per integration per calendar month (issue 13, usage/). */
export class Migration20261202011000_unleashed_call_counts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "unleashed_call_counts" (
      "integration_id" uuid not null, "month" text not null, "calls" int not null default 0, "updated_at" timestamptz not null default now(),
      constraint "unleashed_call_counts_pkey" primary key ("integration_id", "month"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "unleashed_call_counts";`);
  }
}
