import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import type { SecretBox } from '../common/secret-box.js';
import type { Config } from '../config.js';
import { HealthConditionCode } from '../integrations/health-conditions.js';
import type { IntegrationHealth } from '../integrations/integration-health.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import type { ProviderFactory } from '../providers/provider-factory.js';
import { actionFor, ProviderError } from '../providers/shared/provider-error.js';
import type { UnleashedClient } from '../providers/unleashed/unleashed.client.js';
import { UnleashedWebhook, UnleashedWebhookDelivery } from './unleashed-webhook.entity.js';

/** What Conveyor subscribes to (CONTRACT §6). */
export const WEBHOOK_EVENT_TYPES = ['salesorder.created', 'salesorder.updated'];
/** Accepted deliveries are remembered this long for de-duplication (Unleashed retries for up to 72 h, reportedly). */
export const DELIVERY_MEMORY_MS = 7 * 24 * 3_600_000;

export interface WebhookSubscriptionsDeps {
  orm: MikroORM;
  clock: Clock;
  logger: Logger;
  secretBox: SecretBox;
  providers: Pick<ProviderFactory, 'unleashed'>;
  config: Pick<Config, 'unleashedWebhooks'>;
  health: Pick<IntegrationHealth, 'raise' | 'clear'>;
  /** `{PUBLIC_URL}/webhooks/unleashed/{integrationId}`; null when this process does not know its public URL */
  notificationUrl(integrationId: string): string | null;
}

/** What `maintain` did, for tests and logs. */
export type MaintainOutcome = 'created' | 'checked' | 'removed' | 'unavailable' | 'failed' | 'nothing';

/** The associated data the signing key is sealed with: bound to the integration and its use. */
export const webhookKeyAad = (integrationId: string) => `${integrationId}:unleashed-webhook`;

/**
 * Keeps one integration's Unleashed webhook subscription as it should be (the `webhooks.maintain` job):
 * an ACTIVE integration has one (created, or re-created when Unleashed no longer lists it); a deleted one
 * (or any, once UNLEASHED_WEBHOOKS is off) has it removed — a removal Unleashed refuses is logged and the
 * local record dropped all the same, never blocking the delete. When the account's 5 places are taken,
 * WEBHOOKS_UNAVAILABLE says so (the integration polls as before). The only writer of `unleashed_webhooks`
 * except the receiver's `lastDeliveryAt`.
 */
export class WebhookSubscriptions {
  constructor(private readonly deps: WebhookSubscriptionsDeps) {}

  async maintain(integrationId: string): Promise<MaintainOutcome> {
    const em = this.deps.orm.em.fork() as EntityManager;
    const integration = await em.findOne(Integration, integrationId, { populate: ['unleashedApiKeySealed', 'customer'] });
    if (!integration || !integration.unleashedApiId || !integration.unleashedApiKeySealed) return 'nothing';
    const row = await em.findOne(UnleashedWebhook, { integrationId }, { populate: ['signatureKeySealed'] });
    const client = this.deps.providers.unleashed(integration.unleashedApiId, this.deps.secretBox.open(integration.unleashedApiKeySealed, integration.id), { timeoutMs: 15_000, integrationId: integration.id });
    if (integration.status === IntegrationStatus.DELETED || !this.deps.config.unleashedWebhooks) {
      return row?.subscriptionId ? this.remove(em, integration, row, client) : 'nothing';
    }
    if (integration.status !== IntegrationStatus.ACTIVE || integration.credentialsRejectedAt) return 'nothing';
    await this.prune(em, integrationId);

    const url = this.deps.notificationUrl(integrationId);
    if (!url) {
      await this.deps.health.raise(em, integration, HealthConditionCode.WEBHOOKS_UNAVAILABLE, { detail: 'PUBLIC_URL is not set, so Unleashed has nowhere to deliver to.' });
      return 'unavailable';
    }
    try {
      const listed = await client.listWebhookSubscriptions();
      if (row?.subscriptionId && listed.some((s) => s.subscriptionId === row.subscriptionId)) {
        row.checkedAt = this.deps.clock.now();
        await em.flush();
        await this.deps.health.clear(em, integration, HealthConditionCode.WEBHOOKS_UNAVAILABLE);
        return 'checked';
      }
      // ours, but unknown to us (an answer lost on the way, a key lost): its key is gone, so it is replaced
      for (const stale of listed.filter((s) => s.notificationUrl === url)) {
        await client.deleteWebhookSubscription(stale.subscriptionId).catch((error: unknown) => this.deps.logger.warn({ err: error, integrationId }, 'webhooks: a stale subscription could not be removed'));
      }
      const created = await client.createWebhookSubscription({ description: `Conveyor: ${integration.name}`.slice(0, 100), notificationUrl: url, eventTypes: WEBHOOK_EVENT_TYPES });
      const stored = row ?? em.create(UnleashedWebhook, { integrationId, createdAt: this.deps.clock.now() });
      stored.subscriptionId = created.subscriptionId;
      stored.signatureKeySealed = this.deps.secretBox.seal(created.signatureKey, webhookKeyAad(integrationId));
      stored.notificationUrl = url;
      stored.checkedAt = this.deps.clock.now();
      await em.flush();
      await this.deps.health.clear(em, integration, HealthConditionCode.WEBHOOKS_UNAVAILABLE);
      this.deps.logger.info({ integrationId, subscriptionId: created.subscriptionId }, 'webhooks: subscribed to the Unleashed account');
      return 'created';
    } catch (error) {
      if (error instanceof ProviderError && actionFor(error) === 'fail-record') {
        // Unleashed refused the subscription itself: above all, the account's 5 places are taken
        await this.deps.health.raise(em, integration, HealthConditionCode.WEBHOOKS_UNAVAILABLE, { detail: `Unleashed said: ${error.message}` });
        return 'unavailable';
      }
      this.deps.logger.warn({ err: error, integrationId }, 'webhooks: could not check or create the subscription; polling goes on');
      return 'failed';
    }
  }

  private async remove(em: EntityManager, integration: Integration, row: UnleashedWebhook, client: UnleashedClient): Promise<MaintainOutcome> {
    const subscriptionId = row.subscriptionId!;
    try {
      await client.deleteWebhookSubscription(subscriptionId);
      this.deps.logger.info({ integrationId: integration.id, subscriptionId }, 'webhooks: subscription removed');
    } catch (error) {
      // never blocks the delete: the subscription's deliveries are refused (401) from now on anyway
      this.deps.logger.warn({ err: error, integrationId: integration.id, subscriptionId }, 'webhooks: Unleashed did not remove the subscription; carrying on');
    }
    row.subscriptionId = null;
    row.signatureKeySealed = null;
    await em.flush();
    await em.nativeDelete(UnleashedWebhookDelivery, { integrationId: integration.id });
    return 'removed';
  }

  private async prune(em: EntityManager, integrationId: string): Promise<void> {
    await em.nativeDelete(UnleashedWebhookDelivery, { integrationId, receivedAt: { $lt: new Date(this.deps.clock.now().getTime() - DELIVERY_MEMORY_MS) } });
  }
}
