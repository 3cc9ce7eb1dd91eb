import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clientCredentialsToken } from '../../test-support/dev-identity-test-login.js';
import { startDevIdentityTestServer, TEST_AUDIENCE, type DevIdentityTestServer } from '../../test-support/dev-identity-test-server.js';
import { AuthenticationError, createTokenVerifier } from './token-verifier.js';

type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });
type SigningKey = Parameters<InstanceType<Jose['SignJWT']>['sign']>[0];

let jose: Jose;
let idp: DevIdentityTestServer;
/** The development IdP's own private signing key, so a test can change exactly one thing in a token. */
let idpKey: { key: SigningKey; kid: string };

beforeAll(async () => {
  jose = await import('jose');
  idp = await startDevIdentityTestServer();
  const { keys } = JSON.parse(await readFile(idp.keysFile, 'utf8')) as { keys: Array<Record<string, string> & { kid: string }> };
  const [jwk] = keys;
  if (!jwk) throw new Error('no key in the keys file');
  idpKey = { key: (await jose.importJWK(jwk, 'RS256')) as SigningKey, kid: jwk.kid };
});

afterAll(async () => {
  await idp.close();
});

const verifier = () => createTokenVerifier({ issuer: idp.issuer, audience: TEST_AUDIENCE, clockToleranceSeconds: 10 });
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A token as the development IdP would issue it, signed with its real key, with `changes` applied. */
async function idpToken(changes: { payload?: Record<string, unknown>; expiresAt?: number; issuer?: string; audience?: string } = {}): Promise<string> {
  return new jose.SignJWT({ roles: ['admin'], client_id: 'conveyor-cli', ...changes.payload })
    .setProtectedHeader({ alg: 'RS256', kid: idpKey.kid, typ: 'at+jwt' })
    .setIssuer(changes.issuer ?? idp.issuer)
    .setAudience(changes.audience ?? TEST_AUDIENCE)
    .setSubject('conveyor-cli')
    .setIssuedAt()
    .setExpirationTime(changes.expiresAt ?? nowSeconds() + 600)
    .sign(idpKey.key);
}

async function refusal(token: string, verify = verifier()): Promise<AuthenticationError> {
  const error = await verify.verify(token).then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AuthenticationError)) throw new Error(`expected an AuthenticationError, got ${String(error)}`);
  return error;
}

/** A second, tiny OpenID issuer: discovery and a JWKS with a key of its own; can be told to fail. */
interface TinyIssuer {
  issuer: string;
  sign(payload: Record<string, unknown>, options?: { issuer?: string; kid?: string; alg?: 'ES256' | 'RS256' }): Promise<string>;
  failNextDiscoveries: number;
  discoveryRequests: number;
  close(): Promise<void>;
}

async function startTinyIssuer(): Promise<TinyIssuer> {
  const es = await jose.generateKeyPair('ES256');
  const publicJwk = { ...(await jose.exportJWK(es.publicKey)), kid: 'tiny-es', alg: 'ES256', use: 'sig' };
  const tiny: TinyIssuer = {
    issuer: '',
    failNextDiscoveries: 0,
    discoveryRequests: 0,
    sign: (payload, options = {}) =>
      new jose.SignJWT(payload)
        .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? 'tiny-es' })
        .setIssuer(options.issuer ?? tiny.issuer)
        .setAudience(TEST_AUDIENCE)
        .setSubject('tiny-user')
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(es.privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.endsWith('/.well-known/openid-configuration')) {
      tiny.discoveryRequests += 1;
      if (tiny.failNextDiscoveries > 0) {
        tiny.failNextDiscoveries -= 1;
        res.statusCode = 503;
        return res.end('{}');
      }
      return res.end(JSON.stringify({ issuer: tiny.issuer, jwks_uri: `${tiny.issuer}/jwks` }));
    }
    if (req.url === '/jwks') return res.end(JSON.stringify({ keys: [publicJwk] }));
    res.statusCode = 404;
    return res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tiny.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return tiny;
}

describe('token verifier: accepts', () => {
  it('a token from the development IdP with one more claim it does not know', async () => {
    const identity = await verifier().verify(await idpToken({ payload: { something_else: true } }));
    expect(identity).toMatchObject({ subject: 'conveyor-cli', roles: ['admin'], clientId: 'conveyor-cli' });
  });

  it('a token that expired a moment ago, within the clock tolerance', async () => {
    await expect(verifier().verify(await idpToken({ expiresAt: nowSeconds() - 3 }))).resolves.toMatchObject({ subject: 'conveyor-cli' });
  });

  it('an ES256 token with Keycloak-style realm roles from another standard issuer, read from the configured claims only', async () => {
    const tiny = await startTinyIssuer();
    try {
      const token = await tiny.sign({ realm_access: { roles: ['customer'] }, 'https://conveyor.example/customer_id': 'c-7', azp: 'conveyor-console' });
      const claims = { rolesClaim: 'realm_access.roles', customerIdClaim: 'https://conveyor.example/customer_id' };
      const identity = await createTokenVerifier({ issuer: tiny.issuer, audience: TEST_AUDIENCE, claims }).verify(token);
      expect(identity).toEqual({ subject: 'tiny-user', email: null, name: null, roles: ['customer'], customerId: 'c-7', clientId: 'conveyor-console', expiresAt: expect.any(Date) });
      // unconfigured, a shared realm's roles and another namespace's customer id are not ours (issue 17)
      expect(await createTokenVerifier({ issuer: tiny.issuer, audience: TEST_AUDIENCE }).verify(token)).toMatchObject({ roles: [], customerId: null });
    } finally {
      await tiny.close();
    }
  });
});

describe('token verifier: refuses', () => {
  it('a token signed by another key that claims the development IdP as issuer', async () => {
    const tiny = await startTinyIssuer();
    try {
      const error = await refusal(await tiny.sign({ roles: ['admin'] }, { issuer: idp.issuer }));
      expect(error.message).toBe('the token was not signed by a key of the identity provider');
      expect(error.kind).toBe('invalid_token');
    } finally {
      await tiny.close();
    }
  });

  it("a token signed by another key that reuses the IdP key's kid", async () => {
    const tiny = await startTinyIssuer();
    try {
      // the verifier finds the IdP's RSA key by kid; an ES256 signature cannot match it
      const error = await refusal(await tiny.sign({ roles: ['admin'] }, { issuer: idp.issuer, kid: idpKey.kid }));
      expect(error.message).toBe('the token was not signed by a key of the identity provider');
    } finally {
      await tiny.close();
    }
  });

  it('a token with a forged signature', async () => {
    const [header, payload] = (await idpToken()).split('.');
    const forgedPayload = jose.base64url.encode(JSON.stringify({ ...jose.decodeJwt(`${header}.${payload}.x`), roles: ['admin', 'customer'] }));
    const error = await refusal(`${header}.${forgedPayload}.${(await idpToken()).split('.')[2]}`);
    expect(error.message).toBe("the token's signature is invalid");
  });

  it('a token signed with the right key but naming another issuer', async () => {
    const error = await refusal(await idpToken({ issuer: 'https://someone-else.example' }));
    expect(error.message).toBe('the token was issued by another identity provider');
  });

  it('a token for another audience', async () => {
    const error = await refusal(await idpToken({ audience: 'some-other-api' }));
    expect(error.message).toBe('the token is not meant for this API (audience)');
  });

  it('an expired token', async () => {
    const error = await refusal(await idpToken({ expiresAt: nowSeconds() - 600 }));
    expect(error.message).toBe('the token has expired');
  });

  it('a token without an expiry', async () => {
    const token = await new jose.SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: idpKey.kid })
      .setIssuer(idp.issuer)
      .setAudience(TEST_AUDIENCE)
      .setSubject('forever')
      .sign(idpKey.key);
    const error = await refusal(token);
    expect(error.message).toBe('the token\'s "exp" claim is missing or invalid');
  });

  it('an unsigned token (alg: none)', async () => {
    const token = new jose.UnsecuredJWT({ roles: ['admin'] }).setIssuer(idp.issuer).setAudience(TEST_AUDIENCE).setSubject('x').setExpirationTime('10m').encode();
    const error = await refusal(token);
    expect(error.message).toBe("the token's signing algorithm is not allowed");
  });

  it('a token signed with HS256 (a shared secret is not an identity)', async () => {
    const token = await new jose.SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256', kid: idpKey.kid })
      .setIssuer(idp.issuer)
      .setAudience(TEST_AUDIENCE)
      .setSubject('x')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('a-secret-anyone-could-guess-0123'));
    const error = await refusal(token);
    expect(error.message).toBe("the token's signing algorithm is not allowed");
  });

  it.each([
    ['an empty string', ''],
    ['random text', 'not a token at all'],
    ['three dots of garbage', 'abc.def.ghi'],
  ])('garbage: %s, without echoing it', async (_label, garbage) => {
    const error = await refusal(garbage);
    expect(error.message).toMatch(/malformed/);
    if (garbage) expect(error.message).not.toContain(garbage);
  });

  it('never puts the token in the reason', async () => {
    const token = await idpToken({ audience: 'some-other-api' });
    const error = await refusal(token);
    for (const part of token.split('.')) expect(error.message).not.toContain(part);
  });
});

describe('token verifier: discovery', () => {
  it('reports an issuer it cannot reach as unavailable, then recovers on a later call', async () => {
    const tiny = await startTinyIssuer();
    try {
      tiny.failNextDiscoveries = 1;
      const verify = createTokenVerifier({ issuer: tiny.issuer, audience: TEST_AUDIENCE });
      const token = await tiny.sign({ roles: ['admin'] });

      const error = await refusal(token, verify);
      expect(error.kind).toBe('issuer_unavailable');
      expect(error.message).toBe("the identity provider's discovery document answered HTTP 503");

      await expect(verify.verify(token)).resolves.toMatchObject({ subject: 'tiny-user', roles: ['admin'] });
      await verify.verify(token);
      expect(tiny.discoveryRequests).toBe(2);
    } finally {
      await tiny.close();
    }
  });

  it('tolerates a trailing slash on the issuer but refuses a discovery document that names another issuer', async () => {
    const tiny = await startTinyIssuer();
    try {
      const verify = createTokenVerifier({ issuer: `${tiny.issuer}/`, audience: TEST_AUDIENCE });
      await expect(verify.verify(await tiny.sign({}))).resolves.toMatchObject({ subject: 'tiny-user' });
      const elsewhere = createTokenVerifier({ issuer: `${tiny.issuer}/realms/other`, audience: TEST_AUDIENCE });
      const error = await refusal(await tiny.sign({}), elsewhere);
      expect(error.kind).toBe('issuer_unavailable');
      expect(error.message).toBe("the identity provider's discovery document names another issuer");
    } finally {
      await tiny.close();
    }
  });

  it('reports an issuer where nothing listens as unavailable, not as a bad token', async () => {
    const verify = createTokenVerifier({ issuer: 'http://127.0.0.1:9/oidc', audience: TEST_AUDIENCE, httpTimeoutMs: 500 });
    const error = await refusal(await clientCredentialsToken(idp.issuer, 'conveyor-cli', 'conveyor-cli-secret').then((t) => t.access_token), verify);
    expect(error.kind).toBe('issuer_unavailable');
    expect(error.message).toBe('the identity provider could not be reached');
  });
});
