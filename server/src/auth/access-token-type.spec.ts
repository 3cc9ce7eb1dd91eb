import { assertAccessToken, AuthenticationError } from './token-verifier.js';

const refusal = (typ: unknown, payload: Record<string, unknown>, mode: 'at+jwt' | 'any' = 'any'): string | null => {
  try {
    assertAccessToken(typ, payload, mode);
    return null;
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw error;
    return error.message;
  }
};

describe('access tokens only (ID tokens refused)', () => {
  it.each([
    ['an RFC 9068 access token (typ at+jwt)', 'at+jwt', { sub: 'x' }],
    ['the media-type form application/at+jwt', 'application/at+jwt', { sub: 'x' }],
    ['an untyped access token (Entra ID, Auth0 default)', 'JWT', { sub: 'x', scp: 'access' }],
    ['a token without typ', undefined, { sub: 'x' }],
    ['a Keycloak access token (typ claim Bearer), even with the nonce old Keycloak copied into it', 'JWT', { sub: 'x', typ: 'Bearer', nonce: 'n' }],
  ])('accepts %s', (_label, typ, payload) => {
    expect(refusal(typ, payload)).toBeNull();
  });

  it.each([
    ['an ID token with at_hash', 'JWT', { sub: 'x', at_hash: 'h' }],
    ['an ID token with a nonce', undefined, { sub: 'x', nonce: 'n' }],
    ['a Keycloak ID token (typ claim ID)', 'JWT', { sub: 'x', typ: 'ID' }],
    ['a Keycloak refresh token', 'JWT', { sub: 'x', typ: 'Refresh' }],
    ['another kind of JWT (logout token)', 'logout+jwt', { sub: 'x' }],
  ])('refuses %s', (_label, typ, payload) => {
    expect(refusal(typ, payload)).toMatch(/not an access token|ID token/);
  });

  it('insists on typ at+jwt for an issuer that types its access tokens (RFC 9068 §4)', () => {
    expect(refusal('at+jwt', { sub: 'x' }, 'at+jwt')).toBeNull();
    expect(refusal('JWT', { sub: 'x' }, 'at+jwt')).toMatch(/not an access token/);
    expect(refusal(undefined, { sub: 'x' }, 'at+jwt')).toMatch(/not an access token/);
  });
});
