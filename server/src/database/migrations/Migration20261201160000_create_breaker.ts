import { Migration } from '@mikro-orm/migrations';

/** The create circuit breaker (sync/create-breaker.ts): creation paused deployment-wide while CartonCloud is down or refuses our client. */
export class Migration20261201160000_create_breaker extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "create_breakers" (
      "key" text not null, "status" text not null, "reason" text null, "failures" int not null default 0,
      "last_failure_at" timestamptz null, "opened_at" timestamptz null, "probe_at" timestamptz null,
      "probes_failed" int not null default 0, "last_error" text null, "version" int not null default 0,
      constraint "create_breakers_pkey" primary key ("key"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "create_breakers";`);
  }
}
