import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { createDevIdentityProvider, type DevIdentityProvider } from '../src/auth/dev-idp/dev-identity-provider.js';

/**
 * The development identity provider on a real HTTP server (127.0.0.1, random port), mounted at `/oidc` on
 * express exactly as the product mounts it. For integration tests, here and in other domains that need
 * real tokens (see `dev-identity-test-login.ts`).
 */

export const TEST_AUDIENCE = 'conveyor-api';
export const TEST_CONSOLE_CLIENT_ID = 'conveyor-console';

export interface DevIdentityTestServer {
  issuer: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  keysFile: string;
  /** The console's registered redirect URI (nothing listens there; tests stop at the redirect). */
  consoleRedirectUri: string;
  consolePostLogoutRedirectUri: string;
  /** Stops the HTTP server and the provider, then starts both again on the same port (and keys file, unless given another). */
  restart(options?: { keysFile?: string }): Promise<void>;
  close(): Promise<void>;
}

export interface DevIdentityTestServerOptions {
  /** Default: a fresh temporary folder. Pass another server's `keysFile` to share its signing key. */
  keysFile?: string;
  accessTokenTtlSeconds?: number;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

export async function startDevIdentityTestServer(options: DevIdentityTestServerOptions = {}): Promise<DevIdentityTestServer> {
  let keysFile = options.keysFile ?? path.join(await mkdtemp(path.join(os.tmpdir(), 'conveyor-idp-')), 'keys', 'oidc-jwks.json');
  let server = createServer();
  const port = await listen(server, 0);
  const origin = `http://127.0.0.1:${port}`;
  const issuer = `${origin}/oidc`;
  const consoleRedirectUri = `${origin}/auth/callback`;
  const consolePostLogoutRedirectUri = `${origin}/signed-out`;

  const mount = async (): Promise<DevIdentityProvider> => {
    const provider = await createDevIdentityProvider({
      issuer,
      keysFile,
      audience: TEST_AUDIENCE,
      consoleClientId: TEST_CONSOLE_CLIENT_ID,
      consoleRedirectUris: [consoleRedirectUri],
      consolePostLogoutRedirectUris: [consolePostLogoutRedirectUri],
      accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    });
    const app = express();
    app.use('/oidc', provider.handler);
    server.on('request', app);
    return provider;
  };
  let provider = await mount();

  return {
    issuer,
    origin,
    consoleRedirectUri,
    consolePostLogoutRedirectUri,
    get keysFile() {
      return keysFile;
    },
    async restart(restartOptions = {}) {
      keysFile = restartOptions.keysFile ?? keysFile;
      await closeServer(server);
      await provider.close();
      server = createServer();
      await listen(server, port);
      provider = await mount();
    },
    async close() {
      await closeServer(server);
      await provider.close();
    },
  };
}
