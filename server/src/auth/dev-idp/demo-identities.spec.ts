import { DEMO_CUSTOMER_IDS } from '../../seed/demo-ids.js';
import { authenticateDemoAccount, findDemoApiClient, roleClaims } from './demo-identities.js';

describe('demo identities', () => {
  it('signs in each contract account with the password demo', () => {
    expect(authenticateDemoAccount('admin@demo.test', 'demo')).toMatchObject({ name: 'Avery Admin', roles: ['admin'], customerId: null });
    expect(authenticateDemoAccount('owner@acme.test', 'demo')).toMatchObject({ name: 'Olive Owner', roles: ['customer'], customerId: DEMO_CUSTOMER_IDS.acme });
    expect(authenticateDemoAccount('staff@globex.test', 'demo')).toMatchObject({ name: 'Sam Staff', roles: ['customer'], customerId: DEMO_CUSTOMER_IDS.globex });
  });

  it('ignores case and surrounding spaces in the email', () => {
    expect(authenticateDemoAccount('  Admin@Demo.TEST ', 'demo')?.email).toBe('admin@demo.test');
  });

  it.each([
    ['a wrong password', 'admin@demo.test', 'Demo'],
    ['an empty password', 'admin@demo.test', ''],
    ['a longer password starting with the right one', 'admin@demo.test', 'demo '],
    ['an unknown email', 'nobody@demo.test', 'demo'],
  ])('refuses %s', (_label, email, password) => {
    expect(authenticateDemoAccount(email, password)).toBeUndefined();
  });

  it('gives customer API clients their customer id and the admin client none', () => {
    expect(roleClaims(findDemoApiClient('acme-cli')!)).toEqual({ roles: ['customer'], customer_id: DEMO_CUSTOMER_IDS.acme });
    expect(roleClaims(findDemoApiClient('globex-cli')!)).toEqual({ roles: ['customer'], customer_id: DEMO_CUSTOMER_IDS.globex });
    expect(roleClaims(findDemoApiClient('conveyor-cli')!)).toEqual({ roles: ['admin'] });
  });
});
