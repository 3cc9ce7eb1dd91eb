/**
 * Reading who a verified access token speaks for, from the claims of any standard issuer:
 * - roles: from the configured claim only (OIDC_ROLES_CLAIM, default `roles`: our development IdP, Entra ID
 *   app roles; `https://conveyor.example/roles` for an Auth0 Action; `resource_access.conveyor-api.roles`
 *   or `realm_access.roles` for Keycloak). Never "any claim ending in /roles" and never a shared realm's
 *   roles unless configured: an `admin` role meant for another application must not make a 3PL admin here.
 * - customer: from the configured claim only (OIDC_CUSTOMER_ID_CLAIM, default `customer_id`).
 * - client: `client_id` (RFC 9068, oidc-provider, Keycloak), else `azp` (Auth0, Entra ID v2, Keycloak),
 *   else `appid` (Entra ID v1).
 * A claim path is looked up as one claim name first (namespaced claims contain dots), then as a dotted path.
 */

export interface VerifiedIdentity {
  subject: string;
  email: string | null;
  name: string | null;
  roles: string[];
  customerId: string | null;
  clientId: string | null;
  /** `exp`: when the token stops being valid (a WebSocket is closed then) */
  expiresAt: Date | null;
}

export interface ClaimMapping {
  rolesClaim: string;
  customerIdClaim: string;
}

export const defaultClaimMapping: ClaimMapping = { rolesClaim: 'roles', customerIdClaim: 'customer_id' };

type Claims = Record<string, unknown>;

const nonEmptyString = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** A list of role names: a JSON array of strings, or one space-separated string (some IdPs send that). */
function roleList(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.filter((role): role is string => typeof role === 'string' && role.length > 0);
  if (typeof value === 'string') return value.split(/\s+/).filter((role) => role.length > 0);
  return null;
}

/** The claim named `path` (`https://x.example/roles`), else the dotted path (`realm_access.roles`). */
export function claimAt(claims: Claims, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let current: unknown = claims;
  for (const step of path.split('.')) {
    if (!current || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, step)) return undefined;
    current = (current as Claims)[step];
  }
  return current;
}

/** Identity from the payload of a token whose signature, issuer, audience and expiry were already checked. */
export function identityFromClaims(claims: Claims, mapping: ClaimMapping = defaultClaimMapping): VerifiedIdentity {
  const subject = nonEmptyString(claims.sub);
  if (!subject) throw new TypeError('token has no subject');
  return {
    subject,
    email: nonEmptyString(claims.email),
    name: nonEmptyString(claims.name),
    roles: roleList(claimAt(claims, mapping.rolesClaim)) ?? [],
    customerId: nonEmptyString(claimAt(claims, mapping.customerIdClaim)),
    clientId: nonEmptyString(claims.client_id) ?? nonEmptyString(claims.azp) ?? nonEmptyString(claims.appid),
    expiresAt: typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? new Date(claims.exp * 1000) : null,
  };
}
