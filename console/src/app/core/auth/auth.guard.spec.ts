import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ActivatedRouteSnapshot, RouterStateSnapshot } from '@angular/router';
import { RuntimeConfigService } from '../config/runtime-config';
import { TEST_RUNTIME_CONFIG, testOidcConfiguration } from '../../../testing/test-config';
import { authGuard } from './auth.guard';
import { BROWSER_REDIRECT, OIDC_DISCOVERY } from './oidc-client';

describe('authGuard', () => {
  let redirects: string[];

  function setUp(): void {
    redirects = [];
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        { provide: OIDC_DISCOVERY, useValue: () => Promise.resolve(testOidcConfiguration()) },
        { provide: BROWSER_REDIRECT, useValue: (url: string) => redirects.push(url) },
      ],
    });
    TestBed.inject(RuntimeConfigService).set(TEST_RUNTIME_CONFIG);
  }

  function runGuard(url: string): unknown {
    return TestBed.runInInjectionContext(() => authGuard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot));
  }

  beforeEach(() => sessionStorage.clear());

  it('sends an unauthenticated visitor to the IdP with PKCE (S256) and remembers the page they wanted', async () => {
    setUp();

    expect(runGuard('/integrations?tab=runs')).toBe(false);
    await vi.waitFor(() => expect(redirects).toHaveLength(1));

    const url = new URL(redirects[0]);
    expect(url.origin + url.pathname).toBe('https://idp.test/oidc/auth');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe('conveyor-console');
    expect(url.searchParams.get('redirect_uri')).toBe(`${location.origin}/auth/callback`);
    expect(url.searchParams.get('scope')).toBe('openid email profile');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('audience')).toBe('conveyor-api');

    const pending = JSON.parse(sessionStorage.getItem('conveyor.auth.pending') ?? '{}');
    expect(pending.state).toBe(url.searchParams.get('state'));
    expect(pending.returnUrl).toBe('/integrations?tab=runs');
    expect(pending.codeVerifier).not.toBe(url.searchParams.get('code_challenge'));
  });

  it('lets a user with an unexpired access token through without leaving the app', () => {
    sessionStorage.setItem(
      'conveyor.auth.session',
      JSON.stringify({ accessToken: 'token', idToken: null, expiresAt: Date.now() + 3_600_000, name: null, email: 'a@b.test' }),
    );
    setUp();

    expect(runGuard('/integrations')).toBe(true);
    expect(redirects).toEqual([]);
  });

  it('treats an expired access token as signed out', async () => {
    sessionStorage.setItem(
      'conveyor.auth.session',
      JSON.stringify({ accessToken: 'old', idToken: null, expiresAt: Date.now() - 1000, name: null, email: null }),
    );
    setUp();

    expect(runGuard('/billing')).toBe(false);
    await vi.waitFor(() => expect(redirects).toHaveLength(1));
    expect(JSON.parse(sessionStorage.getItem('conveyor.auth.pending') ?? '{}').returnUrl).toBe('/billing');
  });
});
