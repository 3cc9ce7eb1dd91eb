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
    });
  });

  it('falls back to Keycloak realm roles when there is no roles claim', () => {
    const identity = identityFromClaims({ sub: 'kc-user', realm_access: { roles: ['offline_access', 'admin'] }, azp: 'conveyor-console' });
    expect(identity.roles).toEqual(['offline_access', 'admin']);
    expect(identity.clientId).toBe('conveyor-console');
  });

  it('prefers the roles claim over Keycloak realm roles', () => {
    expect(identityFromClaims({ sub: 'x', roles: ['customer'], realm_access: { roles: ['admin'] } }).roles).toEqual(['customer']);
  });

  it('reads namespaced customer id and roles claims (Auth0 style)', () => {
    const identity = identityFromClaims({
      sub: 'auth0|123',
      'https://conveyor.example/roles': ['customer'],
      'https://conveyor.example/customer_id': 'c-9',
    });
    expect(identity.roles).toEqual(['customer']);
    expect(identity.customerId).toBe('c-9');
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
