import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 14 (needs attention, overview) and issue 17 item 4 (manual polls bounded):
 * - `synced_shipments_needs_attention`: the rows a person must act on, by since when (the inbox across
 *   every customer, its counts, the digest);
 * - `claimed_at` and `dispatched_at` indexes: the overview's orders created and dispatched today / this week
 *   and the creates of the last minute;
 * - at most one QUEUED ORDERS run per integration (`syncNow` and retries return the queued one): extra queued
 *   runs left by the old unbounded `syncNow` are closed first, keeping each integration's newest.
 */
export class Migration20261201170000_needs_attention extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "synced_shipments_needs_attention" on "synced_shipments" ("attention_since") where "attention" is not null;`);
    this.addSql(`create index "synced_shipments_claimed_at_index" on "synced_shipments" ("claimed_at");`);
    this.addSql(`create index "synced_shipments_dispatched_at_index" on "synced_shipments" ("dispatched_at");`);
    this.addSql(
      `update "sync_runs" r set "status" = 'FAILED', "started_at" = now(), "finished_at" = now(),
         "errors" = r."errors" || jsonb_build_array(jsonb_build_object('reference', null, 'message', 'Another manual sync of this integration was already queued.'))
       where r."status" = 'QUEUED' and r."kind" = 'ORDERS' and exists (
         select 1 from "sync_runs" newer where newer."integration_id" = r."integration_id" and newer."status" = 'QUEUED' and newer."kind" = 'ORDERS'
           and (newer."created_at", newer."id") > (r."created_at", r."id"));`,
    );
    this.addSql(`create unique index "sync_runs_one_queued_orders_run" on "sync_runs" ("integration_id") where "status" = 'QUEUED' and "kind" = 'ORDERS';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "sync_runs_one_queued_orders_run";`);
    this.addSql(`drop index "synced_shipments_dispatched_at_index";`);
    this.addSql(`drop index "synced_shipments_claimed_at_index";`);
    this.addSql(`drop index "synced_shipments_needs_attention";`);
  }
}
