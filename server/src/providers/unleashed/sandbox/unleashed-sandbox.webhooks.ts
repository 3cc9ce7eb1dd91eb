import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../../common/clock.js';
import { SandboxHttpError, type SandboxAccount } from './unleashed-sandbox.types.js';

/**
 * The sandbox's webhooks (reference/unleashed-api.md §7 and §8 "Webhooks"): subscriptions per account
 * (`POST/GET /webhooks/subscriptions`, `DELETE /webhooks/subscriptions/{id}` — the delete route is a guess),
 * at most 5 per account, and signed deliveries of `salesorder.created` / `salesorder.updated` when the
 * store creates or changes an order, sent shortly after, retried with backoff on a 5xx or no answer.
 */
export const SANDBOX_WEBHOOK_EVENT_TYPES = ['salesorder.created', 'salesorder.updated', 'salesorder.deleted', 'customer.created', 'customer.updated', 'product.created', 'product.updated'];
export const MAX_SUBSCRIPTIONS_PER_ACCOUNT = 5;
/** INVENTED wording (the real answer to a 6th subscription is undocumented; only the limit of 5 is) */
export const SUBSCRIPTION_LIMIT_DESCRIPTION = `The maximum of ${MAX_SUBSCRIPTIONS_PER_ACCOUNT} webhook subscriptions per account has been reached. Delete a subscription before creating another.`;

export interface SandboxSubscription {
  subscriptionId: string;
  apiId: string;
  description: string;
  notificationUrl: string;
  eventTypes: string[];
  signatureKey: string;
  createdOn: number;
}

export interface SandboxDelivery {
  eventNotificationId: string;
  subscriptionId: string;
  apiId: string;
  eventType: string;
  orderGuid: string;
  notificationUrl: string;
  /** one entry per attempt: the answer's status, 'no answer', or 'dropped' (a lost delivery) */
  attempts: Array<{ at: Date; status: number | 'no answer' | 'dropped' }>;
  state: 'pending' | 'delivered' | 'failed' | 'dropped';
}

export interface SandboxWebhookBehaviour {
  /** `data` as a JSON string (default, as most deliveries) or as an object (as some) */
  dataAsObject: boolean;
  /** how long after the change a delivery is first sent */
  deliveryDelayMs: number;
  /** waits before each retry after a 5xx or no answer; attempts = retries + 1 */
  retryDelaysMs: number[];
  /** how long a receiver may take to answer */
  deliveryTimeoutMs: number;
}

export const defaultWebhookBehaviour: SandboxWebhookBehaviour = {
  dataAsObject: false,
  deliveryDelayMs: 200,
  retryDelaysMs: [1_000, 2_000, 4_000, 8_000],
  deliveryTimeoutMs: 5_000,
};

/** Base64(HMAC-SHA256(signatureKey, "{timestamp}.{rawBody}")) */
export function webhookSignature(signatureKey: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', signatureKey).update(`${timestamp}.${rawBody}`).digest('base64');
}

export class SandboxWebhooks {
  readonly behaviour: SandboxWebhookBehaviour;
  readonly deliveries: SandboxDelivery[] = [];
  private readonly subscriptions = new Map<string, SandboxSubscription>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private dropNext = 0;
  private closed = false;

  constructor(
    private readonly clock: Clock,
    behaviour: Partial<SandboxWebhookBehaviour> = {},
  ) {
    this.behaviour = { ...defaultWebhookBehaviour, ...behaviour };
  }

  /** `/webhooks/subscriptions[/{id}]` of the signed API (the caller checked the signature and counted the call). */
  api(account: SandboxAccount, method: string, rest: string[], body: unknown): { status: number; body: unknown } {
    if (rest[0]?.toLowerCase() !== 'subscriptions' || rest.length > 2) throw new SandboxHttpError(404, `No endpoint /webhooks/${rest.join('/')}`);
    const id = rest[1];
    if (id === undefined && method === 'GET') return { status: 200, body: { Items: this.of(account.apiId).map(view) } };
    if (id === undefined && method === 'POST') {
      const created = this.create(account, body);
      return { status: 201, body: { ...view(created), signatureKey: created.signatureKey } }; // the key: this once only
    }
    if (id !== undefined && method === 'DELETE') {
      const found = this.subscriptions.get(id.toLowerCase());
      if (!found || found.apiId !== account.apiId) throw new SandboxHttpError(404, `Subscription ${id} was not found`);
      this.subscriptions.delete(found.subscriptionId);
      return { status: 200, body: { subscriptionId: found.subscriptionId, deleted: true } };
    }
    if (id !== undefined && method === 'GET') {
      const found = this.subscriptions.get(id.toLowerCase());
      if (!found || found.apiId !== account.apiId) throw new SandboxHttpError(404, `Subscription ${id} was not found`);
      return { status: 200, body: view(found) };
    }
    throw new SandboxHttpError(405, `${method} is not allowed on /webhooks/${rest.join('/')}`);
  }

  /** Subscriptions of an account (control surface: with the keys, for tests). */
  of(apiId: string): SandboxSubscription[] {
    return [...this.subscriptions.values()].filter((s) => s.apiId === apiId.toLowerCase());
  }

  /** A subscription made by someone else on the account (another app), to take up the 5 places. */
  create(account: SandboxAccount, body: unknown): SandboxSubscription {
    const input = (body ?? {}) as Record<string, unknown>;
    const notificationUrl = typeof input.notificationUrl === 'string' ? input.notificationUrl.trim() : '';
    let url: URL;
    try {
      url = new URL(notificationUrl);
    } catch {
      throw new SandboxHttpError(400, 'notificationUrl is required and must be an absolute URL');
    }
    // the real API wants public HTTPS with a valid certificate; the sandbox also takes http to this machine
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
      throw new SandboxHttpError(400, 'notificationUrl must be an https URL (the sandbox accepts http only for localhost)');
    }
    const eventTypes = Array.isArray(input.eventTypes) ? input.eventTypes.map((t) => String(t).toLowerCase()) : [];
    if (eventTypes.length === 0) throw new SandboxHttpError(400, 'eventTypes must name at least one event type');
    const unknown = eventTypes.find((t) => !SANDBOX_WEBHOOK_EVENT_TYPES.includes(t));
    if (unknown) throw new SandboxHttpError(400, `eventTypes: ${unknown} is not a known event type`);
    if (this.of(account.apiId).length >= MAX_SUBSCRIPTIONS_PER_ACCOUNT) throw new SandboxHttpError(400, SUBSCRIPTION_LIMIT_DESCRIPTION);
    const subscription: SandboxSubscription = {
      subscriptionId: randomUUID(),
      apiId: account.apiId,
      description: typeof input.description === 'string' ? input.description.slice(0, 200) : '',
      notificationUrl,
      eventTypes,
      signatureKey: randomBytes(32).toString('base64'),
      createdOn: this.clock.now().getTime(),
    };
    this.subscriptions.set(subscription.subscriptionId, subscription);
    return subscription;
  }

  /** The next `count` deliveries are lost (never sent, never retried). */
  dropNextDeliveries(count: number): void {
    if (!Number.isInteger(count) || count < 0) throw new SandboxHttpError(400, 'dropNext must be an integer ≥ 0');
    this.dropNext = count;
  }

  setBehaviour(changes: Partial<SandboxWebhookBehaviour>): SandboxWebhookBehaviour {
    if (changes.dataAsObject !== undefined && typeof changes.dataAsObject !== 'boolean') throw new SandboxHttpError(400, 'dataAsObject must be a boolean');
    Object.assign(this.behaviour, changes);
    return { ...this.behaviour };
  }

  /** The store created or changed an order: every subscription of the account to that event gets a delivery. */
  orderChanged(account: SandboxAccount, orderGuid: string, eventType: 'salesorder.created' | 'salesorder.updated'): void {
    if (this.closed) return;
    for (const subscription of this.of(account.apiId)) {
      if (!subscription.eventTypes.includes(eventType)) continue;
      const delivery: SandboxDelivery = {
        eventNotificationId: randomUUID(),
        subscriptionId: subscription.subscriptionId,
        apiId: account.apiId,
        eventType,
        orderGuid,
        notificationUrl: subscription.notificationUrl,
        attempts: [],
        state: 'pending',
      };
      this.deliveries.push(delivery);
      if (this.deliveries.length > 10_000) this.deliveries.splice(0, this.deliveries.length - 10_000);
      if (this.dropNext > 0) {
        this.dropNext--;
        delivery.state = 'dropped';
        delivery.attempts.push({ at: this.clock.now(), status: 'dropped' });
        continue;
      }
      this.later(this.behaviour.deliveryDelayMs, () => this.attempt(delivery, subscription, 0));
    }
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private later(ms: number, run: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void run();
    }, ms);
    this.timers.add(timer);
  }

  private async attempt(delivery: SandboxDelivery, subscription: SandboxSubscription, retry: number): Promise<void> {
    if (this.closed) return;
    const data = { salesOrderGuid: delivery.orderGuid };
    const rawBody = JSON.stringify({
      subscriptionId: delivery.subscriptionId,
      eventNotificationId: delivery.eventNotificationId,
      eventType: delivery.eventType,
      createdOn: new Date(this.clock.now()).toISOString(),
      data: this.behaviour.dataAsObject ? data : JSON.stringify(data),
    });
    const timestamp = String(Math.floor(this.clock.now().getTime() / 1000));
    let status: number | 'no answer';
    try {
      const response = await fetch(delivery.notificationUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-unleashed-timestamp': timestamp,
          'x-unleashed-signature': webhookSignature(subscription.signatureKey, timestamp, rawBody),
        },
        body: rawBody,
        signal: AbortSignal.timeout(this.behaviour.deliveryTimeoutMs),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch {
      status = 'no answer';
    }
    delivery.attempts.push({ at: this.clock.now(), status });
    if (typeof status === 'number' && status < 500) {
      // a 4xx is an answer: not retried (a 401 means the receiver refused it)
      delivery.state = status < 300 ? 'delivered' : 'failed';
      return;
    }
    const wait = this.behaviour.retryDelaysMs[retry];
    if (wait === undefined || this.closed) {
      delivery.state = 'failed';
      return;
    }
    this.later(wait, () => this.attempt(delivery, subscription, retry + 1));
  }
}

/** A subscription as the API lists it: never the signature key (returned once, at creation). */
function view(subscription: SandboxSubscription) {
  const { signatureKey: _key, apiId: _apiId, createdOn, ...rest } = subscription;
  return { ...rest, createdOn };
}
