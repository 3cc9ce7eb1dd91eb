import { registerEnumType } from 'type-graphql';

/** How a subscription is told (CONTRACT §6). */
export enum AlertChannel {
  EMAIL = 'EMAIL',
  WEBHOOK = 'WEBHOOK',
}
registerEnumType(AlertChannel, { name: 'AlertChannel', description: 'How an alert subscription is told: an e-mail or a signed webhook (Standard Webhooks).' });

/** Where one delivery stands: PENDING (not sent yet, or waiting for its next try), DELIVERED, FAILED (gave up). */
export enum AlertDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(AlertDeliveryStatus, {
  name: 'AlertDeliveryStatus',
  description: 'PENDING: not sent yet or waiting for its next attempt; DELIVERED: accepted by the endpoint or mail server; FAILED: given up (a final refusal, or every attempt used).',
});

/** The event types of CONTRACT §6, spelled exactly, plus `alert.test` ("send a test alert"). */
export const INTEGRATION_ALERT_TYPES = [
  'integration.credentials_rejected',
  'integration.quota_exhausted',
  'integration.overdue',
  'integration.recovered',
] as const;
export type IntegrationAlertType = (typeof INTEGRATION_ALERT_TYPES)[number];
export const DIGEST_ALERT_TYPE = 'shipments.need_attention';
export const TEST_ALERT_TYPE = 'alert.test';
export type AlertEventType = IntegrationAlertType | typeof DIGEST_ALERT_TYPE | typeof TEST_ALERT_TYPE;
