/**
 * The one pure retry policy for provider calls: network errors, timeouts, 5xx and 429 are retried with
 * capped, jittered exponential backoff (429 honours Retry-After); every other 4xx is final.
 */
export interface RetryPolicyOptions {
  maxAttempts: number; // including the first
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicyOptions = { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 8_000 };

export type AttemptOutcome =
  | { kind: 'network-error' }
  | { kind: 'timeout' }
  | { kind: 'response'; status: number; retryAfterMs?: number };

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

/**
 * @param attempt 1-based number of the attempt that just failed
 * @param random  0 ≤ r < 1, injected so the table-driven test is deterministic
 */
export function decideRetry(
  outcome: AttemptOutcome,
  attempt: number,
  options: RetryPolicyOptions = defaultRetryPolicy,
  random: () => number = Math.random,
): RetryDecision {
  if (attempt >= options.maxAttempts) return { retry: false };
  const retryable =
    outcome.kind !== 'response' || outcome.status === 429 || (outcome.status >= 500 && outcome.status <= 599);
  if (!retryable) return { retry: false };
  const backoff = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  // "equal jitter": half fixed, half random, so retries of many clients spread out but never hit zero
  let delayMs = Math.round(backoff / 2 + random() * (backoff / 2));
  if (outcome.kind === 'response' && outcome.status === 429 && outcome.retryAfterMs !== undefined) {
    if (outcome.retryAfterMs > options.maxDelayMs) return { retry: false }; // caller reschedules instead of blocking
    delayMs = Math.max(delayMs, outcome.retryAfterMs);
  }
  return { retry: true, delayMs };
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
