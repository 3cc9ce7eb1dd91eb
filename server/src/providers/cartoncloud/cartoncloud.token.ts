import { systemClock, type Clock } from '../../common/clock.js';
import { httpCall, readBody } from '../shared/http-call.js';
import { ProviderError } from '../shared/provider-error.js';
import type { RetryPolicyOptions } from '../shared/retry-policy.js';
import { errorFromResponse } from './cartoncloud.errors.js';
import { tokenResponseSchema } from './cartoncloud.schemas.js';

export interface CallInfo {
  endpoint: string;
  method: string;
  attempt: number;
  status?: number;
  error?: string;
  durationMs: number;
}

export interface CartonCloudTokenOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  clock?: Clock;
  timeoutMs?: number;
  retry?: RetryPolicyOptions;
  /** renew this long before `expires_in` runs out (default 60 s; capped at half the lifetime) */
  renewBeforeMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onCall?: (info: CallInfo) => void;
}

/**
 * CartonCloud OAuth2 client-credentials token, cached (api-docs.cartoncloud.com "Authentication";
 * reference §1). No refresh token exists: a new token is fetched ~60 s before expiry or after a 401
 * (`invalidate`). Concurrent callers share one in-flight fetch.
 */
export class CartonCloudTokenProvider {
  private cached?: { token: string; renewAt: number };
  private inFlight?: Promise<string>;
  private readonly clock: Clock;

  constructor(private readonly options: CartonCloudTokenOptions) {
    this.clock = options.clock ?? systemClock;
  }

  async getToken(): Promise<string> {
    if (this.cached && this.clock.now().getTime() < this.cached.renewAt) return this.cached.token;
    this.inFlight ??= this.fetchToken().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Forget the cached token, whatever it is: the next call fetches a new one (a probe of the credentials). */
  invalidateAll(): void {
    this.cached = undefined;
  }

  /** Forget `token` after the API refused it; a token fetched meanwhile by another caller is kept. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  // POST /uaa/oauth/token — "Authentication > Client Credentials" (api-docs.cartoncloud.com)
  private async fetchToken(): Promise<string> {
    const { baseUrl, clientId, clientSecret } = this.options;
    const requestedAt = this.clock.now().getTime();
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    const response = await httpCall(`${baseUrl.replace(/\/$/, '')}/uaa/oauth/token`, {
      provider: 'cartoncloud',
      timeoutMs: this.options.timeoutMs ?? 30_000,
      retry: this.options.retry,
      sleep: this.options.sleep,
      buildInit: () => ({
        method: 'POST',
        headers: {
          Authorization: `Basic ${basic}`,
          'Accept-Version': '1',
          Accept: 'application/json',
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      }),
      onAttempt: (info) => this.options.onCall?.({ endpoint: 'token', method: 'POST', ...info }),
    });
    const body = await readBody(response);
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      // the token endpoint answers bad credentials with 401 (documented) or 400 (OAuth2 invalid_client)
      throw new ProviderError('cartoncloud', 'AUTH', `CartonCloud refused the API client credentials (${response.status})`, {
        status: response.status,
      });
    }
    if (!response.ok) throw errorFromResponse('token request', response, body);
    const parsed = tokenResponseSchema.safeParse(body);
    if (!parsed.success) {
      throw new ProviderError('cartoncloud', 'TEMPORARY', 'CartonCloud token response had an unexpected shape', {
        status: response.status,
      });
    }
    const lifetimeMs = parsed.data.expires_in * 1000;
    const renewBeforeMs = Math.min(this.options.renewBeforeMs ?? 60_000, lifetimeMs / 2);
    this.cached = { token: parsed.data.access_token, renewAt: requestedAt + lifetimeMs - renewBeforeMs };
    return parsed.data.access_token;
  }
}
