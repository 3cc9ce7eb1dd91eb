import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessToken, ClientCredentials, ClientMetadata, Configuration, KoaContextWithOIDC } from 'oidc-provider' with { 'resolution-mode': 'import' };
import type { Logger } from '../../common/logger.js';
import { createDevIdentityStore } from './dev-identity-memory.adapter.js';
import { DEMO_API_CLIENTS, findDemoAccount, findDemoApiClient, roleClaims } from './demo-identities.js';
import { loadOrCreateDevIdentityKeys } from './dev-identity-keys.js';
import { createDevInteractions } from './dev-interactions.js';
import { renderErrorPage, renderLogoutPage, renderSignedOutPage } from './dev-login-pages.js';

/**
 * The development identity provider (CONTRACT §3) that `npm start` and the tests run: oidc-provider with
 * the demo accounts and API clients, RS256 JWT access tokens for the API, our own login page (never
 * oidc-provider's devInteractions, which accept any password) and RP-initiated logout.
 *
 * Mount `handler` at the issuer's path, e.g. `app.use('/oidc', handler)` for `http://localhost:4000/oidc`;
 * discovery is then `{issuer}/.well-known/openid-configuration` and advertises `/oidc/...` endpoints.
 *
 * How clients get a token whose `aud` is the API audience (`conveyor-api`):
 * - The API is the resource server `urn:conveyor-api` (oidc-provider only accepts absolute URIs as resource
 *   indicators, so the bare audience cannot be one); its tokens carry `aud: "conveyor-api"`.
 * - Sending no `resource` works everywhere: it defaults to `urn:conveyor-api`, at the authorization endpoint
 *   and at the token endpoint (client credentials, and code/refresh exchanges even with scope `openid`).
 * - `resource=urn:conveyor-api` works at both endpoints. If the audience is itself an absolute URI, sending
 *   it as `resource` works too. Any other resource is refused with `invalid_target`.
 * - `audience=conveyor-api` (Auth0 style) is accepted at both endpoints and changes nothing; any other
 *   `audience` value is refused with `invalid_target`.
 * Consequence: the code flow's access token is for the API, not for the userinfo endpoint; the console
 * reads the user from the ID token or from GraphQL's `viewer`.
 */

export interface DevIdentityProviderOptions {
  issuer: string;
  /** JWKS file (folder created); the cookie keys are kept beside it. A restart keeps both. */
  keysFile: string;
  audience: string;
  consoleClientId: string;
  consoleRedirectUris: string[];
  consolePostLogoutRedirectUris: string[];
  accessTokenTtlSeconds?: number;
  /** Where unexpected errors of the provider and the login pages are reported. */
  logger?: Logger;
}

export interface DevIdentityProvider {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  issuer: string;
  close(): Promise<void>;
}

const DAY = 24 * 60 * 60;

/** The resource indicator that stands for `audience` (see the module comment). */
export function resourceIndicatorFor(audience: string): string {
  return URL.canParse(audience) ? audience : `urn:${audience}`;
}

export async function createDevIdentityProvider(options: DevIdentityProviderOptions): Promise<DevIdentityProvider> {
  const { default: Provider, errors } = await import('oidc-provider');
  const issuerUrl = new URL(options.issuer);
  const issuer = issuerUrl.href.replace(/\/$/, '');
  const mountPath = issuerUrl.pathname.replace(/\/$/, '');
  const accessTokenTtl = options.accessTokenTtlSeconds ?? 3600;
  const resourceIndicator = resourceIndicatorFor(options.audience);
  const acceptedResources = new Set([resourceIndicator, `urn:${options.audience}`]);
  const { jwks, cookieKeys } = await loadOrCreateDevIdentityKeys(options.keysFile);
  const store = createDevIdentityStore();

  /** `audience` is optional; when sent (query, form body or authorization request) it must be ours. */
  const assertAudienceParameter = (ctx: KoaContextWithOIDC): void => {
    const params = ctx.oidc.params as Record<string, unknown> | undefined;
    const body = (ctx.oidc as unknown as { body?: Record<string, unknown> }).body;
    const audience = params?.audience ?? body?.audience;
    if (audience !== undefined && audience !== options.audience) {
      throw new errors.InvalidTarget(`unknown audience; this provider issues tokens for "${options.audience}" only`);
    }
  };

  const consoleClient: ClientMetadata = {
    client_id: options.consoleClientId,
    client_name: 'Conveyor console',
    application_type: 'web',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: options.consoleRedirectUris,
    post_logout_redirect_uris: options.consolePostLogoutRedirectUris,
  };
  const apiClients: ClientMetadata[] = DEMO_API_CLIENTS.map((client) => ({
    client_id: client.clientId,
    client_secret: client.clientSecret,
    client_name: client.description,
    // client_secret_basic here also admits client_secret_post (oidc-provider treats the two alike)
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  }));

  const configuration: Configuration = {
    adapter: (model: string) => store.adapterFor(model),
    clients: [consoleClient, ...apiClients],
    jwks: jwks as unknown as Configuration['jwks'],
    cookies: { keys: cookieKeys },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'roles', 'customer_id'] },
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    // The code flow's access token is for the API (not userinfo), so the ID token carries the profile itself.
    conformIdTokenClaims: false,
    extraParams: { audience: (ctx) => assertAudienceParameter(ctx) },
    pkce: { required: () => true },
    findAccount: (_ctx, sub) => {
      const account = findDemoAccount(sub);
      if (!account) return undefined;
      return {
        accountId: account.email,
        claims: () => ({ sub: account.email, email: account.email, email_verified: true, name: account.name, ...roleClaims(account) }),
      };
    },
    extraTokenClaims: (_ctx, token: AccessToken | ClientCredentials) => {
      if (token.kind === 'ClientCredentials') {
        const client = token.clientId ? findDemoApiClient(token.clientId) : undefined;
        return client ? roleClaims(client) : undefined;
      }
      const account = token.accountId ? findDemoAccount(token.accountId) : undefined;
      return account ? { ...roleClaims(account), email: account.email, name: account.name } : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx, _client, oneOf) => {
          assertAudienceParameter(ctx);
          if (oneOf) return oneOf.includes(resourceIndicator) ? resourceIndicator : oneOf;
          return resourceIndicator;
        },
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, indicator) => {
          assertAudienceParameter(ctx);
          if (!acceptedResources.has(indicator)) throw new errors.InvalidTarget(`unknown resource; use ${resourceIndicator}`);
          return {
            scope: '',
            audience: options.audience,
            accessTokenTTL: accessTokenTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = renderLogoutPage(form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = renderSignedOutPage();
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = renderErrorPage('Sign-in problem', out as unknown as Record<string, string | undefined>);
    },
    ttl: {
      AccessToken: accessTokenTtl,
      ClientCredentials: accessTokenTtl,
      IdToken: accessTokenTtl,
      AuthorizationCode: 60,
      Interaction: 60 * 60,
      Session: 14 * DAY,
      Grant: 14 * DAY,
      RefreshToken: 14 * DAY,
    },
  };

  const provider = new Provider(issuer, configuration);
  // Honour X-Forwarded-Proto/Host from a dev proxy (e.g. the console's dev server) when building URLs.
  provider.proxy = true;
  provider.on('server_error', (_ctx: unknown, error: Error) => options.logger?.error({ err: error }, 'identity provider error'));

  const interactions = createDevInteractions({ provider, mountPath, consoleClientId: options.consoleClientId, logger: options.logger });
  const callback = provider.callback();

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    if (interactions.handles(req)) {
      void interactions.handle(req, res);
      return;
    }
    void callback(req, res);
  };

  return {
    handler,
    issuer,
    close: async () => {
      provider.removeAllListeners();
      store.clear();
    },
  };
}
