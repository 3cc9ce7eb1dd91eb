import {
  actionFor,
  codeForStatus,
  failureMessage,
  isFinalForRecord,
  ProviderError,
  unavailableReason,
  type ProviderErrorAction,
  type ProviderErrorCode,
  type ProviderName,
} from './provider-error.js';
import { decideRetry, parseRetryAfter, type AttemptOutcome, type RetryPolicyOptions } from './retry-policy.js';

const policy: RetryPolicyOptions = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 };
const half = () => 0.5; // deterministic jitter: the middle of the band

describe('the retry policy', () => {
  it.each<[string, AttemptOutcome, number, { retry: false } | { retry: true; delayMs: number }]>([
    ['a network error is retried', { kind: 'network-error' }, 1, { retry: true, delayMs: 75 }],
    ['a timeout is retried with a longer wait', { kind: 'timeout' }, 2, { retry: true, delayMs: 150 }],
    ['a 500 is retried', { kind: 'response', status: 500 }, 1, { retry: true, delayMs: 75 }],
    ['a 503 is retried, backoff doubling', { kind: 'response', status: 503 }, 3, { retry: true, delayMs: 300 }],
    ['a 429 is retried', { kind: 'response', status: 429 }, 1, { retry: true, delayMs: 75 }],
    ['a 429 honours a longer Retry-After', { kind: 'response', status: 429, retryAfterMs: 800 }, 1, { retry: true, delayMs: 800 }],
    ['a 429 whose Retry-After exceeds the cap is left to the caller', { kind: 'response', status: 429, retryAfterMs: 60_000 }, 1, { retry: false }],
    ['a 400 is never retried', { kind: 'response', status: 400 }, 1, { retry: false }],
    ['a 401 is never retried', { kind: 'response', status: 401 }, 1, { retry: false }],
    ['a 403 is never retried', { kind: 'response', status: 403 }, 1, { retry: false }],
    ['a 404 is never retried', { kind: 'response', status: 404 }, 1, { retry: false }],
    ['a 422 is never retried', { kind: 'response', status: 422 }, 1, { retry: false }],
    ['a 200 is not a failure', { kind: 'response', status: 200 }, 1, { retry: false }],
    ['the last attempt is not retried', { kind: 'response', status: 500 }, 4, { retry: false }],
  ])('%s', (_label, outcome, attempt, expected) => {
    expect(decideRetry(outcome, attempt, policy, half)).toEqual(expected);
  });

  it('caps the backoff and keeps jitter within [half, full] of it', () => {
    const long: RetryPolicyOptions = { maxAttempts: 20, baseDelayMs: 100, maxDelayMs: 1_000 };
    for (const r of [0, 0.25, 0.999]) {
      const decision = decideRetry({ kind: 'timeout' }, 10, long, () => r);
      expect(decision.retry).toBe(true);
      if (decision.retry) {
        expect(decision.delayMs).toBeGreaterThanOrEqual(500);
        expect(decision.delayMs).toBeLessThanOrEqual(1_000);
      }
    }
  });

  it('reads Retry-After in seconds and as an HTTP date', () => {
    const now = new Date('2026-11-27T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('what a provider failure means', () => {
  it.each<[number, ProviderErrorCode]>([
    [429, 'RATE_LIMITED'],
    [503, 'TEMPORARY'],
    [401, 'AUTH'],
    [403, 'AUTH'],
    [404, 'NOT_FOUND'],
    [422, 'VALIDATION'],
  ])('HTTP %i is %s', (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });

  it.each<[ProviderName, ProviderErrorCode, ProviderErrorAction]>([
    ['unleashed', 'TEMPORARY', 'retry-later'],
    ['unleashed', 'RATE_LIMITED', 'slow-down'],
    ['unleashed', 'VALIDATION', 'fail-record'],
    ['unleashed', 'NOT_FOUND', 'record-gone'],
    ['unleashed', 'AUTH', 'credentials-rejected'],
    ['unleashed', 'UNPROCESSABLE', 'reject-record'],
    ['unleashed', 'FORBIDDEN', 'credentials-rejected'],
    ['cartoncloud', 'TEMPORARY', 'retry-later'],
    ['cartoncloud', 'RATE_LIMITED', 'slow-down'],
    ['cartoncloud', 'VALIDATION', 'fail-record'],
    ['cartoncloud', 'NOT_FOUND', 'record-gone'],
    ['cartoncloud', 'AUTH', 'client-refused'],
    ['cartoncloud', 'UNPROCESSABLE', 'reject-record'],
    ['cartoncloud', 'FORBIDDEN', 'role-missing'],
  ])('%s %s: %s', (provider, code, action) => {
    expect(actionFor(new ProviderError(provider, code, 'x'))).toBe(action);
  });

  it('fails the record for good only when no retry can help', () => {
    expect(isFinalForRecord('fail-record')).toBe(true);
    expect(isFinalForRecord('record-gone')).toBe(true);
    expect(isFinalForRecord('reject-record')).toBe(true);
    for (const action of ['retry-later', 'slow-down', 'credentials-rejected', 'client-refused', 'role-missing'] as const) expect(isFinalForRecord(action)).toBe(false);
  });

  it('words a validation failure by its fields, anything else by its message', () => {
    const fields = new ProviderError('cartoncloud', 'VALIDATION', 'invalid', { fieldErrors: [{ field: '/items/0', message: 'unknown product' }, { message: 'no warehouse' }] });
    expect(failureMessage(fields)).toBe('/items/0: unknown product; no warehouse');
    expect(failureMessage(new ProviderError('cartoncloud', 'TEMPORARY', 'HTTP 503'))).toBe('HTTP 503');
  });

  it('says why an upstream call failed without naming a credential', () => {
    expect(unavailableReason(new ProviderError('unleashed', 'RATE_LIMITED', 'x'))).toBe('its API limit was reached');
    expect(unavailableReason(new ProviderError('cartoncloud', 'AUTH', 'x'))).toMatch(/API client was refused/);
    expect(unavailableReason(new ProviderError('unleashed', 'TEMPORARY', 'x'))).toBe('it did not answer properly');
  });
});
