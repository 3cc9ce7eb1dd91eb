import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127091737_initial } from './Migration20261127091737_initial.js';
import { Migration20261127092000_jobs_and_constraints } from './Migration20261127092000_jobs_and_constraints.js';
import { Migration20261127100000_known_warehouse_codes } from './Migration20261127100000_known_warehouse_codes.js';
import { Migration20261127110000_fulfilment_notice } from './Migration20261127110000_fulfilment_notice.js';
import { Migration20261127113000_order_sync } from './Migration20261127113000_order_sync.js';
import { Migration20261201090000_alerts } from './Migration20261201090000_alerts.js';
import { Migration20261201120000_health_conditions } from './Migration20261201120000_health_conditions.js';
import { Migration20261201130000_ledger_attention } from './Migration20261201130000_ledger_attention.js';
import { Migration20261201140000_unleashed_reading } from './Migration20261201140000_unleashed_reading.js';
import { Migration20261201160000_create_breaker } from './Migration20261201160000_create_breaker.js';
import { Migration20261201170000_needs_attention } from './Migration20261201170000_needs_attention.js';
import { Migration20261202010000_unleashed_webhooks } from './Migration20261202010000_unleashed_webhooks.js';
import { Migration20261202011000_unleashed_call_counts } from './Migration20261202011000_unleashed_call_counts.js';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list works compiled, under
 * jest and in a bundled image. `npm run migration:create` writes a new file; add it here.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261127091737_initial', class: Migration20261127091737_initial },
  { name: 'Migration20261127092000_jobs_and_constraints', class: Migration20261127092000_jobs_and_constraints },
  { name: 'Migration20261127100000_known_warehouse_codes', class: Migration20261127100000_known_warehouse_codes },
  { name: 'Migration20261127110000_fulfilment_notice', class: Migration20261127110000_fulfilment_notice },
  { name: 'Migration20261127113000_order_sync', class: Migration20261127113000_order_sync },
  { name: 'Migration20261201090000_alerts', class: Migration20261201090000_alerts },
  { name: 'Migration20261201120000_health_conditions', class: Migration20261201120000_health_conditions },
  { name: 'Migration20261201130000_ledger_attention', class: Migration20261201130000_ledger_attention },
  { name: 'Migration20261201140000_unleashed_reading', class: Migration20261201140000_unleashed_reading },
  { name: 'Migration20261201160000_create_breaker', class: Migration20261201160000_create_breaker },
  { name: 'Migration20261201170000_needs_attention', class: Migration20261201170000_needs_attention },
  { name: 'Migration20261202010000_unleashed_webhooks', class: Migration20261202010000_unleashed_webhooks },
  { name: 'Migration20261202011000_unleashed_call_counts', class: Migration20261202011000_unleashed_call_counts },
];
