import type { JWTVerifyGetKey } from 'jose' with { 'resolution-mode': 'import' };
import { identityFromClaims, type ClaimMapping, type VerifiedIdentity } from './identity-claims.js';

export type { VerifiedIdentity } from './identity-claims.js';

/**
 * Verifies the API's bearer tokens against any standard OpenID Connect issuer (our development IdP,
 * Keycloak, Auth0, Entra ID): discovery → `jwks_uri` → signature, `iss`, `aud`, `exp`.
 */

/**
 * Why a token was refused. `message` is safe to show a caller and never contains the token.
 * `kind` tells a bad token (401) from an issuer we could not reach (the caller may retry).
 */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
  constructor(
    reason: string,
    readonly kind: 'invalid_token' | 'issuer_unavailable' = 'invalid_token',
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  clockToleranceSeconds?: number;
  /** Timeout of each discovery and JWKS request. */
  httpTimeoutMs?: number;
  /** Where roles and the customer id are (OIDC_ROLES_CLAIM, OIDC_CUSTOMER_ID_CLAIM). */
  claims?: ClaimMapping;
  /**
   * `at+jwt`: only access tokens typed as RFC 9068 §2.1 requires (`typ: at+jwt`), which §4 tells resource
   * servers to insist on; for issuers that type their tokens (oidc-provider, Auth0's RFC 9068 profile, Okta).
   * `any` (default): issuers that do not type them (Keycloak, Entra ID, Auth0's default profile) — still
   * every token that shows itself to be an ID token (or another kind of JWT) is refused; see assertAccessToken.
   */
  tokenType?: 'at+jwt' | 'any';
}

export interface TokenVerifier {
  verify(token: string): Promise<VerifiedIdentity>;
}

/** Asymmetric algorithms only: never `none`, never HMAC (whose "key" would be public). */
export const ALLOWED_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

interface IssuerKeys {
  issuer: string;
  keys: JWTVerifyGetKey;
}

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

/** `{issuer}/.well-known/openid-configuration`, checked to name the same issuer (OIDC Discovery §4.3). */
async function discover(issuer: string, timeoutMs: number): Promise<IssuerKeys> {
  const { createRemoteJWKSet } = await import('jose');
  const url = `${withoutTrailingSlash(issuer)}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    throw new AuthenticationError('the identity provider could not be reached', 'issuer_unavailable', { cause });
  }
  if (!response.ok) {
    throw new AuthenticationError(`the identity provider's discovery document answered HTTP ${response.status}`, 'issuer_unavailable');
  }
  const metadata = (await response.json().catch(() => null)) as { issuer?: unknown; jwks_uri?: unknown } | null;
  if (typeof metadata?.issuer !== 'string' || withoutTrailingSlash(metadata.issuer) !== withoutTrailingSlash(issuer)) {
    throw new AuthenticationError("the identity provider's discovery document names another issuer", 'issuer_unavailable');
  }
  if (typeof metadata.jwks_uri !== 'string' || !URL.canParse(metadata.jwks_uri)) {
    throw new AuthenticationError("the identity provider's discovery document has no jwks_uri", 'issuer_unavailable');
  }
  return {
    issuer: metadata.issuer,
    keys: createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: timeoutMs, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 }),
  };
}

/** A safe, specific reason for a jose failure (jose's own messages are safe too, but vary by version). */
function reasonFor(error: unknown): AuthenticationError {
  if (error instanceof AuthenticationError) return error;
  const code = (error as { code?: unknown }).code;
  const claim = (error as { claim?: unknown }).claim;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return new AuthenticationError('the token has expired', 'invalid_token', { cause: error });
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'aud') return new AuthenticationError('the token is not meant for this API (audience)', 'invalid_token', { cause: error });
      if (claim === 'iss') return new AuthenticationError('the token was issued by another identity provider', 'invalid_token', { cause: error });
      return new AuthenticationError(`the token's "${String(claim)}" claim is missing or invalid`, 'invalid_token', { cause: error });
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return new AuthenticationError("the token's signing algorithm is not allowed", 'invalid_token', { cause: error });
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return new AuthenticationError('the token was not signed by a key of the identity provider', 'invalid_token', { cause: error });
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return new AuthenticationError("the token's signature is invalid", 'invalid_token', { cause: error });
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
      return new AuthenticationError("the identity provider's signing keys could not be fetched", 'issuer_unavailable', { cause: error });
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return new AuthenticationError('the token is malformed', 'invalid_token', { cause: error });
    default:
      if (error instanceof TypeError && /subject/.test(error.message)) return new AuthenticationError('the token has no subject', 'invalid_token', { cause: error });
      // e.g. a network failure while fetching the JWKS: jose rethrows fetch's error
      return new AuthenticationError('the token could not be verified', code === undefined ? 'issuer_unavailable' : 'invalid_token', { cause: error });
  }
}

const normalizeTyp = (typ: string): string => typ.toLowerCase().replace(/^application\//, '');

/**
 * Access tokens only. An ID token is signed by the same keys, so an issuer that does not type its tokens
 * gives us the claims to tell them apart:
 * - a `typ` header other than `at+jwt` or plain `JWT` (e.g. `id_token+jwt`, `logout+jwt`, `secevent+jwt`);
 * - `at_hash`, `c_hash` or `s_hash` (OpenID Connect Core §3.1.3.6, §3.3.2.11: ID token claims only);
 * - Keycloak's own `typ` claim: `Bearer` for access tokens, `ID` for ID tokens (and `Refresh`, `Logout`…);
 * - `nonce` (OIDC Core §2: an ID token claim), except beside Keycloak's `typ: Bearer` (Keycloak before 24
 *   copied the nonce into access tokens: keycloak/keycloak#26893).
 * With `tokenType: 'at+jwt'`, the `typ` header must be `at+jwt` (RFC 9068 §4).
 */
export function assertAccessToken(headerTyp: unknown, payload: Record<string, unknown>, tokenType: 'at+jwt' | 'any'): void {
  const typ = typeof headerTyp === 'string' ? normalizeTyp(headerTyp) : null;
  if (tokenType === 'at+jwt' && typ !== 'at+jwt') {
    throw new AuthenticationError('the token is not an access token (this issuer types access tokens "at+jwt"; ID tokens are not accepted)');
  }
  if (typ !== null && typ !== 'at+jwt' && typ !== 'jwt') throw new AuthenticationError(`the token is not an access token (typ "${typ.slice(0, 40)}")`);
  if (typ === 'at+jwt') return;
  if (['at_hash', 'c_hash', 's_hash'].some((claim) => payload[claim] !== undefined)) {
    throw new AuthenticationError('the token is an ID token; send an access token for this API');
  }
  const keycloakTyp = typeof payload.typ === 'string' ? payload.typ.toLowerCase() : null;
  if (keycloakTyp !== null && keycloakTyp !== 'bearer') throw new AuthenticationError(`the token is not an access token (typ claim "${keycloakTyp.slice(0, 40)}")`);
  if (payload.nonce !== undefined && keycloakTyp !== 'bearer') throw new AuthenticationError('the token is an ID token (it carries a nonce); send an access token for this API');
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const clockTolerance = options.clockToleranceSeconds ?? 30;
  const timeoutMs = options.httpTimeoutMs ?? 5_000;
  let issuerKeys: Promise<IssuerKeys> | null = null;

  /** Discovered once and cached; a failed discovery is forgotten so the next call tries again. */
  const loadIssuerKeys = (): Promise<IssuerKeys> => {
    if (!issuerKeys) {
      issuerKeys = discover(options.issuer, timeoutMs);
      issuerKeys.catch(() => {
        issuerKeys = null;
      });
    }
    return issuerKeys;
  };

  return {
    async verify(token: string): Promise<VerifiedIdentity> {
      if (typeof token !== 'string' || token.split('.').length !== 3) {
        throw new AuthenticationError('the token is malformed (expected a signed JWT)');
      }
      try {
        const { jwtVerify } = await import('jose');
        const { issuer, keys } = await loadIssuerKeys();
        const { payload, protectedHeader } = await jwtVerify(token, keys, {
          issuer,
          audience: options.audience,
          algorithms: ALLOWED_ALGORITHMS,
          clockTolerance,
          requiredClaims: ['exp', 'sub'],
        });
        assertAccessToken(protectedHeader.typ, payload, options.tokenType ?? 'any');
        return identityFromClaims(payload, options.claims);
      } catch (error) {
        throw reasonFor(error);
      }
    },
  };
}
