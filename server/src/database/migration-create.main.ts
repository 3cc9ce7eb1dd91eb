/**
 * `npm run migration:create`: starts a throwaway embedded PostgreSQL, applies every migration, and writes
 * the difference between the entities and that schema as a new migration in server/src/database/migrations.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { createLogger } from '../common/logger.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { ormOptions } from './orm.config.js';

async function main(): Promise<void> {
  const logger = createLogger('info');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conveyor-migration-'));
  fs.chmodSync(dir, 0o777);
  const db = await startEmbeddedPostgres(dir, logger);
  const orm = await MikroORM.init(ormOptions(db.url));
  try {
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration(path.resolve('server/src/database/migrations'), false, process.argv.includes('--initial'));
    if (!result.fileName) logger.info('no changes: the entities match the migrations');
    else logger.info({ file: result.fileName }, 'migration written: add it to server/src/database/migrations/index.ts');
  } finally {
    await orm.close();
    await db.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
