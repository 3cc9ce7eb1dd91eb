import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import * as oidc from 'openid-client';
import { RuntimeConfigService } from '../config/runtime-config';
import { AuthStorage, StoredSession } from './auth-storage';
import { BROWSER_REDIRECT, OIDC_DISCOVERY } from './oidc-client';

export const CALLBACK_PATH = '/auth/callback';
const SCOPE = 'openid email profile';
/** Treat a token as expired slightly early so a request never leaves with a dying token. */
const EXPIRY_MARGIN_MS = 10_000;

/** Only same-origin paths may be returned to after login (no open redirects). */
export function safeReturnUrl(url: string | null | undefined): string {
  if (!url || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\') || url.startsWith(CALLBACK_PATH)) {
    return '/';
  }
  return url;
}

/**
 * OpenID Connect login for the console: authorization code + PKCE (S256) with openid-client.
 * Tokens live in memory (signals) and in sessionStorage so a reload keeps the session; there is no
 * refresh token — when the access token expires the user is sent to the IdP again.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly document = inject(DOCUMENT);
  private readonly runtimeConfig = inject(RuntimeConfigService);
  private readonly discover = inject(OIDC_DISCOVERY);
  private readonly redirect = inject(BROWSER_REDIRECT);
  private readonly storage = new AuthStorage(this.document.defaultView?.sessionStorage ?? memoryStorage());

  private readonly session = signal<StoredSession | null>(this.storage.readSession());
  private discovery: Promise<oidc.Configuration> | null = null;
  private expiryTimer: ReturnType<typeof setTimeout> | null = null;
  private leaving = false;

  /** Display name and e-mail from the ID token (the API's Viewer has no name). */
  readonly profile = computed(() => {
    const s = this.session();
    return s ? { name: s.name, email: s.email } : null;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.clearExpiryTimer());
    this.scheduleExpiry();
  }

  /** True while there is an access token that has not (nearly) expired. */
  isAuthenticated(now = Date.now()): boolean {
    const s = this.session();
    return !!s && s.expiresAt - EXPIRY_MARGIN_MS > now;
  }

  /** The bearer token for the API, or null when signed out or expired. */
  accessToken(): string | null {
    return this.isAuthenticated() ? (this.session()?.accessToken ?? null) : null;
  }

  /** Sends the browser to the IdP; after login the user comes back to `returnUrl`. */
  async login(returnUrl: string = this.currentPath()): Promise<void> {
    if (this.leaving) return;
    this.leaving = true;
    try {
      const config = this.runtimeConfig.config;
      const server = await this.oidcConfiguration();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      this.storage.writePending({ codeVerifier, state, returnUrl: safeReturnUrl(returnUrl) });
      const url = oidc.buildAuthorizationUrl(server, {
        redirect_uri: this.origin() + CALLBACK_PATH,
        scope: SCOPE,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        ...this.audienceParams(),
        ...config.authorizationParams,
      });
      this.redirect(url.href);
    } catch (error) {
      this.leaving = false;
      throw error;
    }
  }

  /**
   * Completes the login on `/auth/callback`: checks state, exchanges the code with the PKCE
   * verifier, stores the tokens. Returns the path the user originally wanted.
   */
  async completeLogin(callbackUrl: string): Promise<string> {
    const pending = this.storage.readPending();
    if (!pending) {
      throw new Error('This sign-in link has already been used or has expired. Please sign in again.');
    }
    const server = await this.oidcConfiguration();
    try {
      const tokens = await oidc.authorizationCodeGrant(
        server,
        new URL(callbackUrl),
        { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, idTokenExpected: true },
        this.tokenParams(),
      );
      const claims = tokens.claims();
      const expiresIn = tokens.expiresIn() ?? 300;
      this.setSession({
        accessToken: tokens.access_token,
        idToken: tokens.id_token ?? null,
        expiresAt: Date.now() + expiresIn * 1000,
        name: typeof claims?.['name'] === 'string' ? claims['name'] : null,
        email: typeof claims?.['email'] === 'string' ? claims['email'] : null,
      });
      return pending.returnUrl;
    } finally {
      this.storage.clearPending();
    }
  }

  /** Forgets the tokens and ends the IdP session (RP-initiated logout). */
  async logout(): Promise<void> {
    const idToken = this.session()?.idToken ?? undefined;
    this.setSession(null);
    this.leaving = true;
    const postLogout = this.origin() + '/';
    try {
      const server = await this.oidcConfiguration();
      if (server.serverMetadata().end_session_endpoint) {
        const params: Record<string, string> = {
          post_logout_redirect_uri: postLogout,
          client_id: this.runtimeConfig.config.clientId,
        };
        if (idToken) params['id_token_hint'] = idToken;
        this.redirect(oidc.buildEndSessionUrl(server, params).href);
        return;
      }
    } catch (error) {
      console.error('Sign-out at the identity provider failed', error);
    }
    this.redirect(postLogout);
  }

  private setSession(session: StoredSession | null): void {
    if (session) this.storage.writeSession(session);
    else this.storage.clearSession();
    this.session.set(session);
    this.scheduleExpiry();
  }

  /** When the access token expires, send the user to log in again (there is no refresh token). */
  private scheduleExpiry(): void {
    this.clearExpiryTimer();
    const s = this.session();
    if (!s) return;
    const delay = Math.max(0, s.expiresAt - EXPIRY_MARGIN_MS - Date.now());
    if (delay > 2 ** 31 - 1) return;
    this.expiryTimer = setTimeout(() => {
      this.expiryTimer = null;
      if (this.currentPath().startsWith(CALLBACK_PATH)) return;
      void this.login();
    }, delay);
  }

  private clearExpiryTimer(): void {
    if (this.expiryTimer !== null) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
  }

  private oidcConfiguration(): Promise<oidc.Configuration> {
    if (!this.discovery) {
      this.discovery = this.discover(this.runtimeConfig.config).catch((error: unknown) => {
        this.discovery = null;
        throw error;
      });
    }
    return this.discovery;
  }

  /**
   * How the API audience is asked for. By default with `audience=<audience>` (Auth0 style; the dev IdP
   * accepts it and defaults to the API anyway). A deployment whose IdP wants RFC 8707 resource
   * indicators instead puts `resource` (or its own `audience`) into `authorizationParams`, which wins.
   */
  private audienceParams(): Record<string, string> {
    const config = this.runtimeConfig.config;
    const custom = config.authorizationParams;
    if ('resource' in custom || 'audience' in custom) return {};
    return { audience: config.audience };
  }

  /** RFC 8707: the token request repeats the resource indicator of the authorization request. */
  private tokenParams(): Record<string, string> {
    const resource = this.runtimeConfig.config.authorizationParams['resource'];
    return resource ? { resource } : {};
  }

  private origin(): string {
    return this.document.location.origin;
  }

  private currentPath(): string {
    const l = this.document.location;
    return l.pathname + l.search + l.hash;
  }
}

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}
