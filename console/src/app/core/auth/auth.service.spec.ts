import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import * as oidc from 'openid-client';
import { RuntimeConfigService } from '../config/runtime-config';
import { TEST_RUNTIME_CONFIG, testOidcConfiguration } from '../../../testing/test-config';
import { AuthService } from './auth.service';
import { BROWSER_REDIRECT, OIDC_DISCOVERY } from './oidc-client';

const b64url = (value: object): string =>
  btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/** An ID token as the IdP's token endpoint returns it (the signature is not checked on this back channel). */
function idToken(claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = { iss: TEST_RUNTIME_CONFIG.oidcIssuer, aud: TEST_RUNTIME_CONFIG.clientId, sub: 'admin@demo.test', iat: now, exp: now + 3600, ...claims };
  return `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url(payload)}.c2lnbmF0dXJl`;
}

describe('AuthService sign-in callback', () => {
  let redirects: string[];
  let tokenRequests: URLSearchParams[];

  beforeEach(() => {
    sessionStorage.clear();
    redirects = [];
    tokenRequests = [];
    const server = testOidcConfiguration();
    // The IdP's token endpoint, faked at the network edge.
    server[oidc.customFetch] = async (_url, options) => {
      tokenRequests.push(new URLSearchParams(String(options.body)));
      const body = { access_token: 'access-1', token_type: 'Bearer', expires_in: 3600, id_token: idToken({ name: 'Avery Admin', email: 'admin@demo.test' }) };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        { provide: OIDC_DISCOVERY, useValue: () => Promise.resolve(server) },
        { provide: BROWSER_REDIRECT, useValue: (url: string) => redirects.push(url) },
      ],
    });
    TestBed.inject(RuntimeConfigService).set(TEST_RUNTIME_CONFIG);
  });

  async function startLogin(auth: AuthService, returnUrl: string): Promise<URL> {
    await auth.login(returnUrl);
    return new URL(redirects[0]);
  }

  it('exchanges the code with the PKCE verifier, keeps the tokens and returns to the wanted page', async () => {
    const auth = TestBed.inject(AuthService);
    const authorization = await startLogin(auth, '/integrations/42');
    const state = authorization.searchParams.get('state');

    const returnUrl = await auth.completeLogin(`${location.origin}/auth/callback?code=the-code&state=${state}`);

    expect(returnUrl).toBe('/integrations/42');
    expect(tokenRequests).toHaveLength(1);
    const sent = tokenRequests[0];
    expect(sent.get('grant_type')).toBe('authorization_code');
    expect(sent.get('code')).toBe('the-code');
    expect(sent.get('redirect_uri')).toBe(`${location.origin}/auth/callback`);
    expect(await oidc.calculatePKCECodeChallenge(sent.get('code_verifier') ?? '')).toBe(authorization.searchParams.get('code_challenge'));
    expect(auth.isAuthenticated()).toBe(true);
    expect(auth.accessToken()).toBe('access-1');
    expect(auth.profile()).toEqual({ name: 'Avery Admin', email: 'admin@demo.test' });
    expect(sessionStorage.getItem('conveyor.auth.pending')).toBeNull();
    expect(JSON.parse(sessionStorage.getItem('conveyor.auth.session') ?? '{}').accessToken).toBe('access-1');
  });

  it('refuses a callback whose state is not the one it sent, without asking for tokens', async () => {
    const auth = TestBed.inject(AuthService);
    await startLogin(auth, '/');

    await expect(auth.completeLogin(`${location.origin}/auth/callback?code=stolen&state=forged`)).rejects.toThrow();

    expect(tokenRequests).toHaveLength(0);
    expect(auth.isAuthenticated()).toBe(false);
    expect(sessionStorage.getItem('conveyor.auth.session')).toBeNull();
  });

  it('signs out at the end-session endpoint with the ID token and forgets the tokens', async () => {
    const auth = TestBed.inject(AuthService);
    const state = (await startLogin(auth, '/')).searchParams.get('state');
    await auth.completeLogin(`${location.origin}/auth/callback?code=c&state=${state}`);

    await auth.logout();

    const endSession = new URL(redirects[1]);
    expect(endSession.origin + endSession.pathname).toBe('https://idp.test/oidc/session/end');
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${location.origin}/`);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect(auth.isAuthenticated()).toBe(false);
    expect(sessionStorage.getItem('conveyor.auth.session')).toBeNull();
  });
});
