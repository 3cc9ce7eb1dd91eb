import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEMO_CUSTOMER_IDS } from '../../seed/demo-ids.js';
import { cookieKeysFileFor } from './dev-identity-keys.js';
import { CookieJar, clientCredentialsToken, follow, loginFormAction, refreshTokens, signInWithPassword, submitLogin } from '../../../test-support/dev-identity-test-login.js';
import { startDevIdentityTestServer, TEST_AUDIENCE, TEST_CONSOLE_CLIENT_ID, type DevIdentityTestServer } from '../../../test-support/dev-identity-test-server.js';
import { createTokenVerifier } from '../token-verifier.js';

let idp: DevIdentityTestServer;

beforeAll(async () => {
  idp = await startDevIdentityTestServer();
});

afterAll(async () => {
  await idp.close();
});

const verifierFor = (issuer: string) => createTokenVerifier({ issuer, audience: TEST_AUDIENCE });

async function decodedPayload(token: string): Promise<Record<string, unknown>> {
  const { decodeJwt } = await import('jose');
  return decodeJwt(token);
}

async function decodedHeader(token: string): Promise<Record<string, unknown>> {
  const { decodeProtectedHeader } = await import('jose');
  return decodeProtectedHeader(token);
}

/** An authorization request as the console makes it, with PKCE; returns the jar and the login page. */
async function openLoginPage(parameters: Record<string, string> = {}) {
  const query = new URLSearchParams({
    client_id: TEST_CONSOLE_CLIENT_ID,
    response_type: 'code',
    redirect_uri: idp.consoleRedirectUri,
    scope: 'openid email profile',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    state: 'state-1',
    ...parameters,
  });
  const jar = new CookieJar();
  const page = await follow(jar, `${idp.issuer}/auth?${query}`, idp.consoleRedirectUri);
  return { jar, page };
}

describe('development identity provider: discovery', () => {
  it('advertises the issuer and endpoints under the /oidc mount', async () => {
    const response = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(200);
    expect(metadata).toMatchObject({
      issuer: idp.issuer,
      authorization_endpoint: `${idp.issuer}/auth`,
      token_endpoint: `${idp.issuer}/token`,
      jwks_uri: `${idp.issuer}/jwks`,
      end_session_endpoint: `${idp.issuer}/session/end`,
      code_challenge_methods_supported: ['S256'],
    });
    expect(metadata.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'client_credentials']));
  });

  it('keeps its signing keys and cookie keys in files beside each other', () => {
    expect(existsSync(idp.keysFile)).toBe(true);
    expect(existsSync(cookieKeysFileFor(idp.keysFile))).toBe(true);
  });
});

describe('development identity provider: client credentials', () => {
  it('gives conveyor-cli an RS256 JWT for conveyor-api with the admin role, which the verifier accepts', async () => {
    const { access_token } = await clientCredentialsToken(idp.issuer, 'conveyor-cli', 'conveyor-cli-secret');

    expect(await decodedHeader(access_token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    const payload = await decodedPayload(access_token);
    expect(payload).toMatchObject({ iss: idp.issuer, aud: 'conveyor-api', sub: 'conveyor-cli', roles: ['admin'] });
    expect(payload.customer_id).toBeUndefined();
    expect(typeof payload.exp).toBe('number');

    const identity = await verifierFor(idp.issuer).verify(access_token);
    expect(identity).toEqual({ subject: 'conveyor-cli', email: null, name: null, roles: ['admin'], customerId: null, clientId: 'conveyor-cli', expiresAt: expect.any(Date) });
  });

  it.each([
    ['acme-cli', 'acme-cli-secret', DEMO_CUSTOMER_IDS.acme],
    ['globex-cli', 'globex-cli-secret', DEMO_CUSTOMER_IDS.globex],
  ])('gives %s a token with the customer role and its customer_id', async (clientId, secret, customerId) => {
    const { access_token } = await clientCredentialsToken(idp.issuer, clientId, secret);
    const identity = await verifierFor(idp.issuer).verify(access_token);
    expect(identity).toMatchObject({ subject: clientId, roles: ['customer'], customerId, clientId });
  });

  it('accepts client_secret_post as well as HTTP Basic', async () => {
    const response = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'acme-cli', client_secret: 'acme-cli-secret' }),
    });
    expect(response.status).toBe(200);
    const { access_token } = (await response.json()) as { access_token: string };
    expect(await decodedPayload(access_token)).toMatchObject({ aud: 'conveyor-api', customer_id: DEMO_CUSTOMER_IDS.acme });
  });

  it.each([
    ['resource=urn:conveyor-api', { resource: 'urn:conveyor-api' }],
    ['audience=conveyor-api', { audience: 'conveyor-api' }],
  ])('gives a conveyor-api token when the client asks with %s', async (_label, extra) => {
    const { access_token } = await clientCredentialsToken(idp.issuer, 'conveyor-cli', 'conveyor-cli-secret', extra);
    expect(await decodedPayload(access_token)).toMatchObject({ aud: 'conveyor-api', roles: ['admin'] });
  });

  it.each([
    ['an unknown resource', { resource: 'urn:someone-else' }],
    ['an unknown audience', { audience: 'someone-else' }],
  ])('refuses a token for %s with invalid_target', async (_label, extra) => {
    await expect(clientCredentialsToken(idp.issuer, 'conveyor-cli', 'conveyor-cli-secret', extra)).rejects.toThrow(/HTTP 400 invalid_target/);
  });

  it('refuses a wrong client secret', async () => {
    await expect(clientCredentialsToken(idp.issuer, 'conveyor-cli', 'not-the-secret')).rejects.toThrow(/HTTP 401 invalid_client/);
  });

  it('refuses the client-credentials grant to the console client', async () => {
    const response = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: TEST_CONSOLE_CLIENT_ID }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
  });
});

describe('development identity provider: console sign-in (authorization code + PKCE)', () => {
  const signIn = (email: string, password = 'demo', parameters?: Record<string, string>) =>
    signInWithPassword({ issuer: idp.issuer, clientId: TEST_CONSOLE_CLIENT_ID, redirectUri: idp.consoleRedirectUri, email, password, parameters });

  it('signs admin@demo.test in and yields a verifiable API token with email, name and the admin role', async () => {
    const tokens = await signIn('admin@demo.test');

    expect(await decodedPayload(tokens.id_token ?? '')).toMatchObject({ aud: TEST_CONSOLE_CLIENT_ID, sub: 'admin@demo.test', email: 'admin@demo.test', name: 'Avery Admin' });
    expect(await decodedPayload(tokens.access_token)).toMatchObject({ iss: idp.issuer, aud: 'conveyor-api', sub: 'admin@demo.test', client_id: TEST_CONSOLE_CLIENT_ID });
    const identity = await verifierFor(idp.issuer).verify(tokens.access_token);
    expect(identity).toEqual({
      subject: 'admin@demo.test',
      email: 'admin@demo.test',
      name: 'Avery Admin',
      roles: ['admin'],
      customerId: null,
      clientId: TEST_CONSOLE_CLIENT_ID,
      expiresAt: expect.any(Date),
    });
  });

  it.each([
    ['owner@acme.test', 'Olive Owner', DEMO_CUSTOMER_IDS.acme],
    ['staff@globex.test', 'Sam Staff', DEMO_CUSTOMER_IDS.globex],
  ])('signs the customer user %s in with the customer role and customer_id', async (email, name, customerId) => {
    const tokens = await signIn(email);
    const identity = await verifierFor(idp.issuer).verify(tokens.access_token);
    expect(identity).toMatchObject({ subject: email, email, name, roles: ['customer'], customerId });
  });

  it.each([
    ['resource=urn:conveyor-api', { resource: 'urn:conveyor-api' }],
    ['audience=conveyor-api', { audience: 'conveyor-api' }],
  ])('also gives a conveyor-api token when the console asks with %s', async (_label, parameters) => {
    const tokens = await signIn('admin@demo.test', 'demo', parameters);
    expect(await decodedPayload(tokens.access_token)).toMatchObject({ aud: 'conveyor-api', email: 'admin@demo.test' });
  });

  it('gives a refresh token for offline_access (with prompt=consent) that renews the API token', async () => {
    const tokens = await signInWithPassword({
      issuer: idp.issuer, clientId: TEST_CONSOLE_CLIENT_ID, redirectUri: idp.consoleRedirectUri, email: 'owner@acme.test', password: 'demo',
      scope: 'openid email profile offline_access', parameters: { prompt: 'consent' },
    });
    expect(tokens.refresh_token).toEqual(expect.any(String));

    const renewed = await refreshTokens(idp.issuer, TEST_CONSOLE_CLIENT_ID, tokens.refresh_token ?? '');
    expect(renewed.access_token).not.toBe(tokens.access_token);
    const identity = await verifierFor(idp.issuer).verify(renewed.access_token);
    expect(identity).toMatchObject({ subject: 'owner@acme.test', email: 'owner@acme.test', roles: ['customer'], customerId: DEMO_CUSTOMER_IDS.acme });
  });

  it('serves an accessible login page with labelled fields, a Sign in button and the demo logins', async () => {
    const { page } = await openLoginPage();
    expect(page.status).toBe(200);
    expect(page.url).toMatch(new RegExp(`^${idp.issuer}/interaction/`));
    expect(page.html).toMatch(/<label for="email">Email<\/label>\s*<input id="email"/);
    expect(page.html).toMatch(/<label for="password">Password<\/label>\s*<input id="password"[^>]*type="password"/);
    expect(page.html).toMatch(/<button type="submit">Sign in<\/button>/);
    expect(page.html).toContain('admin@demo.test');
    expect(page.html).toContain('owner@acme.test');
    expect(page.html).toContain('staff@globex.test');
    expect(page.html).not.toMatch(/<(link|script)[^>]+(href|src)=/);
  });

  it('shows "Wrong email or password" and issues no code when the password is wrong', async () => {
    const { jar, page } = await openLoginPage();
    const result = await submitLogin(jar, page, 'admin@demo.test', 'not-demo', idp.consoleRedirectUri);

    expect(result.redirectedTo).toBeUndefined();
    expect(result.status).toBe(401);
    expect(result.html).toContain('Wrong email or password');
    expect(result.html).toContain('role="alert"');
    expect(result.html).toContain('value="admin@demo.test"');
  });

  it('shows the same error for an unknown email', async () => {
    const { jar, page } = await openLoginPage();
    const result = await submitLogin(jar, page, 'nobody@demo.test', 'demo', idp.consoleRedirectUri);
    expect(result.redirectedTo).toBeUndefined();
    expect(result.html).toContain('Wrong email or password');
  });

  it('signs in with the right password after a wrong one on the same page', async () => {
    const { jar, page } = await openLoginPage();
    const failed = await submitLogin(jar, page, 'admin@demo.test', 'wrong', idp.consoleRedirectUri);
    const result = await submitLogin(jar, failed, 'admin@demo.test', 'demo', idp.consoleRedirectUri);

    const callback = new URL(result.redirectedTo ?? 'http://missing/');
    expect(callback.searchParams.get('code')).toEqual(expect.any(String));
    expect(callback.searchParams.get('state')).toBe('state-1');
  });

  it.each([
    ['an unknown audience', { audience: 'someone-else' }],
    ['an unknown resource', { resource: 'urn:someone-else' }],
  ])('sends the console back with invalid_target when it asks for %s', async (_label, parameters) => {
    const { page } = await openLoginPage(parameters);
    const callback = new URL(page.redirectedTo ?? 'http://missing/');
    expect(callback.searchParams.get('error')).toBe('invalid_target');
  });

  it('refuses an authorization request without PKCE', async () => {
    const { page } = await openLoginPage({ code_challenge: '', code_challenge_method: '' });
    const callback = new URL(page.redirectedTo ?? 'http://missing/');
    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('code')).toBeNull();
  });

  it('refuses a redirect URI that is not registered, without redirecting to it', async () => {
    const { page } = await openLoginPage({ redirect_uri: 'http://evil.example/callback' });
    expect(page.redirectedTo).toBeUndefined();
    expect(page.status).toBe(400);
    expect(page.html).toContain('redirect_uri');
  });
});

describe('development identity provider: sign-out (RP-initiated logout)', () => {
  it('ends the session and returns to the post-logout URI, so the next sign-in asks for a password again', async () => {
    const { jar, page } = await openLoginPage();
    const signedIn = await submitLogin(jar, page, 'owner@acme.test', 'demo', idp.consoleRedirectUri);
    expect(signedIn.redirectedTo).toContain('code=');

    // While signed in, a new authorization request goes straight back with a code
    const again = await follow(jar, `${idp.issuer}/auth?${new URLSearchParams({
      client_id: TEST_CONSOLE_CLIENT_ID, response_type: 'code', redirect_uri: idp.consoleRedirectUri, scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256',
    })}`, idp.consoleRedirectUri);
    expect(again.redirectedTo).toContain('code=');

    const logoutPage = await follow(jar, `${idp.issuer}/session/end?${new URLSearchParams({
      client_id: TEST_CONSOLE_CLIENT_ID, post_logout_redirect_uri: idp.consolePostLogoutRedirectUri, state: 'bye',
    })}`, idp.consolePostLogoutRedirectUri);
    expect(logoutPage.status).toBe(200);
    expect(logoutPage.html).toContain('Sign out');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(logoutPage.html)?.[1];
    expect(xsrf).toEqual(expect.any(String));

    const loggedOut = await follow(jar, loginFormAction(logoutPage), idp.consolePostLogoutRedirectUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf ?? '', logout: 'yes' }),
    });
    expect(loggedOut.redirectedTo).toBe(`${idp.consolePostLogoutRedirectUri}?state=bye`);

    const afterLogout = await openLoginPageWith(jar);
    expect(afterLogout.redirectedTo).toBeUndefined();
    expect(afterLogout.html).toContain('Sign in');
  });
});

function openLoginPageWith(jar: CookieJar) {
  const query = new URLSearchParams({
    client_id: TEST_CONSOLE_CLIENT_ID, response_type: 'code', redirect_uri: idp.consoleRedirectUri, scope: 'openid',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256',
  });
  return follow(jar, `${idp.issuer}/auth?${query}`, idp.consoleRedirectUri);
}

describe('development identity provider: restarts', () => {
  it('keeps verifying tokens issued before a restart with the same keys file', async () => {
    const server = await startDevIdentityTestServer();
    try {
      const { access_token } = await clientCredentialsToken(server.issuer, 'conveyor-cli', 'conveyor-cli-secret');
      await server.restart();
      // a fresh verifier: nothing cached from before the restart
      const identity = await verifierFor(server.issuer).verify(access_token);
      expect(identity.roles).toEqual(['admin']);
    } finally {
      await server.close();
    }
  });

  it('no longer verifies old tokens after a restart with a new keys file', async () => {
    const server = await startDevIdentityTestServer();
    try {
      const { access_token } = await clientCredentialsToken(server.issuer, 'conveyor-cli', 'conveyor-cli-secret');
      await server.restart({ keysFile: path.join(await mkdtemp(path.join(os.tmpdir(), 'conveyor-idp-')), 'oidc-jwks.json') });
      await expect(verifierFor(server.issuer).verify(access_token)).rejects.toThrow('the token was not signed by a key of the identity provider');
    } finally {
      await server.close();
    }
  });
});
