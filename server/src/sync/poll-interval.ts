import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../common/pg-array.js';
import type { Config } from '../config.js';

/**
 * Polling as the safety net (issue 13): while an integration's webhooks are healthy its scheduled polls
 * read Unleashed only every UNLEASHED_WEBHOOK_POLL_INTERVAL; otherwise every SYNC_POLL_INTERVAL. The state
 * is data, read in one query:
 *
 * | subscribed (a subscription stored) | WEBHOOKS_SILENT open | interval |
 * |---|---|---|
 * | no  | –   | SYNC_POLL_INTERVAL |
 * | yes | yes | SYNC_POLL_INTERVAL (deliveries stopped or missed a change: snap back) |
 * | yes | no  | UNLEASHED_WEBHOOK_POLL_INTERVAL |
 *
 * WEBHOOKS_SILENT is raised by a poll that found a new shipment while subscribed (no delivery announced
 * it, or its sync had not run) and cleared by the next genuine delivery (webhooks/webhook-receiver.ts).
 * The `orders.poll` job itself keeps firing every SYNC_POLL_INTERVAL: a stretched one returns after this
 * query, with no Unleashed call and no run.
 */
export interface WebhookPollState {
  subscribed: boolean;
  silent: boolean;
}

export function pollIntervalFor(state: WebhookPollState, config: Pick<Config, 'pollIntervalMs' | 'webhookPollIntervalMs'>): number {
  return state.subscribed && !state.silent ? config.webhookPollIntervalMs : config.pollIntervalMs;
}

/**
 * Whether a scheduled poll reads Unleashed now: always when it never did; else once the interval has
 * passed since the last one, less a tenth (Agenda's ticks do not land exactly on the interval).
 */
export function pollIsDue(lastSyncedAt: Date | null, intervalMs: number, now: Date): boolean {
  return lastSyncedAt === null || now.getTime() - lastSyncedAt.getTime() >= intervalMs * 0.9;
}

export async function webhookPollStates(em: EntityManager, integrationIds: string[]): Promise<Map<string, WebhookPollState>> {
  const states = new Map<string, WebhookPollState>(integrationIds.map((id) => [id, { subscribed: false, silent: false }]));
  if (integrationIds.length === 0) return states;
  const rows = await em.getConnection().execute<{ id: string; subscribed: boolean; silent: boolean }[]>(
    `select i.id,
            exists (select 1 from unleashed_webhooks w where w.integration_id = i.id and w.subscription_id is not null) as subscribed,
            exists (select 1 from health_conditions h where h.integration_id = i.id and h.code = 'WEBHOOKS_SILENT' and h.cleared_at is null) as silent
       from integrations i where i.id = any(?::uuid[])`,
    [pgArray(integrationIds)],
  );
  for (const row of rows) states.set(row.id, { subscribed: row.subscribed, silent: row.silent });
  return states;
}
