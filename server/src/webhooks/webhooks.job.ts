import type { JobHandlers } from '../jobs/job-registry.js';
import type { WebhookSubscriptions } from './webhook-subscriptions.js';

/** 'webhooks.maintain': an integration's subscription created, checked daily, or removed (webhook-subscriptions.ts). */
export function webhookJobs(subscriptions: Pick<WebhookSubscriptions, 'maintain'>): Pick<JobHandlers, 'webhooks.maintain'> {
  return {
    'webhooks.maintain': async ({ integrationId }) => {
      await subscriptions.maintain(integrationId);
    },
  };
}
