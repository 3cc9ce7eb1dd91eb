import type { Clock } from '../common/clock.js';
import type { JobHandlers } from '../jobs/job-registry.js';
import type { BillingService } from './billing.service.js';

/**
 * 'billing.close-weeks': deployment-wide, hourly (RECURRING_JOBS), and once when a worker starts, so a
 * week that closed while every worker was down is billed on the next run. Safe to run twice or at once.
 */
export function billingJobs(billing: Pick<BillingService, 'closeWeeks'>, clock: Clock): Pick<JobHandlers, 'billing.close-weeks'> {
  return {
    'billing.close-weeks': async () => {
      await billing.closeWeeks(clock.now());
    },
  };
}
