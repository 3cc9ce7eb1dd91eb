import type { AppServices } from '../app/services.js';
import type { JobHandlers } from '../jobs/job-registry.js';

/** 'sync.watchdog': deployment-wide, every poll interval (at least a minute); see sync-watchdog.ts. */
export function syncWatchdogJobs(services: AppServices): Pick<JobHandlers, 'sync.watchdog'> {
  return {
    'sync.watchdog': async () => {
      await services.orderSync.watchdog();
    },
  };
}
