import { ProviderError, type ProviderName } from './provider-error.js';
import { decideRetry, defaultRetryPolicy, parseRetryAfter, type AttemptOutcome, type RetryPolicyOptions } from './retry-policy.js';

export interface HttpCallOptions {
  provider: ProviderName;
  timeoutMs: number;
  retry?: RetryPolicyOptions;
  /** injected for tests; defaults to setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** called before each attempt so signed requests can be rebuilt (fresh token after a 401, …) */
  buildInit: (attempt: number) => Promise<RequestInit> | RequestInit;
  /**
   * An answer the retry policy would retry but whose body says no retry can help (Unleashed's 500 "posted
   * object could not be parsed"): returned at once, for the caller to map. Sees the body as text.
   */
  finalAnswer?: (status: number, body: string) => boolean;
  /** observe every attempt (metrics, call counting) */
  onAttempt?: (info: { attempt: number; status?: number; error?: string; durationMs: number }) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * One HTTP call with a timeout on every attempt and the shared retry policy (Node's own fetch; node-fetch
 * is not needed on Node 20). Returns the final Response, whatever its status: the caller maps non-2xx
 * bodies to ProviderError. Network errors and timeouts that exhaust the policy throw TEMPORARY.
 */
export async function httpCall(url: string, options: HttpCallOptions): Promise<Response> {
  const policy = options.retry ?? defaultRetryPolicy;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    const init = await options.buildInit(attempt);
    const started = Date.now();
    let outcome: AttemptOutcome;
    let response: Response | undefined;
    let failure: unknown;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
      outcome = { kind: 'response', status: response.status, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) };
      options.onAttempt?.({ attempt, status: response.status, durationMs: Date.now() - started });
    } catch (error) {
      failure = error;
      // not `instanceof Error`: DOMException from another realm (jest) fails that check
      const errorName = (error as { name?: unknown } | null)?.name;
      const timedOut = errorName === 'TimeoutError' || errorName === 'AbortError';
      outcome = { kind: timedOut ? 'timeout' : 'network-error' };
      options.onAttempt?.({ attempt, error: outcome.kind, durationMs: Date.now() - started });
    }
    let decision = decideRetry(outcome, attempt, policy);
    if (decision.retry && response && options.finalAnswer) {
      const text = await response.clone().text().catch(() => '');
      if (options.finalAnswer(response.status, text)) decision = { retry: false };
    }
    if (!decision.retry) {
      if (response) return response;
      throw new ProviderError(
        options.provider,
        'TEMPORARY',
        `${options.provider} did not answer (${outcome.kind === 'timeout' ? `timed out after ${options.timeoutMs} ms` : 'network error'})`,
        { cause: failure },
      );
    }
    // drain the body so the connection can be reused
    await response?.arrayBuffer().catch(() => undefined);
    await sleep(decision.delayMs);
  }
}

/** Reads a body as JSON when it is JSON, as text otherwise (error bodies are not trusted to parse). */
export async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
