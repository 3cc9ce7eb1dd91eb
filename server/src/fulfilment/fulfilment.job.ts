import type { JobHandlers } from '../jobs/job-registry.js';
import type { FulfilmentService } from './fulfilment.service.js';

/**
 * 'fulfilment.poll': one fulfilment pass for one integration. Scheduled per integration by
 * `syncIntegrationSchedule` while it is ACTIVE with fulfilment on; safe to run twice (a second pass finds
 * nothing new: written shipments are FULFILLED and unchanged ones are not written again).
 */
export function fulfilmentJobs(fulfilment: Pick<FulfilmentService, 'runPass'>): Pick<JobHandlers, 'fulfilment.poll'> {
  return {
    'fulfilment.poll': async ({ integrationId }) => {
      await fulfilment.runPass(integrationId);
    },
  };
}
