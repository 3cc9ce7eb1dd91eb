import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../server/src/database/embedded-postgres.js';
import { seedCartonCloudDemo } from '../../server/src/providers/cartoncloud/sandbox/cartoncloud.demo-data.js';
import { CartonCloudSandbox } from '../../server/src/providers/cartoncloud/sandbox/cartoncloud.sandbox.js';
import { UnleashedSandbox } from '../../server/src/providers/unleashed/sandbox/unleashed.sandbox.js';
import { ConveyorProcess, sleep } from './conveyor-process.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';

/**
 * The deployment the drills run against, as an operator would run it: ONE PostgreSQL, two `ROLE=api` and
 * two `ROLE=worker` processes of the built product (real child processes, `node dist/server/src/main.js`),
 * the development identity provider on the API processes (DEV_IDENTITY_PROVIDER=on with an external
 * DATABASE_URL, CONTRACT §6), and both sandboxes in the drill's own process, reached by URL, with
 * CartonCloud's create limit per API client enforced and duplicate references ALLOWED (a duplicate create
 * is counted, never absorbed).
 */
export interface ClusterOptions {
  /** creates per minute: the product's CARTONCLOUD_CREATE_RATE_PER_MINUTE and the sandbox's limit alike */
  createRatePerMinute: number;
  /** SYNC_POLL_INTERVAL */
  pollInterval: string;
  /** added to every sandbox answer */
  latencyMs?: number;
  /** which workers (0, 1) run from the start (default both) */
  workers?: number[];
  /** extra environment for every product process */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

export type Client = 'conveyor-cli' | 'acme-cli' | 'globex-cli';

export interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export class DrillCluster {
  private tokens = new Map<Client, { token: string; expiresAt: number }>();

  private constructor(
    readonly dir: string,
    readonly pg: PostgresServer,
    readonly unleashed: UnleashedSandbox,
    readonly cartonCloud: CartonCloudSandbox,
    readonly tenantId: string,
    readonly apis: ConveyorProcess[],
    readonly workers: ConveyorProcess[],
  ) {}

  static async start(options: ClusterOptions): Promise<DrillCluster> {
    const log = options.log ?? (() => undefined);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conveyor-drill-'));
    const pg = await startPostgres();
    log(`PostgreSQL ${pg.adminUrl.replace(/:[^:@/]+@/, ':***@')}`);
    const unleashed = new UnleashedSandbox({ requestLogLimit: 5_000 });
    const cartonCloud = new CartonCloudSandbox({ createRateLimit: { limit: options.createRatePerMinute, windowMs: 60_000 } });
    const credentials = seedCartonCloudDemo(cartonCloud);
    const unleashedUrl = await unleashed.listen();
    const cartonCloudUrl = await cartonCloud.listen();
    if (options.latencyMs) {
      unleashed.setFaults({ latencyMs: options.latencyMs });
      cartonCloud.setFaults({ latencyMs: options.latencyMs });
    }
    const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const publicUrl = `http://127.0.0.1:${ports[0]}`;
    const shared: Record<string, string> = {
      NODE_ENV: 'development',
      DATABASE_URL: pg.url,
      // one DATA_DIR: the development identity provider's keys (api #2 verifies api #1's tokens by its JWKS)
      DATA_DIR: path.join(dir, 'data'),
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      PUBLIC_URL: publicUrl,
      UNLEASHED_API_URL: unleashedUrl,
      CARTONCLOUD_API_URL: cartonCloudUrl,
      CARTONCLOUD_TENANT_ID: credentials.tenantId,
      CARTONCLOUD_CLIENT_ID: credentials.clientId,
      CARTONCLOUD_CLIENT_SECRET: credentials.clientSecret,
      CARTONCLOUD_CREATE_RATE_PER_MINUTE: String(options.createRatePerMinute),
      SYNC_POLL_INTERVAL: options.pollInterval,
      // webhooks stay on (deliveries race the polls: exactly once must hold across both paths), but the
      // safety-net poll is not stretched: a delivery Unleashed gave up on while a receiver was down (the
      // sandbox retries for 15 s) would otherwise wait for the hourly poll, past the drill's settle time
      UNLEASHED_WEBHOOK_POLL_INTERVAL: options.pollInterval,
      LOG_LEVEL: 'info',
      ...options.env,
    };
    const api = (i: number) =>
      new ConveyorProcess(`api #${i + 1}`, ports[i]!, { ...shared, ROLE: 'api', DEV_IDENTITY_PROVIDER: 'on', DEMO: 'true' }, path.join(dir, `api-${i + 1}.log`));
    const worker = (i: number) => new ConveyorProcess(`worker #${i + 1}`, ports[2 + i]!, { ...shared, ROLE: 'worker' }, path.join(dir, `worker-${i + 1}.log`));
    const apis = [api(0), api(1)];
    const workers = [worker(0), worker(1)];
    const cluster = new DrillCluster(dir, pg, unleashed, cartonCloud, credentials.tenantId, apis, workers);
    try {
      // api #1 first: it migrates, seeds the demo customers and writes the identity provider's keys
      await apis[0]!.start();
      await Promise.all([apis[1]!.start(), ...(options.workers ?? [0, 1]).map((i) => workers[i]!.start())]);
      log(`started: ${cluster.processes.filter((p) => p.running).map((p) => `${p.name} (pid ${p.pid})`).join(', ')}; logs in ${dir}`);
    } catch (error) {
      await cluster.close();
      throw error;
    }
    return cluster;
  }

  get processes(): ConveyorProcess[] {
    return [...this.apis, ...this.workers];
  }

  /** A client-credentials token from the development identity provider (CONTRACT §3), cached until near expiry. */
  async token(client: Client = 'conveyor-cli'): Promise<string> {
    const known = this.tokens.get(client);
    if (known && known.expiresAt > Date.now() + 120_000) return known.token;
    const response = await fetch(`${this.apis[0]!.url}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${client}:${client}-secret`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    const body = (await response.json()) as { access_token?: string; expires_in?: number; error?: string };
    if (!response.ok || !body.access_token) throw new Error(`token for ${client}: HTTP ${response.status} ${body.error ?? ''}`);
    this.tokens.set(client, { token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 300) * 1000 });
    return body.access_token;
  }

  /** GraphQL over HTTP to api #(index+1). */
  async gql<T = Record<string, unknown>>(apiIndex: number, query: string, variables: Record<string, unknown> = {}, client: Client = 'conveyor-cli'): Promise<GraphQLAnswer<T>> {
    const response = await fetch(`${this.apis[apiIndex]!.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.token(client)}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    return (await response.json()) as GraphQLAnswer<T>;
  }

  /** Like gql, but any GraphQL error fails the drill. */
  async mutate<T = Record<string, unknown>>(apiIndex: number, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const answer = await this.gql<T>(apiIndex, query, variables);
    if (answer.errors?.length || !answer.data) throw new Error(`GraphQL on api #${apiIndex + 1} failed: ${JSON.stringify(answer.errors)}`);
    return answer.data;
  }

  /** Rolls a new create rate out: CartonCloud's limit changes, and every running worker is restarted with it (SIGTERM, start). */
  async setCreateRate(perMinute: number): Promise<void> {
    this.cartonCloud.setCreateRateLimit({ limit: perMinute, windowMs: 60_000 });
    for (const worker of this.workers) {
      worker.setEnv({ CARTONCLOUD_CREATE_RATE_PER_MINUTE: String(perMinute) });
      if (worker.running) {
        await worker.terminate();
        await worker.start();
      }
    }
  }

  /** Waits until every process answers /readyz 200 by itself; resolves with how long that took. */
  async allReady(timeoutMs: number): Promise<number> {
    const started = Date.now();
    for (;;) {
      const answers = await Promise.all(this.processes.filter((p) => p.running).map((p) => p.readyz().then((r) => r.status, () => 0)));
      if (answers.every((status) => status === 200)) return Date.now() - started;
      if (Date.now() - started > timeoutMs) throw new Error(`not every process was ready ${timeoutMs / 1000} s after the fault (answers: ${answers.join(', ')})`);
      await sleep(250);
    }
  }

  /** Every defect found so far: crashes (exits we did not cause) and defect lines in the logs. */
  defects(): string[] {
    const found: string[] = [];
    for (const p of this.processes) {
      for (const exit of p.unexpectedExits) found.push(`${p.name} exited by itself (code ${exit.code}, signal ${exit.signal})`);
      found.push(...p.defects());
    }
    return found;
  }

  /** Peak RSS of the worker processes over the whole drill, MB. */
  get workerPeakRssMb(): number {
    return Math.max(...this.workers.map((w) => w.peakRssMb));
  }

  async close(keepLogs = false): Promise<void> {
    await Promise.all(this.processes.map((p) => p.terminate().catch(() => p.kill().catch(() => undefined))));
    await this.unleashed.close();
    await this.cartonCloud.close();
    await this.pg.close();
    if (!keepLogs) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
