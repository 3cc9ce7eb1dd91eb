import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real OpenID issuer for integration tests: discovery + JWKS over HTTP, RS256 tokens with whatever
 * claims a test needs. The API verifies them exactly as it would any production issuer's.
 */
export class TestIssuer {
  private server: http.Server | null = null;
  private privateKey: unknown;
  private jwks: unknown;
  url = '';

  async start(): Promise<this> {
    const { generateKeyPair, exportJWK } = await import('jose');
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    this.privateKey = privateKey;
    this.jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' }] };
    this.server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') {
        res.end(JSON.stringify({ issuer: this.url, jwks_uri: `${this.url}/jwks`, token_endpoint: `${this.url}/token`, authorization_endpoint: `${this.url}/auth` }));
      } else if (req.url === '/jwks') {
        res.end(JSON.stringify(this.jwks));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** `header`: extra protected header parameters, e.g. `{ typ: 'at+jwt' }` (none by default, like Keycloak's and Entra ID's). */
  async token(claims: Record<string, unknown>, options: { audience?: string; expiresIn?: string | number; issuer?: string; header?: Record<string, string> } = {}): Promise<string> {
    const { SignJWT } = await import('jose');
    return new SignJWT(claims)
      .setProtectedHeader({ ...options.header, alg: 'RS256', kid: 'test-key' })
      .setIssuer(options.issuer ?? this.url)
      .setAudience(options.audience ?? 'conveyor-api')
      .setSubject(String(claims.sub ?? 'test-user'))
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(this.privateKey as CryptoKey);
  }

  admin(subject = 'admin-user'): Promise<string> {
    return this.token({ sub: subject, email: `${subject}@demo.test`, roles: ['admin'] });
  }

  customerUser(customerId: string, subject = `user-of-${customerId.slice(0, 8)}`): Promise<string> {
    return this.token({ sub: subject, email: `${subject}@customer.test`, roles: ['customer'], customer_id: customerId });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
