import type { EntityManager } from '@mikro-orm/postgresql';
import { AlertChannel, AlertDeliveryStatus } from './alert.enums.js';
import { AlertDelivery, type AlertAttempt } from './alert-delivery.entity.js';
import { htmlOf, subjectOf, textOf, type AlertPayload } from './alert-messages.js';
import { decideRetry, type SendOutcome } from './alert-retry.js';
import { AlertSubscription } from './alert-subscription.entity.js';
import type { AlertsDeps } from './alerts.deps.js';
import { postWebhook } from './webhook-sender.js';

/** how long one worker owns a delivery while sending it (longer than any send can take) */
const LEASE_MS = 90_000;
const SWEEP_BATCH = 100;

/**
 * Writes deliveries and sends them: the only writer of `alert_deliveries`. Each delivery is one Agenda
 * job per attempt ('alerts.deliver'); a lease makes an attempt safe when two workers pick the same row,
 * and the 'alerts.deliver-due' sweep sends any due delivery whose job was lost. Every attempt is recorded
 * (status code, error, duration) on the row.
 */
export class AlertDeliveryService {
  constructor(private readonly deps: AlertsDeps) {}

  /** One PENDING delivery per subscription, written with the caller's other changes, then scheduled. */
  async enqueue(em: EntityManager, subscriptions: AlertSubscription[], payload: AlertPayload): Promise<AlertDelivery[]> {
    const now = this.deps.clock.now();
    const deliveries = subscriptions.map((subscription) =>
      em.create(AlertDelivery, { subscription, type: payload.type, payload, nextAttemptAt: now, createdAt: now }),
    );
    await em.flush();
    await this.scheduleFirstAttempts(deliveries);
    return deliveries;
  }

  async scheduleFirstAttempts(deliveries: AlertDelivery[]): Promise<void> {
    for (const delivery of deliveries) {
      try {
        await this.deps.scheduler.now('alerts.deliver', { deliveryId: delivery.id });
      } catch (error) {
        // the row is written: the sweep sends it
        this.deps.logger.warn({ err: error, deliveryId: delivery.id }, 'alerts: could not schedule a delivery job; the sweep will send it');
      }
    }
  }

  /**
   * One attempt at a due PENDING delivery, unless another worker holds it or it is not due. Returns the
   * row as it stands afterwards, or null when there was nothing to do.
   */
  async attempt(deliveryId: string): Promise<AlertDelivery | null> {
    const { clock, logger } = this.deps;
    const em = this.deps.orm.em.fork();
    const now = clock.now();
    const leased = await em.getConnection().execute<{ id: string }[]>(
      `update alert_deliveries set leased_until = ?
        where id = ? and status = 'PENDING' and (leased_until is null or leased_until < ?) and (next_attempt_at is null or next_attempt_at <= ?)
        returning id`,
      [new Date(now.getTime() + LEASE_MS), deliveryId, now, now],
    );
    if (leased.length === 0) return null;
    const delivery = await em.findOneOrFail(AlertDelivery, { id: deliveryId });
    const subscription = await em.findOne(AlertSubscription, { id: delivery.subscription.id }, { populate: ['signingSecretSealed'] });
    if (!subscription) return null; // deleted meanwhile (its deliveries go with it)

    const started = Date.now();
    const outcome = await this.send(subscription, delivery);
    const finished = clock.now();
    const attempt: AlertAttempt = {
      at: now.toISOString(),
      statusCode: outcome.kind === 'network-error' || !outcome.statusCode ? null : outcome.statusCode,
      error: outcome.kind === 'delivered' ? null : outcome.error,
      durationMs: Date.now() - started,
    };
    delivery.attempts += 1;
    delivery.attemptLog = [...delivery.attemptLog, attempt];
    delivery.lastStatusCode = attempt.statusCode;
    delivery.lastError = attempt.error;
    delivery.leasedUntil = null;
    let retryAt: Date | null = null;
    if (outcome.kind === 'delivered') {
      delivery.status = AlertDeliveryStatus.DELIVERED;
      delivery.deliveredAt = finished;
      delivery.nextAttemptAt = null;
    } else {
      const decision = decideRetry(outcome, delivery.attempts, finished);
      if (decision.retry) {
        retryAt = new Date(finished.getTime() + decision.delayMs);
        delivery.nextAttemptAt = retryAt;
      } else {
        delivery.status = AlertDeliveryStatus.FAILED;
        delivery.nextAttemptAt = null;
      }
    }
    await em.flush();
    const log = { deliveryId, subscriptionId: subscription.id, channel: subscription.channel, type: delivery.type, attempt: delivery.attempts, statusCode: attempt.statusCode };
    if (delivery.status === AlertDeliveryStatus.DELIVERED) logger.info(log, 'alert delivered');
    else if (delivery.status === AlertDeliveryStatus.FAILED) logger.warn({ ...log, error: attempt.error }, 'alert delivery failed for good');
    else logger.info({ ...log, error: attempt.error, retryAt }, 'alert delivery failed; will retry');
    if (retryAt) {
      await this.deps.scheduler.schedule(retryAt, 'alerts.deliver', { deliveryId }).catch((error: unknown) => {
        logger.warn({ err: error, deliveryId }, 'alerts: could not schedule a retry; the sweep will send it');
      });
    }
    return delivery;
  }

  /** The safety net: every PENDING delivery that is due and not held by a worker. Returns how many were tried. */
  async deliverDue(): Promise<number> {
    const now = this.deps.clock.now();
    const due = await this.deps.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>(
        `select id from alert_deliveries where status = 'PENDING' and next_attempt_at <= ? and (leased_until is null or leased_until < ?) order by next_attempt_at limit ?`,
        [now, now, SWEEP_BATCH],
      );
    let tried = 0;
    for (const { id } of due) if (await this.attempt(id)) tried += 1;
    return tried;
  }

  private async send(subscription: AlertSubscription, delivery: AlertDelivery): Promise<SendOutcome> {
    const payload = delivery.payload;
    if (subscription.channel === AlertChannel.WEBHOOK) {
      if (!subscription.signingSecretSealed) return { kind: 'http', statusCode: 0, error: 'This subscription has no signing secret; delete it and create it again.' };
      const secret = this.deps.secretBox.open(subscription.signingSecretSealed, subscription.id);
      return postWebhook({ url: subscription.target, id: delivery.id, secret, body: JSON.stringify(payload), at: this.deps.clock.now(), production: this.deps.production });
    }
    if (!this.deps.mailer) return { kind: 'smtp', statusCode: 0, error: 'E-mail is not configured on this server (SMTP_URL is unset).' };
    return this.deps.mailer.send({ to: subscription.target, id: delivery.id, subject: subjectOf(payload), text: textOf(payload), html: htmlOf(payload) });
  }
}
