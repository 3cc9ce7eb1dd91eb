import { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../common/logger.js';
import { ormOptions } from './orm.config.js';

/** Any number of processes may start at once on one database: migrations run under an advisory lock. */
const MIGRATION_LOCK = 727_001;

export async function openDatabase(url: string, logger: Logger, options: { debug?: boolean } = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(
    ormOptions(url, {
      debug: options.debug ?? false,
      logger: (message) => logger.debug({ component: 'orm' }, message),
      // knex's own messages (a dropped connection, "Connection Error: …") into our log, not onto the console
      driverOptions: {
        log: {
          warn: (message: unknown) => logger.warn({ component: 'knex' }, String(message)),
          error: (message: unknown) => logger.error({ component: 'knex' }, String(message)),
          deprecate: (message: unknown) => logger.debug({ component: 'knex' }, String(message)),
          debug: (message: unknown) => logger.debug({ component: 'knex' }, String(message)),
        },
      },
    }),
  );
  const connection = orm.em.getConnection();
  const knex = connection.getKnex();
  // a dedicated connection holds the session-level lock while the migrator uses the pool
  await knex.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
    const applied = await orm.getMigrator().up();
    if (applied.length > 0) logger.info({ migrations: applied.map((m) => m.name) }, 'database migrated');
  });
  return orm;
}

export async function isDatabaseReachable(orm: MikroORM): Promise<boolean> {
  try {
    await orm.em.getConnection().execute('select 1');
    return true;
  } catch {
    return false;
  }
}
