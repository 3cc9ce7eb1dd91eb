import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { createLogger } from '../src/common/logger.js';
import { openDatabase } from '../src/database/database.js';

/**
 * A fresh, migrated database on the integration tier's PostgreSQL (server/test-support/global-setup.js),
 * one per test file, dropped afterwards.
 */
export interface TestDatabase {
  url: string;
  orm: MikroORM;
  drop(): Promise<void>;
}

/** An empty database (not migrated): for code that migrates it itself, like the product's start-up. */
export async function createEmptyTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: run through the jest integration project');
  const name = `conveyor_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const empty = await createEmptyTestDatabase();
  const orm = await openDatabase(empty.url, createLogger('silent'));
  return {
    url: empty.url,
    orm,
    drop: async () => {
      await orm.close(true);
      await empty.drop();
    },
  };
}
