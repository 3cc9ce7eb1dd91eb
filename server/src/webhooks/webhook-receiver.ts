import express, { type Request, type Response } from 'express';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import type { SecretBox } from '../common/secret-box.js';
import { isUuid } from '../common/validation.js';
import { HealthConditionCode } from '../integrations/health-conditions.js';
import type { IntegrationHealth } from '../integrations/integration-health.js';
import { Integration } from '../integrations/integration.entity.js';
import type { JobScheduler } from '../jobs/job-scheduler.js';
import { isGenuineDelivery, orderGuidOf } from './webhook-signature.js';
import { webhookKeyAad } from './webhook-subscriptions.js';

export interface WebhookReceiverDeps {
  orm: MikroORM;
  clock: Clock;
  logger: Logger;
  secretBox: SecretBox;
  scheduler: Pick<JobScheduler, 'now'>;
  /** a genuine delivery clears WEBHOOKS_SILENT (the polls stretch again: sync/poll-interval.ts) */
  health: Pick<IntegrationHealth, 'clear'>;
}

/** Unleashed's envelope is small (`data` holds a Guid); anything larger is not a delivery. */
export const WEBHOOK_BODY_LIMIT = '64kb';
const REFUSED = { error: 'invalid signature' };

/**
 * `POST /webhooks/unleashed/{integrationId}` (CONTRACT §6), mounted before any JSON parsing: the signature
 * is over the raw bytes. Unknown or deleted integration, no subscription, bad signature, timestamp more
 * than 300 s away: the same 401, nothing changed. A genuine delivery is answered at once (202): remembered
 * by `eventNotificationId` (a replay gets 200 and does nothing), and an `orders.hint` job syncs that order
 * on a worker through the poll's exactly-once path.
 */
export function unleashedWebhookRouter(deps: WebhookReceiverDeps): express.Router {
  const router = express.Router();
  router.post('/unleashed/:integrationId', express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }), (req, res, next) => {
    receive(deps, req, res).catch(next);
  });
  return router;
}

async function receive(deps: WebhookReceiverDeps, req: Request, res: Response): Promise<void> {
  const integrationId = String(req.params.integrationId ?? '');
  const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const em = deps.orm.em.fork() as EntityManager;
  const key = isUuid(integrationId) ? await signingKey(em, integrationId) : null;
  const genuine =
    key !== null &&
    isGenuineDelivery({
      signatureKey: deps.secretBox.open(key, webhookKeyAad(integrationId)),
      timestamp: req.get('x-unleashed-timestamp'),
      signature: req.get('x-unleashed-signature'),
      rawBody,
      now: deps.clock.now(),
    });
  if (!genuine) {
    res.status(401).json(REFUSED);
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    body = null;
  }
  const delivery = orderGuidOf(body);
  if (!delivery) {
    res.status(400).json({ error: 'not an Unleashed delivery: eventNotificationId and eventType are required' });
    return;
  }
  const connection = em.getConnection();
  const now = deps.clock.now();
  await connection.execute(`update unleashed_webhooks set last_delivery_at = ? where integration_id = ?`, [now, integrationId]);
  const integration = await em.findOne(Integration, integrationId);
  if (integration) await deps.health.clear(em, integration, HealthConditionCode.WEBHOOKS_SILENT);
  if (!delivery.eventType.startsWith('salesorder.') || !delivery.orderGuid) {
    res.status(202).json({ accepted: true, ignored: 'not about a sales order' });
    return;
  }
  const inserted = await connection.execute<{ integration_id: string }[]>(
    `insert into unleashed_webhook_deliveries (integration_id, event_notification_id, received_at) values (?, ?, ?)
     on conflict do nothing returning integration_id`,
    [integrationId, delivery.eventNotificationId, now],
  );
  if (inserted.length === 0) {
    res.status(200).json({ accepted: true, duplicate: true });
    return;
  }
  try {
    await deps.scheduler.now('orders.hint', { integrationId, orderGuid: delivery.orderGuid });
  } catch (error) {
    // not remembered, so Unleashed's retry (after this 5xx) is taken
    await connection.execute(`delete from unleashed_webhook_deliveries where integration_id = ? and event_notification_id = ?`, [integrationId, delivery.eventNotificationId]);
    deps.logger.warn({ err: error, integrationId }, 'webhooks: could not schedule the order sync; Unleashed will retry');
    res.status(503).json({ error: 'try again' });
    return;
  }
  res.status(202).json({ accepted: true });
}

/** The sealed signing key of a live integration's subscription; null for anything else (one answer: no oracle). */
async function signingKey(em: EntityManager, integrationId: string): Promise<string | null> {
  const rows = await em.getConnection().execute<{ key: string | null }[]>(
    `select w.signature_key_sealed as key from unleashed_webhooks w join integrations i on i.id = w.integration_id
     where w.integration_id = ? and i.status <> 'DELETED' and w.subscription_id is not null`,
    [integrationId],
  );
  return rows[0]?.key ?? null;
}
