import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAudit } from '../audit/audit.service.js';
import type { Viewer } from '../auth/viewer.js';
import { assertCanManageIntegrations, canSeeCustomer, requireViewer } from '../auth/access-policy.js';
import { AppError, badInput } from '../common/errors.js';
import { isUuid } from '../common/validation.js';
import { Customer } from '../customers/customer.entity.js';
import { AlertChannel } from './alert.enums.js';
import { AlertSubscription } from './alert-subscription.entity.js';
import { validateTarget } from './alert-target.js';
import type { AlertsDeps } from './alerts.deps.js';
import { generateSigningSecret } from './webhook-signature.js';

/** at most this many subscriptions per customer (and for "all customers") */
export const MAX_SUBSCRIPTIONS_PER_SCOPE = 25;

export interface AlertSubscriptionRequest {
  customerId?: string | null;
  channel: AlertChannel;
  target: string;
}

/**
 * Alert subscriptions and who may touch them. Everyone who sees a customer sees its subscriptions
 * (read-only customer users too); creating and deleting follow the integration rule (admins; customer
 * users while selfManagedIntegrationsAllowed). "All customers" subscriptions are for admins only. A
 * subscription the viewer may not see is NOT_FOUND, whatever the reason.
 */
export class AlertSubscriptionService {
  constructor(private readonly deps: AlertsDeps) {}

  /** Admin: all, or one customer's; customer user: their customer's (never the all-customers ones). */
  async list(em: EntityManager, viewer: Viewer | null, customerId?: string | null): Promise<AlertSubscription[]> {
    const v = requireViewer(viewer);
    if (customerId !== undefined && customerId !== null && !isUuid(customerId)) throw badInput('customerId', 'Not a valid customer id.');
    let where: Record<string, unknown>;
    if (v.isAdmin) where = customerId ? { customer: customerId } : {};
    else if (!v.customerId || (customerId && customerId !== v.customerId)) return [];
    else where = { customer: v.customerId };
    return em.find(AlertSubscription, where, { orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
  }

  /** A subscription the viewer may see, else null. */
  async get(em: EntityManager, viewer: Viewer | null, id: string): Promise<AlertSubscription | null> {
    const v = requireViewer(viewer);
    if (!isUuid(id)) return null;
    const subscription = await em.findOne(AlertSubscription, { id });
    if (!subscription) return null;
    if (subscription.customer === null) return v.isAdmin ? subscription : null;
    return canSeeCustomer(v, subscription.customer.id) ? subscription : null;
  }

  /** A subscription the viewer may change (create, delete, send a test to). */
  async requireManageable(em: EntityManager, viewer: Viewer | null, id: string, field = 'id'): Promise<{ subscription: AlertSubscription; actor: Viewer }> {
    const v = requireViewer(viewer);
    if (!isUuid(id)) throw badInput(field, 'Not a valid alert subscription id.');
    const subscription = await this.get(em, v, id);
    if (!subscription) throw new AppError('NOT_FOUND', `Alert subscription ${id} was not found.`, { id, field });
    if (subscription.customer === null) return { subscription, actor: v };
    const customer = await em.findOneOrFail(Customer, { id: subscription.customer.id });
    return { subscription, actor: assertCanManageIntegrations(v, customer) };
  }

  /** Validates everything before writing; the webhook secret is returned here and never again. */
  async create(em: EntityManager, viewer: Viewer | null, input: AlertSubscriptionRequest): Promise<{ subscription: AlertSubscription; signingSecret: string | null }> {
    const v = requireViewer(viewer);
    let customer: Customer | null = null;
    if (input.customerId === undefined || input.customerId === null || input.customerId === '') {
      if (!v.isAdmin) throw new AppError('FORBIDDEN', "Only a 3PL administrator may subscribe to every customer's alerts; choose your organisation.", { field: 'input.customerId' });
    } else {
      if (!isUuid(input.customerId)) throw badInput('input.customerId', 'Not a valid customer id.');
      customer = canSeeCustomer(v, input.customerId) ? await em.findOne(Customer, { id: input.customerId }) : null;
      if (!customer) throw new AppError('NOT_FOUND', `Customer ${input.customerId} was not found.`, { field: 'input.customerId' });
    }
    const actor = customer ? assertCanManageIntegrations(v, customer) : v;
    if (input.channel === AlertChannel.EMAIL && !this.deps.mailer) {
      throw badInput('input.channel', 'E-mail alerts are not available: this server has no mail server configured (SMTP_URL). Use a webhook, or ask the operator to set SMTP_URL.');
    }
    const target = await validateTarget(input.channel, input.target, { production: this.deps.production, resolve: this.deps.resolveHost });

    const scope = { customer: customer ? customer.id : null };
    if ((await em.count(AlertSubscription, { ...scope, channel: input.channel, target })) > 0) {
      throw badInput('input.target', `${target} already receives these alerts.`);
    }
    if ((await em.count(AlertSubscription, scope)) >= MAX_SUBSCRIPTIONS_PER_SCOPE) {
      throw badInput('input.customerId', `There are already ${MAX_SUBSCRIPTIONS_PER_SCOPE} alert subscriptions for ${customer ? customer.name : 'all customers'}; delete one first.`);
    }

    const now = this.deps.clock.now();
    const subscription = em.create(AlertSubscription, {
      customer,
      channel: input.channel,
      target,
      createdAt: now,
      createdBy: v.email ?? v.subject,
      digestCursor: now,
    });
    let signingSecret: string | null = null;
    if (input.channel === AlertChannel.WEBHOOK) {
      signingSecret = generateSigningSecret();
      subscription.signingSecretSealed = this.deps.secretBox.seal(signingSecret, subscription.id);
    }
    recordAudit(em, actor, 'alert-subscription.created', { customerId: customer?.id ?? null }, { subscriptionId: subscription.id, channel: input.channel, target });
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw badInput('input.target', `${target} already receives these alerts.`);
      throw error;
    }
    return { subscription, signingSecret };
  }

  async delete(em: EntityManager, viewer: Viewer | null, id: string): Promise<boolean> {
    const { subscription, actor } = await this.requireManageable(em, viewer, id);
    recordAudit(em, actor, 'alert-subscription.deleted', { customerId: subscription.customer?.id ?? null }, { subscriptionId: subscription.id, channel: subscription.channel, target: subscription.target });
    em.remove(subscription);
    await em.flush();
    return true;
  }
}
