import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import type { Metrics } from '../common/metrics.js';
import type { SecretBox } from '../common/secret-box.js';
import type { Config } from '../config.js';
import type { IntegrationHealth } from '../integrations/integration-health.js';
import type { JobScheduler } from '../jobs/job-scheduler.js';
import type { ShipmentLedger } from '../ledger/shipment-ledger.js';
import type { CartonCloudClient } from '../providers/cartoncloud/cartoncloud.client.js';
import type { UnleashedClient } from '../providers/unleashed/unleashed.client.js';
import type { SyncRunRecorder } from '../runs/sync-run.recorder.js';

/** What the order sync needs from the application (app/ wires it; tests and the benchmark build exactly this). */
export interface OrderSyncDeps {
  config: Config;
  logger: Logger;
  clock: Clock;
  metrics: Metrics;
  orm: MikroORM;
  scheduler: Pick<JobScheduler, 'now' | 'schedule' | 'every' | 'cancel' | 'scheduledCount'>;
  secretBox: SecretBox;
  providers: { cartonCloud(): CartonCloudClient; unleashed(apiId: string, apiKey: string, overrides?: { integrationId?: string }): UnleashedClient };
  /** the only writer of the ledger */
  ledger: ShipmentLedger;
  /** the only writer of runs and publisher of their progress */
  runs: SyncRunRecorder;
  /** the only writer of the integration's health fields */
  health: IntegrationHealth;
}
