import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startConveyor, type Conveyor } from '../app/conveyor.js';
import type { AppServices } from '../app/services.js';
import type { Clock } from '../common/clock.js';
import { createLogger } from '../common/logger.js';
import { loadConfig } from '../config.js';
import { createEmptyTestDatabase } from './test-database.js';
import { TestIssuer } from './test-issuer.js';

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
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GraphQLResult<T>>;
  close(): Promise<void>;
}

export async function startTestConveyor(options: { env?: Record<string, string>; clock?: Clock; beforeStart?: (s: AppServices) => Promise<void> } = {}): Promise<TestConveyor> {
  const db = await createEmptyTestDatabase();
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
    ...options.env,
  });
  // logs go to a file so tests can search them (the secrets test reads it)
  // jobLockLifetimeMs: Agenda waits lockLifetime/2 after running a job; the 10-minute default kept jest alive for 5 minutes
  const logger = createLogger(config.LOG_LEVEL, fs.createWriteStream(logFile));
  const conveyor = await startConveyor({ config, logger, clock: options.clock, beforeStart: options.beforeStart, jobLockLifetimeMs: 10_000 });
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
    gql,
    close: async () => {
      await conveyor.close();
      await issuer.close();
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
