import type { JobHandlers } from '../jobs/job-registry.js';
import type { OrderSync } from './order-sync.js';

/** 'sync.watchdog': deployment-wide, every poll interval (at least a minute); see sync-watchdog.ts. */
export function syncWatchdogJobs(sync: Pick<OrderSync, 'watchdog'>): Pick<JobHandlers, 'sync.watchdog'> {
  return {
    'sync.watchdog': async () => {
      await sync.watchdog();
    },
  };
}
