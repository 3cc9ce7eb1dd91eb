import { parseRetryAfter } from '../providers/shared/retry-policy.js';

/**
 * When to try a delivery again. Network errors, timeouts, 408, 429 and 5xx (and SMTP 4xx replies) are
 * temporary; any other answer is final. Attempt n+1 waits 5 s × 6^(n-1), capped at 10 h, with ±20 % jitter:
 * 5 s, 30 s, 3 min, 18 min, 1.8 h, 10 h, 10 h — eight attempts over about a day (Standard Webhooks
 * recommends retrying with exponential backoff for about that long). 429's Retry-After is honoured.
 */
export const MAX_ATTEMPTS = 8;
const FIRST_DELAY_MS = 5_000;
const FACTOR = 6;
const MAX_DELAY_MS = 10 * 3_600_000;

export type SendOutcome =
  | { kind: 'delivered'; statusCode: number | null }
  | { kind: 'network-error'; error: string }
  | { kind: 'http'; statusCode: number; error: string; retryAfter?: string | null }
  | { kind: 'smtp'; statusCode: number | null; error: string };

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

export function isTemporary(outcome: SendOutcome): boolean {
  switch (outcome.kind) {
    case 'delivered':
      return false;
    case 'network-error':
      return true;
    case 'http':
      return outcome.statusCode === 408 || outcome.statusCode === 429 || outcome.statusCode >= 500;
    case 'smtp':
      // no reply code: the connection failed; 4xx: "try again later" (RFC 5321 §4.2.1); 5xx: refused for good
      return outcome.statusCode === null || (outcome.statusCode >= 400 && outcome.statusCode < 500);
  }
}

/**
 * @param attempts the number of attempts made so far (the one that just failed included)
 * @param random 0 ≤ r < 1, injected so the table test is deterministic
 */
export function decideRetry(outcome: SendOutcome, attempts: number, now: Date, random: () => number = Math.random): RetryDecision {
  if (!isTemporary(outcome) || attempts >= MAX_ATTEMPTS) return { retry: false };
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * FACTOR ** (attempts - 1));
  let delayMs = Math.round(base * (0.8 + 0.4 * random()));
  if (outcome.kind === 'http' && outcome.statusCode === 429) {
    const retryAfterMs = parseRetryAfter(outcome.retryAfter, now);
    if (retryAfterMs !== undefined) delayMs = Math.max(delayMs, Math.min(retryAfterMs, MAX_DELAY_MS));
  }
  return { retry: true, delayMs };
}
