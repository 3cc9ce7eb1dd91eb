import type { AppServices } from '../app/services.js';
import { alertJobs } from '../alerts/alert-delivery.job.js';
import { billingJobs } from '../billing/billing.job.js';
import { fulfilmentJobs } from '../fulfilment/fulfilment.job.js';
import { orderSyncJobs } from '../sync/order-poll.job.js';
import type { JobHandlers } from './job-registry.js';

/**
 * Every job's handler, gathered from the domains. Each domain exports a function
 * `(services) => Partial<JobHandlers>` from its `*.job.ts` files; the scheduler refuses to start if a
 * job name in the registry has no handler here.
 */
export function createJobHandlers(services: AppServices): Partial<JobHandlers> {
  return {
    ...orderSyncJobs(services),
    ...fulfilmentJobs(services),
    ...billingJobs(services),
    ...alertJobs(services),
  };
}
