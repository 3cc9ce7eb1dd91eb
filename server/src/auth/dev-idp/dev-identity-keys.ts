import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The development identity provider's secrets, kept on disk so that a restart keeps signing with the same
 * key (tokens issued before the restart still verify) and keeps browser sessions (same cookie keys).
 */

/** A private JWK as written by jose's `exportJWK`, plus the `kid`, `alg` and `use` the provider needs. */
export interface PrivateSigningJwk {
  kty: string;
  kid: string;
  alg: string;
  use: 'sig';
  [parameter: string]: unknown;
}

export interface DevIdentityKeys {
  jwks: { keys: PrivateSigningJwk[] };
  cookieKeys: string[];
}

/** Where the cookie keys live: next to the JWKS, named after it (`oidc-jwks.json` → `oidc-jwks.cookie-keys.json`). */
export function cookieKeysFileFor(keysFile: string): string {
  const parsed = path.parse(keysFile);
  return path.join(parsed.dir, `${parsed.name}.cookie-keys.json`);
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Could not read the identity provider's keys from ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Written to a temporary file first and renamed, so a crash never leaves half a key file; owner-only. */
async function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}

function isSigningJwks(value: unknown): value is { keys: PrivateSigningJwk[] } {
  if (typeof value !== 'object' || value === null) return false;
  const keys = (value as { keys?: unknown }).keys;
  return (
    Array.isArray(keys) &&
    keys.length > 0 &&
    keys.every((key: unknown) => typeof key === 'object' && key !== null && typeof (key as PrivateSigningJwk).kid === 'string' && typeof (key as { d?: unknown }).d === 'string')
  );
}

function isCookieKeys(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((key) => typeof key === 'string' && key.length >= 32);
}

async function generateSigningJwks(): Promise<{ keys: PrivateSigningJwk[] }> {
  const { generateKeyPair, exportJWK } = await import('jose');
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { keys: [{ ...jwk, kty: 'RSA', kid: randomUUID(), alg: 'RS256', use: 'sig' }] };
}

/**
 * Reads the JWKS from `keysFile` and the cookie keys from beside it, generating (and saving) whichever is
 * missing. A file that exists but is not what we wrote is an error rather than silently replaced: replacing
 * the signing key would invalidate every issued token without saying why.
 */
export async function loadOrCreateDevIdentityKeys(keysFile: string): Promise<DevIdentityKeys> {
  await mkdir(path.dirname(keysFile), { recursive: true, mode: 0o700 });

  const storedJwks = await readJson(keysFile);
  let jwks: { keys: PrivateSigningJwk[] };
  if (storedJwks === undefined) {
    jwks = await generateSigningJwks();
    await writeJsonAtomically(keysFile, jwks);
  } else if (isSigningJwks(storedJwks)) {
    jwks = storedJwks;
  } else {
    throw new Error(`${keysFile} is not a JWKS of private signing keys; delete it to generate a new one (issued tokens stop verifying).`);
  }

  const cookieKeysFile = cookieKeysFileFor(keysFile);
  const storedCookieKeys = await readJson(cookieKeysFile);
  let cookieKeys: string[];
  if (storedCookieKeys === undefined) {
    cookieKeys = [randomBytes(32).toString('base64url')];
    await writeJsonAtomically(cookieKeysFile, cookieKeys);
  } else if (isCookieKeys(storedCookieKeys)) {
    cookieKeys = storedCookieKeys;
  } else {
    throw new Error(`${cookieKeysFile} is not a list of cookie keys; delete it to generate new ones (browser sessions end).`);
  }

  return { jwks, cookieKeys };
}
