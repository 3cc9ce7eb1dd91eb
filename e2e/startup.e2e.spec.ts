import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * The product as `npm start` runs it (issue 2): bad configuration stops it with one clear message; a
 * client-credentials token from the development identity provider works against the API; SIGTERM stops
 * everything (no PostgreSQL left behind); a second start reuses the data.
 */
const ROOT = path.resolve(__dirname, '..');
const MAIN = path.join(ROOT, 'dist', 'server', 'src', 'main.js');

function run(env: Record<string, string>): { code: number | null; output: string } {
  try {
    const output = execFileSync(process.execPath, [MAIN], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    return { code: 0, output };
  } catch (error) {
    const e = error as { status: number | null; stdout: string; stderr: string };
    return { code: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startProduct(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  // a first start runs initdb and every migration: slow on a loaded 2-core machine, so the bound is generous
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited early: ${output}`);
    try {
      if ((await fetch(`http://localhost:${port}/readyz`)).status === 200) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`not ready within 120 s: ${output}`);
}

async function stopProduct(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

function postgresProcessesFor(dataDir: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return ps.split('\n').filter((line) => line.includes('postgres') && line.includes(dataDir));
}

async function adminToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/oidc/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('conveyor-cli:conveyor-cli-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function gql(baseUrl: string, query: string, token?: string) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };
}

describe('starting and stopping the product', () => {
  it('refuses a malformed DATABASE_URL with one message naming it', () => {
    const result = run({ DATABASE_URL: 'mysql://nope' });
    expect(result.code).toBe(78);
    expect(result.output).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
  });

  it('refuses production without ENCRYPTION_KEY, naming it', () => {
    const result = run({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@127.0.0.1:1/x', OIDC_ISSUER: 'https://id.example.com', CARTONCLOUD_TENANT_ID: '6c3a1e47-2f0e-4c43-9e7e-8f9a0b1c2d3e', CARTONCLOUD_CLIENT_ID: 'c', CARTONCLOUD_CLIENT_SECRET: 's' });
    expect(result.code).toBe(78);
    expect(result.output).toContain('ENCRYPTION_KEY: required when NODE_ENV=production');
  });

  it('never runs the development identity provider by accident: an external database needs OIDC_ISSUER or DEV_IDENTITY_PROVIDER=on', () => {
    const result = run({ DATABASE_URL: 'postgres://u:p@127.0.0.1:1/x', DEV_IDENTITY_PROVIDER: 'auto', OIDC_ISSUER: '' });
    expect(result.code).toBe(78);
    expect(result.output).toContain('OIDC_ISSUER: required with an external DATABASE_URL (or DEV_IDENTITY_PROVIDER=on');
    expect(result.output).not.toContain('p@127.0.0.1');
  });

  it('refuses DEV_IDENTITY_PROVIDER=on in production, naming it', () => {
    const result = run({ NODE_ENV: 'production', DEV_IDENTITY_PROVIDER: 'on', DATABASE_URL: 'postgres://u:p@127.0.0.1:1/x', ENCRYPTION_KEY: 'ab'.repeat(32), CARTONCLOUD_TENANT_ID: '6c3a1e47-2f0e-4c43-9e7e-8f9a0b1c2d3e', CARTONCLOUD_CLIENT_ID: 'c', CARTONCLOUD_CLIENT_SECRET: 's' });
    expect(result.code).toBe(78);
    expect(result.output).toContain('DEV_IDENTITY_PROVIDER: the development identity provider never runs when NODE_ENV=production');
  });

  it('answers viewer.isAdmin for a conveyor-cli token and UNAUTHENTICATED without one', async () => {
    const baseUrl = process.env.E2E_BASE_URL!;
    const token = await adminToken(baseUrl);
    expect((await gql(baseUrl, '{ viewer { isAdmin } }', token)).data).toEqual({ viewer: { isAdmin: true } });
    expect((await gql(baseUrl, '{ viewer { isAdmin } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('stops cleanly on SIGTERM and reuses its data on the next start', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conveyor-restart-'));
    fs.chmodSync(dataDir, 0o755);
    try {
      const port = await freePort();
      const baseUrl = `http://localhost:${port}`;
      let child = await startProduct(dataDir, port);
      const token = await adminToken(baseUrl);
      const created = await gql(baseUrl, 'mutation { createWarehouse(input: { name: "Perth DC", cartonCloudWarehouseId: "5e0c1d2a-0000-4000-8000-00000000f00d" }) { id } }', token);
      expect(created.errors).toBeUndefined();
      expect(await stopProduct(child)).toBe(0);
      expect(postgresProcessesFor(dataDir)).toEqual([]);

      child = await startProduct(dataDir, port);
      // the signing key was kept too: the token from the first run still works
      const warehouses = await gql(baseUrl, '{ warehouses { name } }', token);
      expect((warehouses.data!.warehouses as { name: string }[]).map((w) => w.name)).toContain('Perth DC');
      expect(await stopProduct(child)).toBe(0);
      expect(postgresProcessesFor(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);

  it('stops everything when `npm start` itself gets SIGTERM (no orphaned server or PostgreSQL)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conveyor-npm-start-'));
    fs.chmodSync(dataDir, 0o755);
    const port = await freePort();
    const npm = spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, stdio: 'ignore' });
    try {
      const deadline = Date.now() + 180_000;
      let ready = false;
      while (!ready && Date.now() < deadline) {
        if (npm.exitCode !== null) throw new Error(`npm start exited early with ${npm.exitCode}`);
        ready = await fetch(`http://localhost:${port}/readyz`).then((r) => r.status === 200, () => false);
        if (!ready) await new Promise((r) => setTimeout(r, 500));
      }
      expect(ready).toBe(true);
      expect(postgresProcessesFor(dataDir)).toHaveLength(1);
      await stopProduct(npm);
      const gone = Date.now() + 20_000;
      while (Date.now() < gone && (postgresProcessesFor(dataDir).length > 0 || (await fetch(`http://localhost:${port}/healthz`).then(() => true, () => false)))) {
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(postgresProcessesFor(dataDir)).toEqual([]);
      expect(await fetch(`http://localhost:${port}/healthz`).then(() => 'still answering', () => 'stopped')).toBe('stopped');
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
