import { Migration } from '@mikro-orm/migrations';

/**
 * Integration health as rows (integrations/health-condition.entity.ts): one open row per (integration, code),
 * the deployment's own conditions with no integration. The two message columns become conditions.
 */
export class Migration20261201120000_health_conditions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "health_condition_code" as enum ('CREDENTIALS_REJECTED', 'CREDENTIALS_SUSPECT', 'POLL_OVERDUE', 'QUOTA_EXHAUSTED', 'QUOTA_LOW', 'ORDER_MANAGEMENT_OFF', 'CARRIERS_UNKNOWN', 'WEBHOOKS_UNAVAILABLE', 'WEBHOOKS_SILENT', 'CARTONCLOUD_UNAVAILABLE', 'CARTONCLOUD_CLIENT_REFUSED', 'CARTONCLOUD_ROLE_MISSING');`);
    this.addSql(`create table "health_conditions" (
      "id" uuid not null, "integration_id" uuid null,
      "code" "health_condition_code" not null, "message" text not null, "since" timestamptz not null,
      "until" timestamptz null, "cleared_at" timestamptz null, "created_at" timestamptz not null default now(),
      constraint "health_conditions_pkey" primary key ("id"));`);
    this.addSql(`create index "health_conditions_integration_id_cleared_at_index" on "health_conditions" ("integration_id", "cleared_at");`);
    this.addSql(`create unique index "health_conditions_open_unique" on "health_conditions" (coalesce("integration_id", '00000000-0000-0000-0000-000000000000'::uuid), "code") where "cleared_at" is null;`);
    this.addSql(`insert into "health_conditions" ("id", "integration_id", "code", "message", "since")
      select gen_random_uuid(), "id", 'CREDENTIALS_REJECTED', coalesce("health_message", 'Unleashed refused the stored API ID and key.'), "credentials_rejected_at"
        from "integrations" where "credentials_rejected_at" is not null;`);
    this.addSql(`insert into "health_conditions" ("id", "integration_id", "code", "message", "since")
      select gen_random_uuid(), "id", 'POLL_OVERDUE', "health_message", now()
        from "integrations" where "credentials_rejected_at" is null and "health_message" like 'No order poll has run%';`);
    this.addSql(`insert into "health_conditions" ("id", "integration_id", "code", "message", "since")
      select gen_random_uuid(), "id", 'ORDER_MANAGEMENT_OFF', "fulfilment_notice", now()
        from "integrations" where "fulfilment_notice" is not null;`);
    this.addSql(`alter table "integrations" drop column "health_message", drop column "fulfilment_notice";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "integrations" add column "health_message" text null, add column "fulfilment_notice" text null;`);
    this.addSql(`drop table "health_conditions";`);
    this.addSql(`drop type "health_condition_code";`);
  }
}
