import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startConveyor, type Conveyor } from '../src/app/conveyor.js';
import type { AppServices } from '../src/app/services.js';
import type { Clock } from '../src/common/clock.js';
import type { Topic } from '../src/common/event-bus.js';
import { createLogger } from '../src/common/logger.js';
import { loadConfig } from '../src/config.js';
import { createEmptyTestDatabase } from './test-database.js';
import { TestIssuer } from './test-issuer.js';
import { seedCartonCloudDemo } from '../src/providers/cartoncloud/sandbox/cartoncloud.demo-data.js';
import { CartonCloudSandbox, type CartonCloudSandboxOptions } from '../src/providers/cartoncloud/sandbox/cartoncloud.sandbox.js';
import type { ProviderEndpoints } from '../src/providers/provider-factory.js';
import { UnleashedSandbox, type UnleashedSandboxOptions } from '../src/providers/unleashed/sandbox/unleashed.sandbox.js';

export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string; [k: string]: unknown } }[];
  status: number;
}

/**
 * The real product for an integration test: its own migrated database, the HTTP API on a free port,
 * a TestIssuer for tokens; GraphQL goes over real HTTP.
 */
export interface TestConveyor {
  conveyor: Conveyor;
  services: AppServices;
  issuer: TestIssuer;
  url: string;
  databaseUrl: string;
  /** the sandboxes the product talks to (the CartonCloud one seeded with the demo tenant) */
  unleashed: UnleashedSandbox;
  cartonCloud: CartonCloudSandbox;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GraphQLResult<T>>;
  close(): Promise<void>;
}

export interface TestConveyorOptions {
  env?: Record<string, string>;
  clock?: Clock;
  beforeStart?: (s: AppServices) => Promise<void>;
  unleashedOptions?: Partial<UnleashedSandboxOptions>;
  cartonCloudOptions?: CartonCloudSandboxOptions;
}

export async function startTestConveyor(options: TestConveyorOptions = {}): Promise<TestConveyor> {
  const db = await createEmptyTestDatabase();
  const unleashed = new UnleashedSandbox(options.unleashedOptions);
  await unleashed.listen();
  const cartonCloud = new CartonCloudSandbox(options.cartonCloudOptions);
  await cartonCloud.listen();
  const cc = seedCartonCloudDemo(cartonCloud);
  const providers: ProviderEndpoints = {
    unleashedBaseUrl: unleashed.baseUrl,
    cartonCloud: { baseUrl: cartonCloud.url, tenantId: cc.tenantId, clientId: cc.clientId, clientSecret: cc.clientSecret },
  };
  const issuer = await new TestIssuer().start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conveyor-test-'));
  const logFile = path.join(dataDir, 'conveyor.log');
  const config = loadConfig({
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    OIDC_ISSUER: issuer.url,
    LOG_LEVEL: 'info',
    SYNC_POLL_INTERVAL: '1 hour',
    // webhooks are opted into by the tests about them (webhooks/*.int.spec.ts)
    UNLEASHED_WEBHOOKS: 'off',
    ...options.env,
  });
  // logs go to a file so tests can search them (the secrets test reads it)
  // jobLockLifetimeMs: Agenda waits lockLifetime/2 after running a job; the 10-minute default kept jest alive for 5 minutes
  // ...and unexpected errors also to stderr, so a failing test shows why (the file takes every level LOG_LEVEL lets through)
  const logger = createLogger(config.LOG_LEVEL, pino.multistream([{ level: 'trace', stream: fs.createWriteStream(logFile) }, { level: 'error', stream: process.stderr }]));
  const conveyor = await startConveyor({ config, logger, clock: options.clock, beforeStart: options.beforeStart, jobLockLifetimeMs: 10_000, providers });
  const gql = async <T,>(query: string, variables: Record<string, unknown> = {}, token: string | null = null): Promise<GraphQLResult<T>> => {
    const response = await fetch(`${conveyor.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResult<T>;
    return { ...body, status: response.status };
  };
  return {
    conveyor,
    services: conveyor.services,
    issuer,
    url: conveyor.url,
    databaseUrl: db.url,
    unleashed,
    cartonCloud,
    gql,
    close: async () => {
      await conveyor.close();
      await issuer.close();
      await unleashed.close();
      await cartonCloud.close();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The log lines written so far (JSON per line). */
export function readLogs(test: TestConveyor): string {
  const file = path.join(test.services.config.dataDir, 'conveyor.log');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** The log once it holds a line matching `pattern` (the logger writes asynchronously), or as it is after `timeoutMs`. */
export async function logsOnceThey(test: TestConveyor, pattern: RegExp, timeoutMs = 5_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let logs = readLogs(test);
  while (!pattern.test(logs) && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    logs = readLogs(test);
  }
  return logs;
}

/**
 * Waits until the product has registered `added` more subscribers of `topic` than it had when this was
 * called — the moment a graphql-ws subscription can no longer miss an event, instead of a fixed sleep.
 * Call it before subscribing: `const subscribed = subscribersAdded(t, topic); …subscribe…; await subscribed(3)`.
 */
export function subscribersAdded(t: Pick<TestConveyor, 'services'>, topic: Topic): (added: number, timeoutMs?: number) => Promise<void> {
  const before = subscriberCount(t, topic);
  return (added, timeoutMs) => subscribersReach(t, topic, before + added, timeoutMs);
}

/** The product's subscribers of `topic` right now. */
export function subscriberCount(t: Pick<TestConveyor, 'services'>, topic: Topic): number {
  return t.services.eventBus.pubSub.subscriberCount(topic);
}

/** Waits until the product has at least `count` subscribers of `topic` (or exactly, with `exactly`: e.g. a closed socket's are gone). */
export async function subscribersReach(t: Pick<TestConveyor, 'services'>, topic: Topic, count: number, timeoutMs = 15_000, exactly = false): Promise<void> {
  const end = Date.now() + timeoutMs;
  const reached = () => (exactly ? subscriberCount(t, topic) === count : subscriberCount(t, topic) >= count);
  while (!reached()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${exactly ? 'exactly ' : ''}${count} subscriber(s) of ${topic} (have ${subscriberCount(t, topic)})`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
