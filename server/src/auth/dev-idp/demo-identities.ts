import { createHash, timingSafeEqual } from 'node:crypto';
import { DEMO_CUSTOMER_IDS } from '../../seed/demo-ids.js';

/**
 * The people and API clients of the development identity provider (CONTRACT §3). They exist only in
 * `npm start` and the tests: a real deployment points `OIDC_ISSUER` at its own identity provider.
 */

/** Claims every token of a demo identity carries (the `roles`/`customer_id` of CONTRACT §3). */
export interface DemoRoleClaims {
  roles: string[];
  customerId: string | null;
}

export interface DemoAccount extends DemoRoleClaims {
  /** Also the account's `sub`: stable across restarts, readable in logs. */
  email: string;
  name: string;
}

export interface DemoApiClient extends DemoRoleClaims {
  clientId: string;
  clientSecret: string;
  /** Shown in the client's metadata; the tokens' `sub` is the client id. */
  description: string;
}

export const DEMO_PASSWORD = 'demo';

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@demo.test', name: 'Avery Admin', roles: ['admin'], customerId: null },
  { email: 'owner@acme.test', name: 'Olive Owner', roles: ['customer'], customerId: DEMO_CUSTOMER_IDS.acme },
  { email: 'staff@globex.test', name: 'Sam Staff', roles: ['customer'], customerId: DEMO_CUSTOMER_IDS.globex },
];

export const DEMO_API_CLIENTS: readonly DemoApiClient[] = [
  { clientId: 'conveyor-cli', clientSecret: 'conveyor-cli-secret', description: 'Conveyor CLI (3PL administrator)', roles: ['admin'], customerId: null },
  { clientId: 'acme-cli', clientSecret: 'acme-cli-secret', description: 'Acme Outdoor API client', roles: ['customer'], customerId: DEMO_CUSTOMER_IDS.acme },
  { clientId: 'globex-cli', clientSecret: 'globex-cli-secret', description: 'Globex Foods API client', roles: ['customer'], customerId: DEMO_CUSTOMER_IDS.globex },
];

export function findDemoAccount(email: string): DemoAccount | undefined {
  const wanted = email.trim().toLowerCase();
  return DEMO_ACCOUNTS.find((account) => account.email === wanted);
}

export function findDemoApiClient(clientId: string): DemoApiClient | undefined {
  return DEMO_API_CLIENTS.find((client) => client.clientId === clientId);
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
const DEMO_PASSWORD_DIGEST = digest(DEMO_PASSWORD);

/**
 * The account whose email and password match, or undefined. The password is compared in constant time
 * (fixed-length digests), and an unknown email costs the same comparison, so timing tells nothing.
 */
export function authenticateDemoAccount(email: string, password: string): DemoAccount | undefined {
  const account = findDemoAccount(email);
  const passwordMatches = timingSafeEqual(digest(password), DEMO_PASSWORD_DIGEST);
  return account && passwordMatches ? account : undefined;
}

/** The role claims a token carries: `roles` always, `customer_id` only for a customer identity. */
export function roleClaims(identity: DemoRoleClaims): { roles: string[]; customer_id?: string } {
  return identity.customerId ? { roles: [...identity.roles], customer_id: identity.customerId } : { roles: [...identity.roles] };
}
