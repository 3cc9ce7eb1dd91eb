import type { JobHandlers } from '../jobs/job-registry.js';
import type { OrderSync } from './order-sync.js';
import { syncWatchdogJobs } from './sync-watchdog.job.js';

/**
 * 'orders.poll': one integration, every SYNC_POLL_INTERVAL and on syncNow (with the QUEUED run's id). The
 * poll keeps the job's lock while it works (a first poll of a large account may take longer than it lasts).
 */
export function orderPollJobs(sync: Pick<OrderSync, 'poll' | 'hint'>): Pick<JobHandlers, 'orders.poll' | 'orders.hint'> {
  return {
    'orders.poll': async ({ integrationId, runId }) => {
      await sync.poll(integrationId, runId);
    },
    // an Unleashed webhook's delivery (webhooks/): that one order, through the same exactly-once path
    'orders.hint': async ({ integrationId, orderGuid }) => {
      await sync.hint(integrationId, orderGuid);
    },
  };
}

/** Every job of the order sync, for app/job-handlers.ts. */
export function orderSyncJobs(sync: Pick<OrderSync, 'poll' | 'hint' | 'watchdog'>): Pick<JobHandlers, 'orders.poll' | 'orders.hint' | 'sync.watchdog'> {
  return { ...orderPollJobs(sync), ...syncWatchdogJobs(sync) };
}
