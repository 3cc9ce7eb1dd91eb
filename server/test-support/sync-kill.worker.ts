import 'reflect-metadata';
import { createLogger } from '../src/common/logger.js';
import { openDatabase } from '../src/database/database.js';
import { startSyncHarness } from './sync-harness.js';

export interface KillWorkerInput {
  databaseUrl: string;
  unleashedUrl: string;
  cartonCloudUrl: string;
  secretKeyHex: string;
  integrationId: string;
}

/** The child process of the SIGKILL test: polls the integration over and over until killed. */
export async function main(input: KillWorkerInput): Promise<void> {
  const orm = await openDatabase(input.databaseUrl, createLogger('silent'));
  const harness = await startSyncHarness({
    databaseUrl: input.databaseUrl,
    orm,
    remote: { unleashedUrl: input.unleashedUrl, cartonCloudUrl: input.cartonCloudUrl },
    secretKey: Buffer.from(input.secretKeyHex, 'hex'),
    timeoutMs: 30_000,
  });
  process.stdout.write('ready\n');
  for (;;) {
    await harness.sync.poll(input.integrationId);
    process.stdout.write('polled\n');
  }
}
