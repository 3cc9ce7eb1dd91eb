import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { EventBus, Topics } from '../common/event-bus.js';
import { createLogger } from '../common/logger.js';
import { createMetrics } from '../common/metrics.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import { JOB_NAMES, type JobHandlers, type JobName } from './job-registry.js';
import { JobScheduler } from './job-scheduler.js';

let db: TestDatabase;
const schedulers: JobScheduler[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  while (schedulers.length) await schedulers.pop()!.stop();
  await db.orm.em.fork().getConnection().execute('delete from agenda_jobs');
});
afterAll(async () => {
  await db.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what}`);
    await sleep(50);
  }
}

/** A processing scheduler whose `orders.poll` handler is `poll`; every other job does nothing. */
async function worker(name: string, lockLifetimeMs: number, poll: JobHandlers['orders.poll']): Promise<JobScheduler> {
  const scheduler = new JobScheduler({ databaseUrl: db.url, name, logger: createLogger('silent'), metrics: createMetrics(), processEvery: 200, lockLifetimeMs });
  schedulers.push(scheduler);
  await scheduler.connect();
  const handlers = Object.fromEntries(JOB_NAMES.map((n: JobName) => [n, async () => undefined])) as unknown as JobHandlers;
  handlers['orders.poll'] = poll;
  scheduler.define(handlers);
  await scheduler.start(60_000);
  return scheduler;
}

async function jobRow(integrationId: string) {
  const rows = await db.orm.em
    .fork()
    .getConnection()
    .execute<{ locked_at: Date | null; last_modified_by: string | null }[]>(`select locked_at, last_modified_by from agenda_jobs where name = 'orders.poll' and data->>'integrationId' = ?`, [integrationId]);
  return rows[0];
}

/** Ends every connection to the test's database but this one (what a PostgreSQL restart does to a process). */
async function terminateBackends(): Promise<number> {
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  const { rows } = await admin.query<{ n: string }>(`select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
  await admin.end();
  return Number(rows[0]?.n ?? 0);
}

describe('the job scheduler keeps jobs moving through dying workers and dropped connections', () => {
  it('renews a running job\'s lock: a job running three lock lifetimes is never taken over by another worker', async () => {
    const integrationId = randomUUID();
    const runs: string[] = [];
    const a = await worker('a', 1_500, async () => {
      runs.push('a');
      await sleep(4_500);
    });
    await worker('b', 1_500, async () => void runs.push('b'));
    await a.now('orders.poll', { integrationId });
    await until(() => runs.length > 0, 10_000, 'the job to start');
    await sleep(5_000);
    expect(runs).toEqual(['a']);
    await until(async () => (await jobRow(integrationId))?.locked_at === null, 5_000, 'the finished job to be unlocked');
  }, 30_000);

  it('takes over the jobs of a worker killed with SIGKILL once their lock lifetime has passed, not before', async () => {
    const lockLifetimeMs = 3_000;
    const integrationId = randomUUID();
    const child = spawn(process.execPath, [path.join(__dirname, '../../test-support/scheduler-worker.child.cjs'), JSON.stringify({ databaseUrl: db.url, lockLifetimeMs })], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await until(() => output.includes('ready'), 30_000, `the doomed worker to start: ${output}`);
      const takenOver: number[] = [];
      const setup = new JobScheduler({ databaseUrl: db.url, name: 'setup', logger: createLogger('silent'), metrics: createMetrics() });
      schedulers.push(setup);
      await setup.connect();
      await setup.now('orders.poll', { integrationId });
      await until(() => output.includes(`started ${integrationId}`), 20_000, 'the doomed worker to start the job');
      await worker('survivor', lockLifetimeMs, async ({ integrationId: id }) => void (id === integrationId && takenOver.push(Date.now())));
      await sleep(2 * lockLifetimeMs); // the doomed worker lives and renews the lock: nobody else runs the job
      expect(takenOver).toEqual([]);
      const killedAt = Date.now();
      child.kill('SIGKILL');
      await exited;
      await until(() => takenOver.length > 0, 4 * lockLifetimeMs, 'the job to be taken over');
      const after = takenOver[0]! - killedAt;
      expect(after).toBeGreaterThan(lockLifetimeMs / 3); // the last heartbeat still counted…
      expect(after).toBeLessThan(lockLifetimeMs + 2_000); // …and not a second longer than a lifetime (+ polling)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);

  it('drain(): takes no job from the moment it is called, saves the running job\'s outcome before resolving, and hands a cut-short poll to another worker', async () => {
    const integrationId = randomUUID();
    const late = randomUUID();
    const started: string[] = [];
    let release!: () => void;
    const a = await worker('draining', 60_000, async ({ integrationId: id }) => {
      started.push(id);
      if (id === integrationId) await new Promise<void>((resolve) => (release = resolve));
    });
    await a.now('orders.poll', { integrationId });
    await until(() => started.includes(integrationId), 10_000, 'the poll to start');
    const draining = a.drain(10_000);
    await a.now('orders.poll', { integrationId: late }); // due now, while it drains: not for this worker
    await sleep(1_000);
    expect(started).toEqual([integrationId]);
    release();
    expect(await draining).toEqual({ abandoned: 0 });
    expect((await jobRow(integrationId))?.locked_at).toBeNull();
    const handedOn = await db.orm.em
      .fork()
      .getConnection()
      .execute<{ n: string }[]>(`select count(*) as n from agenda_jobs where name = 'orders.poll' and data->>'integrationId' = ? and locked_at is null and next_run_at is not null`, [integrationId]);
    expect(Number(handedOn[0]!.n)).toBe(1);
  }, 30_000);

  it('shutdownBegun(): a poll that ends before drain() is reached (the sync stopped claiming first) is handed on too', async () => {
    const integrationId = randomUUID();
    let release!: () => void;
    const a = await worker('stopping-first', 60_000, async () => new Promise<void>((resolve) => (release = resolve)));
    const since = new Date(Date.now() - 1_000);
    await a.now('orders.poll', { integrationId });
    await until(() => a.runningCount === 1, 10_000, 'the poll to start');
    a.shutdownBegun();
    release(); // the poll saw the order sync stop and ended
    await until(() => a.runningCount === 0, 10_000, 'the poll to end');
    expect(await a.drain(5_000)).toEqual({ abandoned: 0 });
    const handedOn = await db.orm.em
      .fork()
      .getConnection()
      .execute<{ n: string }[]>(
        `select count(*) as n from agenda_jobs where name = 'orders.poll' and data->>'integrationId' = ? and repeat_interval is null and locked_at is null and next_run_at is not null and created_at >= ?`,
        [integrationId, since],
      );
    expect(Number(handedOn[0]!.n)).toBe(1);
  }, 30_000);

  it('drain(): abandons what is still running after the soft period, and says so', async () => {
    const a = await worker('stuck', 5_000, async () => new Promise<void>(() => undefined));
    let abandoned = false;
    await a.now('orders.poll', { integrationId: randomUUID() });
    await until(() => a.runningCount === 1, 10_000, 'the poll to start');
    const result = await a.drain(300, () => void (abandoned = true), 300);
    expect(abandoned).toBe(true);
    expect(result).toEqual({ abandoned: 1 });
  }, 30_000);

  it('survives PostgreSQL dropping every connection (no unhandled error), and runs the next job', async () => {
    const ran: string[] = [];
    const a = await worker('resilient', 5_000, async ({ integrationId }) => void ran.push(integrationId));
    const first = randomUUID();
    await a.now('orders.poll', { integrationId: first });
    await until(() => ran.includes(first), 10_000, 'the first job');
    expect(await terminateBackends()).toBeGreaterThan(0);
    await sleep(1_500);
    const second = randomUUID();
    await until(
      async () => {
        try {
          await a.now('orders.poll', { integrationId: second });
          return true;
        } catch {
          return false;
        }
      },
      10_000,
      'scheduling to work again',
    );
    await until(() => ran.includes(second), 15_000, 'the job after the connections dropped');
    expect(await a.isReachable()).toBe(true);
  }, 40_000);
});

describe('the event bus listens again by itself after PostgreSQL drops its connection', () => {
  it('reconnects with backoff and delivers the events published afterwards', async () => {
    const bus = new EventBus(db.url, createLogger('silent'));
    await bus.start();
    try {
      const events = bus.pubSub.subscribe(Topics.INTEGRATION_UPDATED);
      expect(bus.listening).toBe(true);
      await terminateBackends();
      await until(() => !bus.listening, 5_000, 'the listener to notice');
      await until(() => bus.listening, 15_000, 'the listener to come back');
      await bus.publish(Topics.INTEGRATION_UPDATED, { integrationId: 'i-1', customerId: 'c-1' });
      expect((await events.next()).value).toEqual({ integrationId: 'i-1', customerId: 'c-1' });
      await events.return!();
    } finally {
      await bus.close();
    }
  }, 30_000);
});
