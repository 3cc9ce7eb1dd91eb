import { alertJobs } from '../alerts/alert-delivery.job.js';
import { billingJobs } from '../billing/billing.job.js';
import { fulfilmentJobs } from '../fulfilment/fulfilment.job.js';
import type { JobHandlers } from '../jobs/job-registry.js';
import { orderSyncJobs } from '../sync/order-poll.job.js';
import { webhookJobs } from '../webhooks/webhooks.job.js';
import type { AppServices } from './services.js';

/**
 * Every job's handler, gathered from the domains. Each domain exports a function taking the service it
 * calls (`(orderSync) => …`) from its `*.job.ts` files; the scheduler refuses to start if a job name in
 * the registry has no handler here.
 */
export function createJobHandlers(services: AppServices): Partial<JobHandlers> {
  return {
    ...orderSyncJobs(services.orderSync),
    ...fulfilmentJobs(services.fulfilment),
    ...billingJobs(services.billing, services.clock),
    ...alertJobs(services),
    ...webhookJobs(services.webhooks),
  };
}
