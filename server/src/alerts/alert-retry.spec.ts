import { decideRetry, isTemporary, MAX_ATTEMPTS, type SendOutcome } from './alert-retry.js';

const now = new Date('2026-12-01T10:00:00Z');
const mid = () => 0.5; // no jitter: factor 1.0

describe('alert delivery retry policy', () => {
  it.each<[string, SendOutcome, boolean]>([
    ['a network error', { kind: 'network-error', error: 'ECONNREFUSED' }, true],
    ['HTTP 500', { kind: 'http', statusCode: 500, error: '' }, true],
    ['HTTP 503', { kind: 'http', statusCode: 503, error: '' }, true],
    ['HTTP 429', { kind: 'http', statusCode: 429, error: '' }, true],
    ['HTTP 408', { kind: 'http', statusCode: 408, error: '' }, true],
    ['HTTP 400', { kind: 'http', statusCode: 400, error: '' }, false],
    ['HTTP 401', { kind: 'http', statusCode: 401, error: '' }, false],
    ['HTTP 404', { kind: 'http', statusCode: 404, error: '' }, false],
    ['HTTP 410', { kind: 'http', statusCode: 410, error: '' }, false],
    ['a redirect (301)', { kind: 'http', statusCode: 301, error: '' }, false],
    ['SMTP 421 (try later)', { kind: 'smtp', statusCode: 421, error: '' }, true],
    ['SMTP 451', { kind: 'smtp', statusCode: 451, error: '' }, true],
    ['SMTP 550 (refused)', { kind: 'smtp', statusCode: 550, error: '' }, false],
    ['no SMTP connection', { kind: 'smtp', statusCode: null, error: '' }, true],
  ])('%s is temporary: %s', (_name, outcome, temporary) => {
    expect(isTemporary(outcome)).toBe(temporary);
    expect(decideRetry(outcome, 1, now, mid).retry).toBe(temporary);
  });

  it('backs off exponentially to a cap: eight attempts over about a day', () => {
    const outcome: SendOutcome = { kind: 'http', statusCode: 500, error: '' };
    const delays: number[] = [];
    for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++) {
      const decision = decideRetry(outcome, attempts, now, mid);
      if (!decision.retry) throw new Error(`no retry after ${attempts}`);
      delays.push(decision.delayMs);
    }
    expect(delays).toEqual([5_000, 30_000, 180_000, 1_080_000, 6_480_000, 36_000_000, 36_000_000]);
    const totalHours = delays.reduce((a, b) => a + b, 0) / 3_600_000;
    expect(totalHours).toBeGreaterThan(20);
    expect(totalHours).toBeLessThan(26);
    expect(decideRetry(outcome, MAX_ATTEMPTS, now, mid)).toEqual({ retry: false });
  });

  it('jitters each delay within ±20 %', () => {
    const outcome: SendOutcome = { kind: 'network-error', error: '' };
    expect(decideRetry(outcome, 2, now, () => 0)).toEqual({ retry: true, delayMs: 24_000 });
    expect(decideRetry(outcome, 2, now, () => 0.999999)).toEqual({ retry: true, delayMs: 36_000 });
  });

  it("waits at least 429's Retry-After (seconds or a date), never beyond the cap", () => {
    expect(decideRetry({ kind: 'http', statusCode: 429, error: '', retryAfter: '120' }, 1, now, mid)).toEqual({ retry: true, delayMs: 120_000 });
    expect(decideRetry({ kind: 'http', statusCode: 429, error: '', retryAfter: 'Tue, 01 Dec 2026 10:10:00 GMT' }, 1, now, mid)).toEqual({ retry: true, delayMs: 600_000 });
    expect(decideRetry({ kind: 'http', statusCode: 429, error: '', retryAfter: '999999' }, 1, now, mid)).toEqual({ retry: true, delayMs: 36_000_000 });
  });
});
