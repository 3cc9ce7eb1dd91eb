import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import { Customer } from '../customers/customer.entity.js';
import { Integration } from '../integrations/integration.entity.js';
import { DIGEST_ALERT_TYPE, type IntegrationAlertType } from './alert.enums.js';
import { AlertDelivery } from './alert-delivery.entity.js';
import { AlertDeliveryService } from './alert-delivery.service.js';
import { digestPayload, integrationPayload, testPayload } from './alert-messages.js';
import { AlertSubscription } from './alert-subscription.entity.js';
import { AlertSubscriptionService } from './alert-subscription.service.js';
import type { AlertsDeps } from './alerts.deps.js';

/** An event about one integration (the triggers: integration health). */
export interface IntegrationAlertEvent {
  type: IntegrationAlertType;
  integrationId: string;
  /** the trigger's own words, appended to the message (e.g. Unleashed's answer) */
  detail?: string | null;
}

export const DIGEST_INTERVAL_MS = 3_600_000;
/** references listed in one digest (the count covers them all) */
export const DIGEST_LIST_LIMIT = 20;

/**
 * The alerts domain's face: subscriptions (CRUD, permissions), `raise` for integration events, the
 * shipments.need_attention digest, test alerts and delivery history.
 */
export class AlertService {
  readonly subscriptions: AlertSubscriptionService;
  readonly deliveries: AlertDeliveryService;

  constructor(private readonly deps: AlertsDeps) {
    this.subscriptions = new AlertSubscriptionService(deps);
    this.deliveries = new AlertDeliveryService(deps);
  }

  /** Whether e-mail alerts can be sent (SMTP_URL, or the development mail catcher). */
  get emailEnabled(): boolean {
    return this.deps.mailer !== null;
  }

  /**
   * Tells every subscription of the integration's customer, and every all-customers subscription, that
   * `event` happened: one delivery each, sent by the delivery job. Callers raise on a change of state
   * (credentials now rejected, quota now exhausted, now overdue, healthy again), not on every check.
   * Returns the deliveries written (none when nobody subscribed or the integration is unknown).
   */
  async raise(event: IntegrationAlertEvent): Promise<AlertDelivery[]> {
    const em = this.deps.orm.em.fork();
    const integration = await em.findOne(Integration, { id: event.integrationId }, { populate: ['customer'] });
    if (!integration) {
      this.deps.logger.warn({ type: event.type, integrationId: event.integrationId }, 'alerts: raised for an unknown integration; nothing sent');
      return [];
    }
    const customer = integration.customer.getEntity();
    const subscriptions = await em.find(AlertSubscription, { $or: [{ customer: customer.id }, { customer: null }] });
    if (subscriptions.length === 0) return [];
    const payload = integrationPayload(
      event.type,
      { customerId: customer.id, customerName: customer.name, integrationId: integration.id, integrationName: integration.name, lastSyncedAt: integration.lastSyncedAt },
      this.deps.clock.now(),
      this.deps.consoleUrl(),
      event.detail,
    );
    const deliveries = await this.deliveries.enqueue(em, subscriptions, payload);
    this.deps.logger.info({ type: event.type, integrationId: integration.id, deliveries: deliveries.length }, 'alert raised');
    return deliveries;
  }

  /** "Send a test alert": one `alert.test` delivery to a subscription the viewer may manage. */
  async sendTest(em: EntityManager, viewer: Viewer | null, subscriptionId: string): Promise<AlertDelivery> {
    const { subscription } = await this.subscriptions.requireManageable(em, viewer, subscriptionId, 'subscriptionId');
    const customer = subscription.customer ? await em.findOneOrFail(Customer, { id: subscription.customer.id }) : null;
    const [delivery] = await this.deliveries.enqueue(em, [subscription], testPayload(customer, this.deps.clock.now(), this.deps.consoleUrl()));
    return delivery!;
  }

  /**
   * The shipments.need_attention digest, for every subscription whose last digest is at least an hour
   * old: the ledger rows that newly need attention since its cursor, grouped into one message. A
   * subscription with nothing new gets nothing (its cursor stays). Safe on several workers at once: the
   * cursor moves by compare-and-set, and only the worker that moved it writes the delivery.
   * Returns the deliveries written.
   */
  async runDigest(): Promise<AlertDelivery[]> {
    const now = this.deps.clock.now();
    const em = this.deps.orm.em.fork();
    const due = await em.find(
      AlertSubscription,
      { $or: [{ lastDigestAt: null }, { lastDigestAt: { $lte: new Date(now.getTime() - DIGEST_INTERVAL_MS) } }] },
      { populate: ['customer'], orderBy: { createdAt: 'asc' } },
    );
    const written: AlertDelivery[] = [];
    for (const subscription of due) {
      const customer = subscription.customer?.getEntity() ?? null;
      const summary = await this.deps.attentionDigest(em, { customerId: customer?.id ?? null, since: subscription.digestCursor, until: now, listLimit: DIGEST_LIST_LIMIT });
      if (summary.total === 0) continue;
      const payload = digestPayload(customer ? { id: customer.id, name: customer.name } : null, summary, now, this.deps.consoleUrl());
      const delivery = await em.transactional(async (tx) => {
        const moved = await tx.getConnection().execute<{ id: string }[]>(
          `update alert_subscriptions set digest_cursor = ?, last_digest_at = ? where id = ? and digest_cursor = ? returning id`,
          [now, now, subscription.id, subscription.digestCursor],
        );
        if (moved.length !== 1) return null; // another worker wrote this digest
        return tx.create(AlertDelivery, { subscription: subscription.id, type: DIGEST_ALERT_TYPE, payload, nextAttemptAt: now, createdAt: now });
      });
      if (delivery) written.push(delivery);
    }
    if (written.length) {
      await this.deliveries.scheduleFirstAttempts(written);
      this.deps.logger.info({ deliveries: written.length }, 'alerts: needs-attention digests written');
    }
    return written;
  }

  /** A subscription's deliveries, newest first (the caller has checked the viewer may see it). */
  async recentDeliveries(em: EntityManager, subscriptionIds: readonly string[], limit: number): Promise<Map<string, AlertDelivery[]>> {
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `select id from (select id, row_number() over (partition by subscription_id order by created_at desc, id desc) as n from alert_deliveries where subscription_id in (?)) ranked where n <= ?`,
      [[...subscriptionIds], limit],
    );
    const deliveries = rows.length ? await em.find(AlertDelivery, { id: { $in: rows.map((r) => r.id) } }, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }) : [];
    const result = new Map<string, AlertDelivery[]>();
    for (const d of deliveries) result.set(d.subscription.id, [...(result.get(d.subscription.id) ?? []), d]);
    return result;
  }
}
