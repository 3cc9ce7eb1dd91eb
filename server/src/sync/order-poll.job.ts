import type { AppServices } from '../app/services.js';
import type { JobHandlers } from '../jobs/job-registry.js';
import { syncWatchdogJobs } from './sync-watchdog.job.js';

/** 'orders.poll': one integration, every SYNC_POLL_INTERVAL and on syncNow (with the QUEUED run's id). */
export function orderPollJobs(services: AppServices): Pick<JobHandlers, 'orders.poll'> {
  return {
    'orders.poll': async ({ integrationId, runId }) => {
      await services.orderSync.poll(integrationId, runId);
    },
  };
}

/** Every job of the order sync, for jobs/job-handlers.ts. */
export function orderSyncJobs(services: AppServices): Pick<JobHandlers, 'orders.poll' | 'sync.watchdog'> {
  return { ...orderPollJobs(services), ...syncWatchdogJobs(services) };
}
