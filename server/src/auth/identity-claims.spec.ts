import { identityFromClaims } from './identity-claims.js';

describe('identityFromClaims', () => {
  it('reads the claims of a development identity provider user token', () => {
    const identity = identityFromClaims({
      sub: 'owner@acme.test',
      email: 'owner@acme.test',
      name: 'Olive Owner',
      roles: ['customer'],
      customer_id: 'a0000000-0000-4000-8000-000000000001',
      client_id: 'conveyor-console',
    });
    expect(identity).toEqual({
      subject: 'owner@acme.test',
      email: 'owner@acme.test',
      name: 'Olive Owner',
      roles: ['customer'],
      customerId: 'a0000000-0000-4000-8000-000000000001',
      clientId: 'conveyor-console',
      expiresAt: null,
    });
  });

  it('gives a client-credentials token without email or name nulls for them', () => {
    expect(identityFromClaims({ sub: 'conveyor-cli', roles: ['admin'], client_id: 'conveyor-cli' })).toEqual({
      subject: 'conveyor-cli',
      email: null,
      name: null,
      roles: ['admin'],
      customerId: null,
      clientId: 'conveyor-cli',
      expiresAt: null,
    });
  });

  it('never takes Keycloak realm roles unless the roles claim is configured to them', () => {
    const claims = { sub: 'kc-user', realm_access: { roles: ['offline_access', 'admin'] }, azp: 'conveyor-console' };
    expect(identityFromClaims(claims).roles).toEqual([]);
    const configured = identityFromClaims(claims, { rolesClaim: 'realm_access.roles', customerIdClaim: 'customer_id' });
    expect(configured.roles).toEqual(['offline_access', 'admin']);
    expect(configured.clientId).toBe('conveyor-console');
  });

  it('reads Keycloak client roles from a dotted path with a hyphenated client id', () => {
    const claims = { sub: 'kc', resource_access: { 'conveyor-api': { roles: ['customer'] }, other: { roles: ['admin'] } }, customer_id: 'c-1' };
    expect(identityFromClaims(claims, { rolesClaim: 'resource_access.conveyor-api.roles', customerIdClaim: 'customer_id' }).roles).toEqual(['customer']);
  });

  it('ignores roles under other claims: a namespaced …/roles is foreign unless configured', () => {
    expect(identityFromClaims({ sub: 'x', 'https://other-app.example/roles': ['admin'] }).roles).toEqual([]);
    expect(identityFromClaims({ sub: 'x', 'https://other-app.example/customer_id': 'c-9' }).customerId).toBeNull();
  });

  it('reads configured namespaced customer id and roles claims (Auth0 style: the claim name contains dots)', () => {
    const identity = identityFromClaims(
      { sub: 'auth0|123', 'https://conveyor.example/roles': ['customer'], 'https://conveyor.example/customer_id': 'c-9' },
      { rolesClaim: 'https://conveyor.example/roles', customerIdClaim: 'https://conveyor.example/customer_id' },
    );
    expect(identity.roles).toEqual(['customer']);
    expect(identity.customerId).toBe('c-9');
  });

  it('keeps the expiry of the token', () => {
    expect(identityFromClaims({ sub: 'x', exp: 2_000_000_000 }).expiresAt).toEqual(new Date(2_000_000_000_000));
  });

  it('splits a space-separated roles string', () => {
    expect(identityFromClaims({ sub: 'x', roles: 'customer  admin' }).roles).toEqual(['customer', 'admin']);
  });

  it('drops role entries that are not strings and treats malformed roles as none', () => {
    expect(identityFromClaims({ sub: 'x', roles: ['admin', 7, null] }).roles).toEqual(['admin']);
    expect(identityFromClaims({ sub: 'x', roles: { admin: true } }).roles).toEqual([]);
  });

  it('ignores a customer id that is not a non-empty string', () => {
    expect(identityFromClaims({ sub: 'x', customer_id: 42 }).customerId).toBeNull();
    expect(identityFromClaims({ sub: 'x', customer_id: '' }).customerId).toBeNull();
  });

  it('refuses a payload without a subject', () => {
    expect(() => identityFromClaims({ roles: ['admin'] })).toThrow('token has no subject');
  });
});
