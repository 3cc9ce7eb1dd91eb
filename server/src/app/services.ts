import type { MikroORM } from '@mikro-orm/postgresql';
import type { AlertService } from '../alerts/alert.service.js';
import type { DevMailCatcher } from '../alerts/dev-mail-catcher.js';
import type { BillingService } from '../billing/billing.service.js';
import type { Clock } from '../common/clock.js';
import type { EventBus } from '../common/event-bus.js';
import type { Logger } from '../common/logger.js';
import type { Metrics } from '../common/metrics.js';
import type { SecretBox } from '../common/secret-box.js';
import type { Config } from '../config.js';
import type { CustomerService } from '../customers/customer.service.js';
import type { FulfilmentService } from '../fulfilment/fulfilment.service.js';
import type { IntegrationHealth } from '../integrations/integration-health.js';
import type { IntegrationSetupService } from '../integrations/integration-setup.service.js';
import type { IntegrationUpdates } from '../integrations/integration-updates.js';
import type { WebhookSubscriptions } from '../webhooks/webhook-subscriptions.js';
import type { UnleashedUsage } from '../usage/unleashed-usage.js';
import type { JobScheduler } from '../jobs/job-scheduler.js';
import type { ShipmentLedger } from '../ledger/shipment-ledger.js';
import type { ProviderFactory } from '../providers/provider-factory.js';
import type { SyncRunRecorder } from '../runs/sync-run.recorder.js';
import type { OrderSync } from '../sync/order-sync.js';
import type { NeedsAttention } from '../attention/needs-attention.query.js';
import type { OverviewQuery } from '../overview/overview.query.js';
import type { UnleashedCallCounter } from '../overview/overview.resolver.js';

/**
 * The process's composition, built once by `startConveyor` (app/conveyor.ts) and used only inside app/
 * (and by tests through `Conveyor.services`). Domains never see it: each declares the dependencies it
 * needs (`OrderSyncDeps`, `FulfilmentDeps`, `IntegrationSetupDeps`, …) and app/ passes them in.
 */
export interface AppServices {
  config: Config;
  logger: Logger;
  clock: Clock;
  metrics: Metrics;
  orm: MikroORM;
  eventBus: EventBus;
  scheduler: JobScheduler;
  secretBox: SecretBox;
  providers: ProviderFactory;
  /** the only writer of `synced_shipments` */
  ledger: ShipmentLedger;
  /** the only writer of `sync_runs` and publisher of SYNC_RUN_UPDATED */
  runs: SyncRunRecorder;
  /** the only publisher of INTEGRATION_UPDATED */
  updates: IntegrationUpdates;
  /** the only writer of an integration's health fields */
  health: IntegrationHealth;
  customers: CustomerService;
  billing: BillingService;
  integrations: IntegrationSetupService;
  /** Unleashed webhook subscriptions (webhooks/) */
  webhooks: WebhookSubscriptions;
  fulfilment: FulfilmentService;
  orderSync: OrderSync;
  // alerts (issue 14)
  alerts: AlertService;
  devMailCatcher: DevMailCatcher | null;
  // needs attention and the admin overview (issue 14)
  needsAttention: NeedsAttention;
  overview: OverviewQuery;
  /** Unleashed calls this month per integration (issue 13); null until a counter is wired */
  unleashedCalls: UnleashedCallCounter | null;
  /** the address users (and Unleashed, and CartonCloud) reach: PUBLIC_URL or the local URL */
  publicUrl: string;
  /** Unleashed calls per integration per month (usage/) */
  usage: UnleashedUsage;
}
