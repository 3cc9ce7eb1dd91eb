import type { JobHandlers } from '../jobs/job-registry.js';
import type { AlertService } from './alert.service.js';

/**
 * - 'alerts.deliver' {deliveryId}: one attempt at one delivery (the first right after it is written,
 *   each retry at its time). Safe to run twice: the attempt leases the row, and a delivery that is not
 *   due or no longer PENDING is left alone.
 * - 'alerts.deliver-due': every 5 minutes, sends any due delivery whose job was lost (the safety net).
 * - 'alerts.digest': every 5 minutes, writes the shipments.need_attention digest of each subscription
 *   whose last one is at least an hour old and that has something new.
 */
export function alertJobs(deps: { alerts: AlertService }): Pick<JobHandlers, 'alerts.deliver' | 'alerts.deliver-due' | 'alerts.digest'> {
  return {
    'alerts.deliver': async ({ deliveryId }) => {
      await deps.alerts.deliveries.attempt(deliveryId);
    },
    'alerts.deliver-due': async () => {
      await deps.alerts.deliveries.deliverDue();
    },
    'alerts.digest': async () => {
      await deps.alerts.runDigest();
    },
  };
}
