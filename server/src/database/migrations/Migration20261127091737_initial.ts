import { Migration } from '@mikro-orm/migrations';

export class Migration20261127091737_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "integration_status" as enum ('DRAFT', 'ACTIVE', 'DELETED');`);
    this.addSql(`create type "sync_run_kind" as enum ('ORDERS', 'FULFILMENT');`);
    this.addSql(`create type "sync_run_status" as enum ('QUEUED', 'RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED');`);
    this.addSql(`create type "shipment_state" as enum ('PENDING', 'CLAIMED', 'CREATED', 'REJECTED', 'FAILED', 'SKIPPED', 'DISPATCHED', 'FULFILLED');`);
    this.addSql(`create table "audit_events" ("id" uuid not null, "at" timestamptz not null default now(), "actor_subject" text not null, "actor_email" text null, "action" text not null, "customer_id" uuid null, "integration_id" uuid null, "details" jsonb not null default '{}', constraint "audit_events_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_events_integration_id_at_index" on "audit_events" ("integration_id", "at");`);
    this.addSql(`create index "audit_events_customer_id_at_index" on "audit_events" ("customer_id", "at");`);

    this.addSql(`create table "customers" ("id" uuid not null, "name" text not null, "carton_cloud_customer_id" text not null, "self_managed_integrations_allowed" boolean not null default false, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "customers_pkey" primary key ("id"));`);
    this.addSql(`alter table "customers" add constraint "customers_carton_cloud_customer_id_unique" unique ("carton_cloud_customer_id");`);

    this.addSql(`create table "warehouses" ("id" uuid not null, "name" text not null, "carton_cloud_warehouse_id" text not null, "created_at" timestamptz not null default now(), constraint "warehouses_pkey" primary key ("id"));`);
    this.addSql(`alter table "warehouses" add constraint "warehouses_carton_cloud_warehouse_id_unique" unique ("carton_cloud_warehouse_id");`);

    this.addSql(`create table "integrations" ("id" uuid not null, "customer_id" uuid not null, "name" text not null, "status" "integration_status" not null default 'DRAFT', "unleashed_api_id" text null, "unleashed_api_key_sealed" text null, "authentication_configured_at" timestamptz null, "include_comments" boolean not null default false, "default_warehouse_id" uuid null, "order_creation_configured_at" timestamptz null, "fulfilment_enabled" boolean not null default false, "fulfilment_configured_at" timestamptz null, "activated_at" timestamptz null, "deleted_at" timestamptz null, "last_synced_at" timestamptz null, "order_cursor" timestamptz null, "fulfilment_cursor" timestamptz null, "credentials_rejected_at" timestamptz null, "unleashed_order_management" boolean null, "unleashed_time_zone" text not null default 'Australia/Melbourne', "health_message" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "integrations_pkey" primary key ("id"));`);
    this.addSql(`create index "integrations_status_index" on "integrations" ("status");`);

    this.addSql(`create table "sync_runs" ("id" uuid not null, "integration_id" uuid not null, "kind" "sync_run_kind" not null, "status" "sync_run_status" not null default 'QUEUED', "trigger" text not null default 'schedule', "started_at" timestamptz null, "finished_at" timestamptz null, "total" int null, "processed" int not null default 0, "created" int not null default 0, "skipped" int not null default 0, "failed" int not null default 0, "errors" jsonb not null default '[]', "created_at" timestamptz not null default now(), constraint "sync_runs_pkey" primary key ("id"));`);
    this.addSql(`create index "sync_runs_integration_id_created_at_index" on "sync_runs" ("integration_id", "created_at");`);

    this.addSql(`create table "synced_shipments" ("id" uuid not null, "integration_id" uuid not null, "unleashed_shipment_guid" text not null, "unleashed_order_guid" text null, "unleashed_order_number" text not null, "unleashed_shipment_number" text not null, "unleashed_warehouse_code" text null, "customer_reference" text not null, "state" "shipment_state" not null default 'PENDING', "attempts" int not null default 0, "last_error" text null, "next_attempt_at" timestamptz null, "claimed_at" timestamptz null, "carton_cloud_order_id" text null, "carton_cloud_status" text null, "tracking_number" text null, "carrier" text null, "dispatched_at" timestamptz null, "packages" int null, "fulfilled_at" timestamptz null, "written_back" jsonb null, "unleashed_modified_at" timestamptz null, "drift" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "synced_shipments_pkey" primary key ("id"));`);
    this.addSql(`create index "synced_shipments_carton_cloud_order_id_index" on "synced_shipments" ("carton_cloud_order_id");`);
    this.addSql(`create index "synced_shipments_integration_id_unleashed_order_number_index" on "synced_shipments" ("integration_id", "unleashed_order_number");`);
    this.addSql(`create index "synced_shipments_integration_id_state_next_attempt_at_index" on "synced_shipments" ("integration_id", "state", "next_attempt_at");`);
    this.addSql(`alter table "synced_shipments" add constraint "synced_shipments_integration_id_unleashed_shipment_guid_unique" unique ("integration_id", "unleashed_shipment_guid");`);

    this.addSql(`create table "billing_lines" ("id" uuid not null, "customer_id" uuid not null, "integration_id" uuid not null, "period_start" timestamptz not null, "period_end" timestamptz not null, "amount_cents" int not null, "currency" text not null, "created_at" timestamptz not null default now(), constraint "billing_lines_pkey" primary key ("id"));`);
    this.addSql(`create index "billing_lines_customer_id_period_start_index" on "billing_lines" ("customer_id", "period_start");`);
    this.addSql(`alter table "billing_lines" add constraint "billing_lines_integration_id_period_start_unique" unique ("integration_id", "period_start");`);

    this.addSql(`create table "customer_warehouses" ("customer_id" uuid not null, "warehouse_id" uuid not null, constraint "customer_warehouses_pkey" primary key ("customer_id", "warehouse_id"));`);

    this.addSql(`create table "warehouse_mappings" ("id" uuid not null, "integration_id" uuid not null, "unleashed_warehouse_code" text not null, "warehouse_id" uuid null, constraint "warehouse_mappings_pkey" primary key ("id"));`);
    this.addSql(`alter table "warehouse_mappings" add constraint "warehouse_mappings_integration_id_unleashed_wareh_5f6f1_unique" unique ("integration_id", "unleashed_warehouse_code");`);

    this.addSql(`alter table "integrations" add constraint "integrations_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "integrations" add constraint "integrations_default_warehouse_id_foreign" foreign key ("default_warehouse_id") references "warehouses" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "sync_runs" add constraint "sync_runs_integration_id_foreign" foreign key ("integration_id") references "integrations" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "synced_shipments" add constraint "synced_shipments_integration_id_foreign" foreign key ("integration_id") references "integrations" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "billing_lines" add constraint "billing_lines_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "billing_lines" add constraint "billing_lines_integration_id_foreign" foreign key ("integration_id") references "integrations" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "customer_warehouses" add constraint "customer_warehouses_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "customer_warehouses" add constraint "customer_warehouses_warehouse_id_foreign" foreign key ("warehouse_id") references "warehouses" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "warehouse_mappings" add constraint "warehouse_mappings_integration_id_foreign" foreign key ("integration_id") references "integrations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "warehouse_mappings" add constraint "warehouse_mappings_warehouse_id_foreign" foreign key ("warehouse_id") references "warehouses" ("id") on update cascade on delete set null;`);
  }

}
