import type { VerifiedIdentity } from './identity-claims.js';

/**
 * Who is asking, as the API's access rules see it (CONTRACT §3):
 * - `isAdmin`: a 3PL administrator (`roles` contains `admin`); sees every customer. `customerId` is null.
 * - `customerId` set: a customer user or customer-scoped API client (`roles` contains `customer` and a
 *   `customer_id` is present); sees only that customer.
 * - neither: authenticated but with no usable role; the API refuses everything except `viewer`.
 */
export interface Viewer {
  subject: string;
  email: string | null;
  name: string | null;
  isAdmin: boolean;
  customerId: string | null;
  /** The OAuth client the token was issued to (`client_id`/`azp`), e.g. `conveyor-console`, `acme-cli`. */
  clientId: string | null;
}

export function viewerFromIdentity(identity: VerifiedIdentity): Viewer {
  const isAdmin = identity.roles.includes('admin');
  const isCustomer = !isAdmin && identity.roles.includes('customer') && identity.customerId !== null;
  return {
    subject: identity.subject,
    email: identity.email,
    name: identity.name,
    isAdmin,
    customerId: isCustomer ? identity.customerId : null,
    clientId: identity.clientId,
  };
}
