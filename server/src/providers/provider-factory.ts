import type { Clock } from '../common/clock.js';
import type { Metrics } from '../common/metrics.js';
import { CartonCloudClient } from './cartoncloud/cartoncloud.client.js';
import { UnleashedClient } from './unleashed/unleashed.client.js';

export interface CartonCloudEndpoint {
  baseUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** Where the two APIs are: production hosts, or the sandboxes under `npm start` and in tests. */
export interface ProviderEndpoints {
  unleashedBaseUrl: string;
  cartonCloud: CartonCloudEndpoint;
}

/** Every provider request's timeout unless told otherwise (a create may land in CartonCloud until then). */
export const PROVIDER_TIMEOUT_MS = 30_000;

export const UNLEASHED_PRODUCTION_URL = 'https://api.unleashedsoftware.com';
export const CARTONCLOUD_PRODUCTION_URL = 'https://api.cartoncloud.com';

/**
 * Builds provider clients with the deployment's endpoints, timeouts and call metrics. One CartonCloud
 * client per process (it caches the 3PL's token); an Unleashed client per integration's credentials.
 */
export class ProviderFactory {
  private cartonCloudClient: CartonCloudClient | null = null;
  /** told of every Unleashed call made for an integration (usage/: the monthly allowance); set by app/ */
  unleashedCallCounter: { count(integrationId: string): void } | null = null;

  constructor(
    readonly endpoints: ProviderEndpoints,
    private readonly metrics: Metrics,
    private readonly clock: Clock,
    private readonly options: { timeoutMs?: number; clientType?: string } = {},
  ) {}

  /** `integrationId`: whose allowance the calls count against (absent: not counted, e.g. a check before credentials are stored) */
  unleashed(apiId: string, apiKey: string, overrides: { timeoutMs?: number; integrationId?: string } = {}): UnleashedClient {
    return new UnleashedClient({
      baseUrl: this.endpoints.unleashedBaseUrl,
      apiId,
      apiKey,
      clientType: this.options.clientType ?? 'conveyor/integration',
      timeoutMs: overrides.timeoutMs ?? this.options.timeoutMs ?? PROVIDER_TIMEOUT_MS,
      onCall: (info) => {
        this.metrics.providerCalls.inc({ provider: 'unleashed', status: String(info.status ?? info.error ?? 'error') });
        if (overrides.integrationId) this.unleashedCallCounter?.count(overrides.integrationId);
      },
    });
  }

  cartonCloud(): CartonCloudClient {
    if (!this.cartonCloudClient) {
      const cc = this.endpoints.cartonCloud;
      this.cartonCloudClient = new CartonCloudClient({
        baseUrl: cc.baseUrl,
        tenantId: cc.tenantId,
        clientId: cc.clientId,
        clientSecret: cc.clientSecret,
        clock: this.clock,
        timeoutMs: this.options.timeoutMs ?? PROVIDER_TIMEOUT_MS,
        onCall: (info) => this.metrics.providerCalls.inc({ provider: 'cartoncloud', status: String(info.status ?? info.error ?? 'error') }),
      });
    }
    return this.cartonCloudClient;
  }
}
