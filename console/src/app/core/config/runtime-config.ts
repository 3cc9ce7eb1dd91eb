import { Injectable, signal } from '@angular/core';

/** What the server publishes at `/console-config.json` (read once at start-up). */
export interface RuntimeConfig {
  /** OpenID Provider issuer URL (discovery at `${oidcIssuer}/.well-known/openid-configuration`). */
  oidcIssuer: string;
  /** Public client id of the console (authorization code + PKCE). */
  clientId: string;
  /** Audience the API requires in access tokens; asked for with `resource` unless overridden. */
  audience: string;
  /** Extra parameters merged into the authorization request (e.g. `{ "audience": "…" }` for Auth0). */
  authorizationParams: Record<string, string>;
  /** Path (or absolute URL) of the GraphQL endpoint; subscriptions use the same path over ws(s). */
  graphqlPath: string;
}

export const RUNTIME_CONFIG_PATH = '/console-config.json';

/** Checks the shape of the downloaded configuration and names every problem at once. */
export function parseRuntimeConfig(raw: unknown): RuntimeConfig {
  if (typeof raw !== 'object' || raw === null) {
    throw new Error(`${RUNTIME_CONFIG_PATH} is not a JSON object`);
  }
  const value = raw as Record<string, unknown>;
  const problems: string[] = [];
  const text = (key: keyof RuntimeConfig): string => {
    const v = value[key];
    if (typeof v !== 'string' || v.trim() === '') {
      problems.push(`"${key}" must be a non-empty string`);
      return '';
    }
    return v;
  };
  const oidcIssuer = text('oidcIssuer');
  const clientId = text('clientId');
  const audience = text('audience');
  const graphqlPath = text('graphqlPath');
  const params = value['authorizationParams'] ?? {};
  const authorizationParams: Record<string, string> = {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    problems.push('"authorizationParams" must be an object');
  } else {
    for (const [k, v] of Object.entries(params)) {
      if (typeof v !== 'string') problems.push(`"authorizationParams.${k}" must be a string`);
      else authorizationParams[k] = v;
    }
  }
  if (problems.length > 0) {
    throw new Error(`${RUNTIME_CONFIG_PATH} is invalid: ${problems.join('; ')}`);
  }
  return { oidcIssuer, clientId, audience, authorizationParams, graphqlPath };
}

/** Holds the runtime configuration; `load()` runs in an app initializer before anything else. */
@Injectable({ providedIn: 'root' })
export class RuntimeConfigService {
  private readonly value = signal<RuntimeConfig | null>(null);

  /** The configuration; throws when read before start-up finished (a programming error). */
  get config(): RuntimeConfig {
    const config = this.value();
    if (!config) throw new Error('Runtime configuration read before it was loaded');
    return config;
  }

  set(config: RuntimeConfig): void {
    this.value.set(config);
  }

  async load(fetchFn: typeof fetch = fetch): Promise<RuntimeConfig> {
    const response = await fetchFn(RUNTIME_CONFIG_PATH, { cache: 'no-store', headers: { accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(`GET ${RUNTIME_CONFIG_PATH} answered ${response.status}`);
    }
    const config = parseRuntimeConfig(await response.json());
    this.value.set(config);
    return config;
  }
}
