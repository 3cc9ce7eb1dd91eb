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
import type { IntegrationSetupService } from '../integrations/integration-setup.service.js';
import type { JobScheduler } from '../jobs/job-scheduler.js';
import type { ProviderFactory } from '../providers/provider-factory.js';
import type { OrderSync } from '../sync/order-sync.js';

/** Everything the resolvers and jobs use, built once per process by `createServices`. */
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
  customers: CustomerService;
  billing: BillingService;
  integrations: IntegrationSetupService;
  fulfilment: FulfilmentService;
  orderSync: OrderSync;
  // alerts (issue 14)
  alerts: AlertService;
  devMailCatcher: DevMailCatcher | null;
}
