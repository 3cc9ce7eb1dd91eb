import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cookieKeysFileFor, loadOrCreateDevIdentityKeys } from './dev-identity-keys.js';

const tempKeysFile = async () => path.join(await mkdtemp(path.join(os.tmpdir(), 'conveyor-keys-spec-')), 'nested', 'oidc-jwks.json');

describe('development identity provider keys', () => {
  it('creates the folder, an RS256 private signing key and cookie keys on first start', async () => {
    const keysFile = await tempKeysFile();
    const keys = await loadOrCreateDevIdentityKeys(keysFile);

    expect(keys.jwks.keys).toHaveLength(1);
    expect(keys.jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String), d: expect.any(String) });
    expect(keys.cookieKeys).toHaveLength(1);
    expect(JSON.parse(await readFile(keysFile, 'utf8'))).toEqual(keys.jwks);
    expect(JSON.parse(await readFile(cookieKeysFileFor(keysFile), 'utf8'))).toEqual(keys.cookieKeys);
    expect((await stat(keysFile)).mode & 0o077).toBe(0);
  });

  it('returns the same keys on the next start', async () => {
    const keysFile = await tempKeysFile();
    const first = await loadOrCreateDevIdentityKeys(keysFile);
    const second = await loadOrCreateDevIdentityKeys(keysFile);
    expect(second).toEqual(first);
  });

  it('refuses a keys file that is not a private JWKS instead of replacing it', async () => {
    const keysFile = await tempKeysFile();
    await loadOrCreateDevIdentityKeys(keysFile);
    await writeFile(keysFile, JSON.stringify({ keys: [{ kty: 'RSA', kid: 'public-only', n: 'x', e: 'AQAB' }] }));
    await expect(loadOrCreateDevIdentityKeys(keysFile)).rejects.toThrow(/is not a JWKS of private signing keys/);
  });

  it('names the cookie keys file after the keys file, in the same folder', () => {
    expect(cookieKeysFileFor('/data/keys/oidc-jwks.json')).toBe('/data/keys/oidc-jwks.cookie-keys.json');
  });
});
