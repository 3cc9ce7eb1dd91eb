import { Migration } from '@mikro-orm/migrations';

/** Why a person must act on a ledger row (ledger/attention.ts), and since when; existing rows get theirs. */
export class Migration20261201130000_ledger_attention extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "attention_code" as enum ('REJECTED', 'CREATE_FAILED', 'NO_WAREHOUSE', 'AWAITING_SHIPMENT', 'REFERENCE_COLLISION', 'WRITE_BACK_REFUSED', 'WRITE_BACK_FAILED', 'SHIPMENT_DELETED');`);
    this.addSql(`alter table "synced_shipments" add column "attention" "attention_code" null, add column "attention_since" timestamptz null;`);
    this.addSql(`update "synced_shipments" set "attention" = 'REJECTED', "attention_since" = "updated_at" where "state" = 'REJECTED';`);
    this.addSql(`update "synced_shipments" set "attention" = case when "dispatched_at" is not null then 'SHIPMENT_DELETED'::attention_code else 'CREATE_FAILED'::attention_code end, "attention_since" = "updated_at" where "state" = 'FAILED';`);
    this.addSql(`update "synced_shipments" set "attention" = 'NO_WAREHOUSE', "attention_since" = "updated_at" where "state" = 'SKIPPED' and coalesce("last_error", '') not like 'The order was deleted in Unleashed%';`);
    this.addSql(`create index "synced_shipments_integration_id_attention_attention_since_index" on "synced_shipments" ("integration_id", "attention", "attention_since");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "synced_shipments_integration_id_attention_attention_since_index";`);
    this.addSql(`alter table "synced_shipments" drop column "attention", drop column "attention_since";`);
    this.addSql(`drop type "attention_code";`);
  }
}
