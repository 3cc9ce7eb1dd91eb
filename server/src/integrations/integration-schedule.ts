import type { Config } from '../config.js';
import { integrationJobKey } from '../jobs/job-registry.js';
import type { JobScheduler } from '../jobs/job-scheduler.js';
import type { Integration } from './integration.entity.js';
import { IntegrationStatus } from './integration.enums.js';

/**
 * The background jobs an integration should have, given its state: an ACTIVE integration whose
 * credentials Unleashed has not refused polls orders; with fulfilment on, it also writes dispatches back;
 * with UNLEASHED_WEBHOOKS on, it keeps a webhook subscription (a deleted one has it removed).
 * Idempotent: call it after any change; it adds what is missing and removes what should not run.
 */
export async function syncIntegrationSchedule(
  scheduler: Pick<JobScheduler, 'every' | 'cancel' | 'now'>,
  config: Pick<Config, 'pollIntervalMs' | 'unleashedWebhooks'>,
  integration: Integration,
): Promise<void> {
  const key = integrationJobKey(integration.id);
  const polling = integration.status === IntegrationStatus.ACTIVE && integration.credentialsRejectedAt === null;
  if (polling) await scheduler.every('orders.poll', config.pollIntervalMs, { integrationId: integration.id }, key);
  else await scheduler.cancel('orders.poll', { integrationId: integration.id });
  if (polling && integration.fulfilmentEnabled) await scheduler.every('fulfilment.poll', config.pollIntervalMs, { integrationId: integration.id }, key, true);
  else await scheduler.cancel('fulfilment.poll', { integrationId: integration.id });
  // the webhook subscription (webhooks/): made at activation and checked daily; removed when the integration is deleted
  if (polling && config.unleashedWebhooks) await scheduler.every('webhooks.maintain', WEBHOOK_CHECK_EVERY, { integrationId: integration.id }, key);
  else await scheduler.cancel('webhooks.maintain', { integrationId: integration.id });
  if (integration.status === IntegrationStatus.DELETED) await scheduler.now('webhooks.maintain', { integrationId: integration.id });
}

/** How often an integration's webhook subscription is checked (one Unleashed call) and re-created when missing. */
export const WEBHOOK_CHECK_EVERY = '1 day';
