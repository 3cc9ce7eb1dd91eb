import 'reflect-metadata';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { entities } from './entities.js';
import { migrationsList } from './migrations/index.js';

export function ormOptions(clientUrl: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    forceUtcTimezone: true,
    discovery: { disableDynamicFileAccess: true },
    pool: { min: 0, max: 10 },
    // Agenda owns its table (created by a migration, see Migration20261127092000_jobs_and_constraints)
    schemaGenerator: { skipTables: ['agenda_jobs'] },
    migrations: {
      migrationsList,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      pathTs: 'server/src/database/migrations',
      path: 'server/src/database/migrations',
      emit: 'ts',
    },
    ...overrides,
  });
}
