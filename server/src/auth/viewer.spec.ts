import type { VerifiedIdentity } from './identity-claims.js';
import { viewerFromIdentity } from './viewer.js';

const identity = (overrides: Partial<VerifiedIdentity>): VerifiedIdentity => ({
  subject: 'someone',
  email: null,
  name: null,
  roles: [],
  customerId: null,
  clientId: null,
  expiresAt: null,
  ...overrides,
});

describe('viewerFromIdentity', () => {
  it('makes an identity with the admin role an administrator with no customer', () => {
    const viewer = viewerFromIdentity(identity({ subject: 'admin@demo.test', email: 'admin@demo.test', name: 'Avery Admin', roles: ['admin'], clientId: 'conveyor-console' }));
    expect(viewer).toEqual({ subject: 'admin@demo.test', email: 'admin@demo.test', name: 'Avery Admin', isAdmin: true, customerId: null, clientId: 'conveyor-console' });
  });

  it('makes an identity with the customer role and a customer id a user of that customer', () => {
    const viewer = viewerFromIdentity(identity({ roles: ['customer'], customerId: 'c-1', clientId: 'acme-cli' }));
    expect(viewer).toMatchObject({ isAdmin: false, customerId: 'c-1', clientId: 'acme-cli' });
  });

  it('gives a customer role without a customer id neither admin nor a customer', () => {
    expect(viewerFromIdentity(identity({ roles: ['customer'] }))).toMatchObject({ isAdmin: false, customerId: null });
  });

  it('ignores a customer id when the identity has no customer role', () => {
    expect(viewerFromIdentity(identity({ roles: ['viewer'], customerId: 'c-1' }))).toMatchObject({ isAdmin: false, customerId: null });
  });

  it('gives an identity with no roles neither admin nor a customer', () => {
    expect(viewerFromIdentity(identity({}))).toMatchObject({ isAdmin: false, customerId: null });
  });

  it('keeps an administrator who also has a customer role unscoped', () => {
    expect(viewerFromIdentity(identity({ roles: ['customer', 'admin'], customerId: 'c-1' }))).toMatchObject({ isAdmin: true, customerId: null });
  });
});
