import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 12, reading Unleashed:
 * - ledger rows for orders without a shipment: the state AWAITING_SHIPMENT, a row that stands for the
 *   whole order (`whole_order`: sent from the order's own lines, reference "{OrderNumber}") whose shipment
 *   guid and number are null until Unleashed creates the shipment and it is linked; one such row per order;
 * - the step-3 choice `send_orders_without_shipment`;
 * - `order_scan`: where the order poll's walk of a window (or of the open orders, the first time) stands,
 *   so a failure resumes there instead of repeating the whole scan.
 * `alter type … add value` may run in the migration's transaction as long as the value is not used in it.
 */
export class Migration20261201140000_unleashed_reading extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter type "shipment_state" add value if not exists 'AWAITING_SHIPMENT' before 'PENDING';`);
    this.addSql(`alter table "synced_shipments" alter column "unleashed_shipment_guid" drop not null, alter column "unleashed_shipment_number" drop not null, add column "whole_order" boolean not null default false;`);
    this.addSql(`create unique index "synced_shipments_order_row_unique" on "synced_shipments" ("integration_id", "unleashed_order_guid") where "unleashed_shipment_guid" is null;`);
    this.addSql(`alter table "integrations" add column "send_orders_without_shipment" boolean not null default false, add column "order_scan" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "integrations" drop column "send_orders_without_shipment", drop column "order_scan";`);
    this.addSql(`drop index "synced_shipments_order_row_unique";`);
    this.addSql(`delete from "synced_shipments" where "unleashed_shipment_guid" is null;`);
    this.addSql(`update "synced_shipments" set "state" = 'SKIPPED' where "state" = 'AWAITING_SHIPMENT';`);
    this.addSql(`alter table "synced_shipments" drop column "whole_order", alter column "unleashed_shipment_guid" set not null, alter column "unleashed_shipment_number" set not null;`);
  }
}
