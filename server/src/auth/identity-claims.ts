/**
 * Reading who a verified access token speaks for, from the claims of any standard issuer:
 * - roles: `roles` (our development IdP, Entra ID app roles, most custom setups), else a namespaced claim
 *   ending in `/roles` (Auth0 custom claims), else Keycloak's `realm_access.roles`.
 * - customer: `customer_id`, else a namespaced claim ending in `/customer_id`
 *   (e.g. `https://conveyor.example/customer_id`).
 * - client: `client_id` (RFC 9068, oidc-provider, Keycloak), else `azp` (Auth0, Entra ID v2, Keycloak),
 *   else `appid` (Entra ID v1).
 */

export interface VerifiedIdentity {
  subject: string;
  email: string | null;
  name: string | null;
  roles: string[];
  customerId: string | null;
  clientId: string | null;
}

type Claims = Record<string, unknown>;

const nonEmptyString = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** A list of role names: a JSON array of strings, or one space-separated string (some IdPs send that). */
function roleList(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.filter((role): role is string => typeof role === 'string' && role.length > 0);
  if (typeof value === 'string') return value.split(/\s+/).filter((role) => role.length > 0);
  return null;
}

/** The value of `name`, or of the first namespaced claim ending in `/name` (`https://x.example/name`). */
function claimOrNamespaced(claims: Claims, name: string): unknown {
  if (claims[name] !== undefined) return claims[name];
  const key = Object.keys(claims).find((candidate) => candidate.endsWith(`/${name}`));
  return key === undefined ? undefined : claims[key];
}

function rolesFrom(claims: Claims): string[] {
  const direct = roleList(claimOrNamespaced(claims, 'roles'));
  if (direct) return direct;
  const realmAccess = claims.realm_access;
  if (realmAccess && typeof realmAccess === 'object') {
    return roleList((realmAccess as Claims).roles) ?? [];
  }
  return [];
}

/** Identity from the payload of a token whose signature, issuer, audience and expiry were already checked. */
export function identityFromClaims(claims: Claims): VerifiedIdentity {
  const subject = nonEmptyString(claims.sub);
  if (!subject) throw new TypeError('token has no subject');
  return {
    subject,
    email: nonEmptyString(claims.email),
    name: nonEmptyString(claims.name),
    roles: rolesFrom(claims),
    customerId: nonEmptyString(claimOrNamespaced(claims, 'customer_id')),
    clientId: nonEmptyString(claims.client_id) ?? nonEmptyString(claims.azp) ?? nonEmptyString(claims.appid),
  };
}
