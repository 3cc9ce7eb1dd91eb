import { createLogger } from '../src/common/logger.js';
import { createMetrics } from '../src/common/metrics.js';
import { JOB_NAMES, type JobHandlers } from '../src/jobs/job-registry.js';
import { JobScheduler } from '../src/jobs/job-scheduler.js';

/** The child process of the scheduler's takeover test: runs `orders.poll` jobs that never end, until killed. */
export async function main(input: { databaseUrl: string; lockLifetimeMs: number }): Promise<void> {
  const scheduler = new JobScheduler({
    databaseUrl: input.databaseUrl,
    name: `doomed-${process.pid}`,
    logger: createLogger('silent'),
    metrics: createMetrics(),
    processEvery: 200,
    lockLifetimeMs: input.lockLifetimeMs,
  });
  await scheduler.connect();
  const handlers = Object.fromEntries(JOB_NAMES.map((name) => [name, async () => undefined])) as unknown as JobHandlers;
  handlers['orders.poll'] = async ({ integrationId }) => {
    process.stdout.write(`started ${integrationId}\n`);
    await new Promise(() => undefined); // works until the process dies
  };
  scheduler.define(handlers);
  await scheduler.start(60_000);
  process.stdout.write('ready\n');
}
