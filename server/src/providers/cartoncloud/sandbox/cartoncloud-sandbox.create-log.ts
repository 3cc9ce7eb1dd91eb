import { parseJson } from './cartoncloud-sandbox.http.js';
import type { ApiAnswer } from './cartoncloud-sandbox.orders.js';
import type { HttpAnswer } from './cartoncloud-sandbox.http.js';
import type { CreateLogEntry, Json, SandboxApiClient } from './cartoncloud-sandbox.store.js';

/**
 * The sandbox's log of create requests (`CartonCloudSandbox.createLog`). CartonCloud allows a second sale
 * order with the same customer reference (Round 2 "Duplicates"), so a double create would not show as an
 * error: the exactly-once tests and the sync benchmark count the requests themselves, per reference.
 */

const record = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** `references.customer` of a create request's body, if any. */
export function referenceOf(raw: string): string | null {
  return text(record(record(parseJson(raw)).references).customer);
}

/** The entry for one `POST …/outbound-orders` and its answer. */
export function createLogEntry(at: string, tenantId: string, raw: string, answer: ApiAnswer, answered: boolean): CreateLogEntry {
  const body = record(parseJson(raw));
  const references = record(body.references);
  return {
    at,
    tenantId,
    customerId: text(record(body.customer).id),
    reference: text(references.customer),
    alternateReference: text(references.alternateReference),
    status: answer.status,
    orderId: answer.status === 201 || answer.status === 228 ? text(record(answer.body).id) : null,
    answered,
  };
}

/** Requests CartonCloud read, per reference: a 429 of the create limit is refused unread and not counted. */
export function createCallsPerReference(log: readonly CreateLogEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of log) {
    if (entry.status === 429 || entry.reference === null) continue;
    counts.set(entry.reference, (counts.get(entry.reference) ?? 0) + 1);
  }
  return counts;
}

/**
 * CartonCloud's documented create limit, per API client over a sliding window: undefined when this create
 * may go ahead (and is counted), else the 429 it gets — a refused request does not count.
 */
export function createLimitAnswer(client: SandboxApiClient, limit: { limit: number; windowMs: number }, now: number, sendRetryAfter: boolean): HttpAnswer | undefined {
  client.createTimes = client.createTimes.filter((t) => t > now - limit.windowMs);
  if (client.createTimes.length < limit.limit) {
    client.createTimes.push(now);
    return undefined;
  }
  const waitSeconds = Math.max(1, Math.ceil((client.createTimes[0]! + limit.windowMs - now) / 1000));
  return { status: 429, body: [{ message: 'Too Many Requests' }], headers: sendRetryAfter ? { 'Retry-After': String(waitSeconds) } : undefined };
}
