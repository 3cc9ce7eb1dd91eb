import type { EventBus } from '../common/event-bus.js';
import { Topics } from '../common/event-bus.js';
import type { Config } from '../config.js';
import type { JobScheduler } from '../jobs/job-scheduler.js';
import type { Integration } from './integration.entity.js';
import { syncIntegrationSchedule } from './integration-schedule.js';

export interface IntegrationUpdatesDeps {
  config: Config;
  eventBus: Pick<EventBus, 'publish'>;
  scheduler: Pick<JobScheduler, 'every' | 'cancel' | 'now'>;
}

/**
 * The only publisher of `INTEGRATION_UPDATED`: the setup service (configuration changes) and integration
 * health (health changes) announce every change through here, after it is stored.
 */
export class IntegrationUpdates {
  constructor(private readonly deps: IntegrationUpdatesDeps) {}

  /** Tells subscribers (`integrationUpdated`). */
  async published(integration: Pick<Integration, 'id' | 'customer'>): Promise<void> {
    await this.deps.eventBus.publish(Topics.INTEGRATION_UPDATED, { integrationId: integration.id, customerId: integration.customer.id });
  }

  /** Keeps the integration's background jobs in step with it (`syncIntegrationSchedule`), then tells subscribers. */
  async rescheduled(integration: Integration): Promise<void> {
    await syncIntegrationSchedule(this.deps.scheduler, this.deps.config, integration);
    await this.published(integration);
  }
}
