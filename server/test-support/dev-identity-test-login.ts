/**
 * Getting real tokens from the development identity provider without a browser, for integration tests:
 * the client-credentials grant, and the authorization-code + PKCE flow driven with plain fetch (redirects
 * followed by hand, cookies kept in a tiny jar, the login form posted like a browser would).
 */

export interface TokenSet {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  token_type: string;
  expires_in?: number;
}

/** `POST {issuer}/token` with `grant_type=refresh_token`, as the console (a public client) would. */
export async function refreshTokens(issuer: string, clientId: string, refreshToken: string): Promise<TokenSet> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken }),
  });
  const body = (await response.json()) as TokenSet & { error?: string; error_description?: string };
  if (!response.ok) throw new Error(`refresh failed: HTTP ${response.status} ${body.error ?? ''} ${body.error_description ?? ''}`.trim());
  return body;
}

/** `POST {issuer}/token` with `grant_type=client_credentials` (HTTP Basic client authentication). */
export async function clientCredentialsToken(issuer: string, clientId: string, clientSecret: string, extra: Record<string, string> = {}): Promise<TokenSet> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...extra }),
  });
  const body = (await response.json()) as TokenSet & { error?: string; error_description?: string };
  if (!response.ok) throw new Error(`token request failed: HTTP ${response.status} ${body.error ?? ''} ${body.error_description ?? ''}`.trim());
  return body;
}

interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

/** Just enough of a browser: cookies by name and path (one host), redirects not followed automatically. */
export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      let cookiePath = '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [key = '', attributeValue = ''] = attribute.split('=');
        if (key.toLowerCase() === 'path') cookiePath = attributeValue;
        if (key.toLowerCase() === 'max-age' && Number(attributeValue) <= 0) expired = true;
        if (key.toLowerCase() === 'expires' && Date.parse(attributeValue) < Date.now()) expired = true;
      }
      const key = `${name};${cookiePath}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { name, value, path: cookiePath });
    }
  }

  headerFor(url: string): string {
    const { pathname } = new URL(url);
    return [...this.cookies.values()]
      .filter((cookie) => pathname === cookie.path || pathname.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`))
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.headerFor(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(response);
    return response;
  }
}

export interface PageOrRedirect {
  /** The last URL fetched. */
  url: string;
  status: number;
  html: string;
  /** Set when the chain ended at a redirect to `stopAt` (e.g. the console's redirect URI). */
  redirectedTo?: string;
}

/** Follows redirects by hand until a page (non-3xx) or a redirect to a URL starting with `stopAt`. */
export async function follow(jar: CookieJar, url: string, stopAt: string, init?: RequestInit): Promise<PageOrRedirect> {
  let current = url;
  let response = await jar.fetch(current, init);
  for (let hops = 0; response.status >= 300 && response.status < 400; hops += 1) {
    if (hops > 10) throw new Error('too many redirects');
    const location = new URL(response.headers.get('location') ?? '', current).href;
    await response.arrayBuffer();
    if (location.startsWith(stopAt)) return { url: current, status: response.status, html: '', redirectedTo: location };
    current = location;
    response = await jar.fetch(current);
  }
  return { url: current, status: response.status, html: await response.text() };
}

const unescapeHtml = (value: string): string => value.replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');

/** The login form's action, as an absolute URL. */
export function loginFormAction(page: PageOrRedirect): string {
  const match = /<form[^>]*\baction="([^"]+)"/.exec(page.html);
  if (!match?.[1]) throw new Error(`no login form on ${page.url} (HTTP ${page.status})`);
  return new URL(unescapeHtml(match[1]), page.url).href;
}

/** Posts the login form as a browser would, then follows the redirects (consent is automatic). */
export async function submitLogin(jar: CookieJar, loginPage: PageOrRedirect, email: string, password: string, stopAt: string): Promise<PageOrRedirect> {
  return follow(jar, loginFormAction(loginPage), stopAt, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }),
  });
}

export interface PasswordSignInOptions {
  issuer: string;
  clientId: string;
  redirectUri: string;
  email: string;
  password: string;
  /** Default `openid email profile`. */
  scope?: string;
  /** Extra authorization request parameters, e.g. `{ resource: 'urn:conveyor-api' }`. */
  parameters?: Record<string, string>;
}

/**
 * The console's sign-in without a browser: discovery, an authorization request with PKCE (S256) and
 * state, the login form, then the code exchanged with openid-client (which also validates the ID token).
 */
export async function signInWithPassword(options: PasswordSignInOptions): Promise<TokenSet> {
  const oidc = await import('openid-client');
  const config = await oidc.discovery(new URL(options.issuer), options.clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const authorizationUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: options.redirectUri,
    scope: options.scope ?? 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    ...options.parameters,
  });
  const jar = new CookieJar();
  const loginPage = await follow(jar, authorizationUrl.href, options.redirectUri);
  const result = await submitLogin(jar, loginPage, options.email, options.password, options.redirectUri);
  if (!result.redirectedTo) throw new Error(`sign-in as ${options.email} did not come back to the client (HTTP ${result.status} at ${result.url})`);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(result.redirectedTo), { pkceCodeVerifier: codeVerifier, expectedState: state });
  return { access_token: tokens.access_token, id_token: tokens.id_token, refresh_token: tokens.refresh_token, token_type: tokens.token_type, expires_in: tokens.expires_in };
}
