import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger } from '../server/src/common/logger.js';
import { openDatabase } from '../server/src/database/database.js';
import { startEmbeddedPostgres } from '../server/src/database/embedded-postgres.js';
import { slotSpacingMs } from '../server/src/sync/create-rate-limiter.js';
import type { OrderSync } from '../server/src/sync/order-sync.js';
import { PRODUCTS, startSyncHarness } from '../server/test-support/sync-harness.js';

export interface SyncBenchOptions {
  /** shipments of the one large integration (default 1000) */
  bigShipments?: number;
  /** small integrations (default 20) with `smallShipments` each (default 10) */
  smallIntegrations?: number;
  smallShipments?: number;
  /** creates per second CartonCloud allows (compressed from 30/minute; default 20) */
  createsPerSecond?: number;
  /** added to every sandbox answer (default 20 ms) */
  latencyMs?: number;
  /** worker processes simulated (default 2), each running at most 4 polls at once like Agenda */
  workers?: number;
  databaseUrl?: string;
}

/**
 * Order sync at volume: one integration with a backlog of 1,000 shipments and twenty with ten each,
 * polled by two simulated worker processes (each its own OrderSync: own leases, own connections; at
 * most four polls at a time each, as Agenda runs them; the big one first, the worst case), against
 * sandboxes answering in 20 ms with CartonCloud's create limit compressed to 20 per second.
 *
 * Fair share of a small integration: with n integrations waiting when its shipments were queued,
 * round-robin gives its k-th shipment a slot within k × n slots, so all of its s shipments are done
 * within s × n × slot. The figure is the worst small integration's (last create − queued) ÷ that.
 */
export async function runSyncBench(options: SyncBenchOptions = {}): Promise<Record<string, number | string>> {
  const bigShipments = options.bigShipments ?? 1000;
  const smallIntegrations = options.smallIntegrations ?? 20;
  const smallShipments = options.smallShipments ?? 10;
  const perSecond = options.createsPerSecond ?? 20;
  const latencyMs = options.latencyMs ?? 20;
  const workerCount = options.workers ?? 2;
  const logger = createLogger('silent');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conveyor-bench-sync-'));
  const embedded = options.databaseUrl ? null : await startEmbeddedPostgres(dataDir, logger);
  const databaseUrl = options.databaseUrl ?? embedded!.url;
  const orm: MikroORM = await openDatabase(databaseUrl, logger);
  const harness = await startSyncHarness({
    databaseUrl,
    orm,
    cartonCloud: { createRateLimit: { limit: perSecond, windowMs: 1000 } },
    env: { CARTONCLOUD_CREATE_RATE_PER_MINUTE: String(perSecond * 60), SYNC_POLL_INTERVAL: '5 minutes' },
    retry: { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 2000 },
    timeoutMs: 30_000,
  });
  try {
    const big = await harness.createIntegration();
    const smalls = [];
    for (let i = 0; i < smallIntegrations; i++) smalls.push(await harness.createIntegration());
    // each account's first poll (its open orders: none yet) sets its cursor; the orders then arrive in a window
    for (const i of [big, ...smalls]) await harness.sync.poll(i.integration.id);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the orders come after the cursor's second
    for (let i = 0; i < bigShipments; i++) harness.order(big.apiId, { lines: [{ productCode: PRODUCTS[i % PRODUCTS.length]!, quantity: 1 + (i % 5) }] });
    for (const small of smalls) for (let i = 0; i < smallShipments; i++) harness.order(small.apiId);
    harness.unleashed.setFaults({ latencyMs });
    harness.cartonCloud.setFaults({ latencyMs });
    harness.cartonCloud.resetStats();

    // the big backlog's poll is first in line: the worst case for the small ones
    const jobs = [big, ...smalls].map((i) => i.integration.id);
    const workers: OrderSync[] = Array.from({ length: workerCount }, () => harness.worker({ drainBudgetMs: 10 * 60_000 }));
    const started = Date.now();
    await Promise.all(
      workers.flatMap((worker) =>
        Array.from({ length: 4 }, async () => {
          for (let id = jobs.shift(); id; id = jobs.shift()) await worker.poll(id);
        }),
      ),
    );
    const elapsedMs = Date.now() - started;

    const rows = await orm.em.fork().getConnection().execute<{ integration_id: string; queued: Date; done: Date; first_done: Date; n: string }[]>(
      `select integration_id, min(created_at) as queued, max(updated_at) as done, min(updated_at) as first_done, count(*) as n
       from synced_shipments where state = 'CREATED' group by integration_id`,
    );
    const created = rows.reduce((sum, r) => sum + Number(r.n), 0);
    const firstCreate = Math.min(...rows.map((r) => new Date(r.first_done).getTime()));
    const lastCreate = Math.max(...rows.map((r) => new Date(r.done).getTime()));
    const achievedPerSecond = (created - 1) / ((lastCreate - firstCreate) / 1000);
    const slotMs = slotSpacingMs(perSecond * 60, 0);
    let worstRatio = 0;
    let worstDelayMs = 0;
    for (const small of smalls) {
      const mine = rows.find((r) => r.integration_id === small.integration.id);
      if (!mine) continue;
      const queued = new Date(mine.queued).getTime();
      const done = new Date(mine.done).getTime();
      // fair share under round-robin: n orders × one slot per integration with work at any moment of the wait
      const waiting = rows.filter((r) => new Date(r.queued).getTime() <= done && new Date(r.done).getTime() >= queued).length;
      const delay = done - queued;
      worstDelayMs = Math.max(worstDelayMs, delay);
      worstRatio = Math.max(worstRatio, delay / (Number(mine.n) * waiting * slotMs));
    }

    // idle polls: nothing changed since the last poll (the window holds only shipments already handled)
    harness.unleashed.setFaults({ latencyMs: 0 });
    harness.unleashed.resetCounters();
    for (const i of smalls) await workers[0]!.poll(i.integration.id);
    const idleCalls = smalls.reduce((sum, i) => sum + harness.unleashedCalls(i.apiId), 0) / smalls.length;
    // the big one re-reads its 1,000 orders while they are inside the overlap window: one call per 200
    harness.unleashed.resetCounters();
    await workers[0]!.poll(big.integration.id);
    const bigRereadCalls = harness.unleashedCalls(big.apiId);

    const expected = bigShipments + smallIntegrations * smallShipments;
    const saleOrders = harness.cartonCloud.listOrders(harness.credentials.tenantId).length;
    // CartonCloud allows duplicate references (the sandbox too, by default): a double create is counted
    // from the sandbox's create log — requests per shipment, and shipments with more than one order made
    const calls = harness.createCalls();
    const ordersPerShipment = new Map<string, number>();
    for (const entry of harness.cartonCloud.createLog()) {
      if (!entry.orderId) continue;
      const key = entry.alternateReference ?? `${entry.customerId} ${entry.reference}`;
      ordersPerShipment.set(key, (ordersPerShipment.get(key) ?? 0) + 1);
    }
    const duplicates = [...ordersPerShipment.values()].reduce((sum, n) => sum + n - 1, 0);
    return {
      shipments: expected,
      'sale orders created': saleOrders,
      'create requests (from the create log)': calls.total,
      'create requests per shipment, max (1)': calls.maxPerShipment,
      'duplicates (0)': duplicates,
      'elapsed s': round(elapsedMs / 1000),
      'creates/s achieved': round(achievedPerSecond),
      'creates/s allowed': perSecond,
      'achieved ÷ allowed (≥ 0.9)': round(achievedPerSecond / perSecond),
      '429s provoked (0)': harness.cartonCloud.stats().rateLimited,
      'small integrations: worst delay s': round(worstDelayMs / 1000),
      'small integrations: worst delay ÷ fair share (≤ 5)': round(worstRatio),
      'Unleashed calls per idle poll (≤ 2)': round(idleCalls),
      'Unleashed calls re-reading 1,000 orders in the overlap window': bigRereadCalls,
    };
  } finally {
    await harness.close();
    await orm.close(true);
    await embedded?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
