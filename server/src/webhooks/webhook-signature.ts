import { createHmac, timingSafeEqual } from 'node:crypto';

/** Deliveries older or newer than this are refused (reference §7: three public receivers agree on 300 s). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** Base64(HMAC-SHA256(signatureKey, "{timestamp}.{rawBody}")) — CONTRACT §6, reference §8 "Webhooks". */
export function unleashedWebhookSignature(signatureKey: string, timestamp: string, rawBody: Buffer | string): string {
  return createHmac('sha256', signatureKey).update(`${timestamp}.`).update(rawBody).digest('base64');
}

/**
 * Whether a delivery is Unleashed's: the signature over the exact bytes received matches, and
 * `x-unleashed-timestamp` (Unix seconds) is within the tolerance of `now`, either way.
 */
export function isGenuineDelivery(input: { signatureKey: string; timestamp: string | undefined; signature: string | undefined; rawBody: Buffer; now: Date }): boolean {
  const { timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(input.now.getTime() / 1000 - Number(timestamp)) > WEBHOOK_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(unleashedWebhookSignature(input.signatureKey, timestamp, input.rawBody));
  const given = Buffer.from(signature.trim());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The order a delivery is about: `data` is usually a JSON string, sometimes an object, holding
 * `salesOrderGuid` (reference §8). null when the body says nothing usable.
 */
export function orderGuidOf(body: unknown): { eventNotificationId: string; eventType: string; orderGuid: string | null } | null {
  if (!body || typeof body !== 'object') return null;
  const envelope = body as Record<string, unknown>;
  const eventNotificationId = envelope.eventNotificationId;
  const eventType = envelope.eventType;
  if (typeof eventNotificationId !== 'string' || !eventNotificationId.trim() || eventNotificationId.length > 200 || typeof eventType !== 'string') return null;
  let data: unknown = envelope.data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      data = null;
    }
  }
  const guid = data && typeof data === 'object' ? (data as Record<string, unknown>).salesOrderGuid ?? (data as Record<string, unknown>).SalesOrderGuid : null;
  const orderGuid = typeof guid === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(guid) ? guid.toLowerCase() : null;
  return { eventNotificationId: eventNotificationId.trim(), eventType: eventType.toLowerCase(), orderGuid };
}
