import type { JWTVerifyGetKey } from 'jose' with { 'resolution-mode': 'import' };
import { identityFromClaims, type VerifiedIdentity } from './identity-claims.js';

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
        const { payload } = await jwtVerify(token, keys, {
          issuer,
          audience: options.audience,
          algorithms: ALLOWED_ALGORITHMS,
          clockTolerance,
          requiredClaims: ['exp', 'sub'],
        });
        return identityFromClaims(payload);
      } catch (error) {
        throw reasonFor(error);
      }
    },
  };
}
