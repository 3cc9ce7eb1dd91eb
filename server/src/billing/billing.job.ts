import type { AppServices } from '../app/services.js';
import type { JobHandlers } from '../jobs/job-registry.js';

/**
 * 'billing.close-weeks': deployment-wide, hourly (RECURRING_JOBS), and once when a worker starts, so a
 * week that closed while every worker was down is billed on the next run. Safe to run twice or at once.
 */
export function billingJobs(services: AppServices): Pick<JobHandlers, 'billing.close-weeks'> {
  return {
    'billing.close-weeks': async () => {
      await services.billing.closeWeeks(services.clock.now());
    },
  };
}
