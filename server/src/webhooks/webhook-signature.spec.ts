import { isGenuineDelivery, orderGuidOf, unleashedWebhookSignature } from './webhook-signature.js';
import { webhookSignature } from '../providers/unleashed/sandbox/unleashed-sandbox.webhooks.js';

describe('Unleashed webhook signature', () => {
  const key = 'c2lnbmluZy1rZXk=';
  const body = Buffer.from('{"eventNotificationId":"n1","eventType":"salesorder.updated","data":"{}"}');
  const now = new Date('2026-12-02T01:00:00Z');
  const ts = String(now.getTime() / 1000);

  it('matches the sandbox (the same recipe from the reference)', () => {
    expect(unleashedWebhookSignature(key, ts, body)).toBe(webhookSignature(key, ts, body.toString('utf8')));
  });

  it('accepts the exact bytes signed within 300 s, refuses anything else', () => {
    const signature = unleashedWebhookSignature(key, ts, body);
    expect(isGenuineDelivery({ signatureKey: key, timestamp: ts, signature, rawBody: body, now })).toBe(true);
    expect(isGenuineDelivery({ signatureKey: key, timestamp: ts, signature, rawBody: Buffer.from(`${body.toString()} `), now })).toBe(false);
    expect(isGenuineDelivery({ signatureKey: 'other', timestamp: ts, signature, rawBody: body, now })).toBe(false);
    expect(isGenuineDelivery({ signatureKey: key, timestamp: ts, signature: undefined, rawBody: body, now })).toBe(false);
    const old = String(Number(ts) - 301);
    expect(isGenuineDelivery({ signatureKey: key, timestamp: old, signature: unleashedWebhookSignature(key, old, body), rawBody: body, now })).toBe(false);
    const future = String(Number(ts) + 301);
    expect(isGenuineDelivery({ signatureKey: key, timestamp: future, signature: unleashedWebhookSignature(key, future, body), rawBody: body, now })).toBe(false);
    const edge = String(Number(ts) - 300);
    expect(isGenuineDelivery({ signatureKey: key, timestamp: edge, signature: unleashedWebhookSignature(key, edge, body), rawBody: body, now })).toBe(true);
  });

  it('reads data as a JSON string or an object', () => {
    const guid = '0b6f1c2e-1111-4a4a-9b9b-123456789abc';
    expect(orderGuidOf({ eventNotificationId: 'a', eventType: 'salesorder.created', data: JSON.stringify({ salesOrderGuid: guid }) })?.orderGuid).toBe(guid);
    expect(orderGuidOf({ eventNotificationId: 'a', eventType: 'salesorder.created', data: { salesOrderGuid: guid.toUpperCase() } })?.orderGuid).toBe(guid);
    expect(orderGuidOf({ eventNotificationId: 'a', eventType: 'salesorder.created', data: 'not json' })?.orderGuid).toBeNull();
    expect(orderGuidOf({ eventType: 'salesorder.created', data: {} })).toBeNull();
  });
});
