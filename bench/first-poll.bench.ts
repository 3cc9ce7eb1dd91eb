import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ManualClock } from '../server/src/common/clock.js';
import { createLogger } from '../server/src/common/logger.js';
import { openDatabase } from '../server/src/database/database.js';
import { startEmbeddedPostgres } from '../server/src/database/embedded-postgres.js';
import { PRODUCTS, startSyncHarness } from '../server/test-support/sync-harness.js';

export interface FirstPollBenchOptions {
  /** completed orders in the account's history, each with its Dispatched shipment (default 50,000) */
  history?: number;
  /** open (Placed) orders, each with one Placed shipment (default 20) */
  placed?: number;
  /** added to every Unleashed answer (default 20 ms) */
  latencyMs?: number;
  databaseUrl?: string;
}

/** Live heap after a full collection (gc exposed at run time), so garbage does not count. */
function liveHeap(): number {
  v8.setFlagsFromString('--expose_gc');
  (vm.runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

const MB = 1024 * 1024;
const round = (n: number) => Math.round(n * 100) / 100;
/** A figure beside its target: "21 (target ≤ 21) PASS". */
const verdict = (value: number, target: string, ok: boolean, unit = '') => `${round(value)}${unit} (target ${target}) ${ok ? 'PASS' : 'MISS'}`;

/**
 * The first poll of a real account (issue 12 item 1): 50,000 completed orders of history and 20 Placed
 * ones. The poll must read the open orders and only their shipments: a bounded number of Unleashed calls
 * (1 page of Placed orders + 1 shipment list per Placed order = 21) whatever the history, and memory that
 * does not grow with it (live heap after full collections, sampled after every Unleashed page, against what
 * holding the history's shipments would take). Every figure is counted from the sandbox's own request log.
 */
export async function runFirstPollBench(options: FirstPollBenchOptions = {}): Promise<Record<string, number | string>> {
  const historySize = options.history ?? 50_000;
  const placed = options.placed ?? 20;
  const logger = createLogger('silent');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conveyor-bench-first-poll-'));
  const embedded = options.databaseUrl ? null : await startEmbeddedPostgres(dataDir, logger);
  const databaseUrl = options.databaseUrl ?? embedded!.url;
  const orm: MikroORM = await openDatabase(databaseUrl, logger);
  const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
  const harness = await startSyncHarness({ databaseUrl, orm, clock, sync: {}, timeoutMs: 30_000 });
  try {
    const { integration, apiId, cartonCloudCustomerId } = await harness.createIntegration();
    for (let i = 0; i < historySize; i++) {
      harness.unleashed.createOrder(apiId, {
        status: 'Completed',
        lines: [{ productCode: PRODUCTS[i % PRODUCTS.length]!, quantity: 1 + (i % 3) }],
        shipments: [{ lines: [{ lineNumber: 1, quantity: 1 + (i % 3) }], status: 'Dispatched' }],
      });
      if (i % 1_000 === 999) clock.advance(60_000); // history spread over the weeks before
    }
    clock.advance(86_400_000);
    for (let i = 0; i < placed; i++) harness.order(apiId, { lines: [{ productCode: PRODUCTS[i % PRODUCTS.length]!, quantity: 1 + i }] });
    const account = harness.unleashed.account(apiId);
    const historyJson = [...account.shipments.values()].slice(0, 1_000).reduce((sum, s) => sum + JSON.stringify(s).length, 0) * (historySize / 1_000);
    harness.unleashed.setFaults({ latencyMs: options.latencyMs ?? 20 });
    harness.unleashed.resetCounters();

    const heapBefore = liveHeap();
    const rssBefore = process.memoryUsage().rss;
    let peakHeap = 0;
    let peakRss = 0;
    let pages = 0;
    const started = Date.now();
    const run = await harness.sync.poll(integration.id, undefined, {
      afterPage: async () => {
        pages++;
        peakRss = Math.max(peakRss, process.memoryUsage().rss - rssBefore);
        if (pages % 4 === 1) peakHeap = Math.max(peakHeap, liveHeap() - heapBefore);
      },
    });
    const elapsedMs = Date.now() - started;
    peakHeap = Math.max(peakHeap, liveHeap() - heapBefore);

    const log = harness.unleashed.requestLog.filter((r) => r.apiId === apiId);
    const calls = log.length;
    const maxCalls = Math.ceil(placed / 200) + placed;
    const unboundedShipmentLists = log.filter((r) => r.path.startsWith('/SalesShipments') && !/orderNumber=/.test(r.query)).length;
    const created = harness.saleOrders(cartonCloudCustomerId).length;

    clock.advance(60_000);
    harness.unleashed.resetCounters();
    await harness.sync.poll(integration.id);
    const nextCalls = harness.unleashed.requestLog.filter((r) => r.apiId === apiId).length;

    const heapLimit = Math.max(16 * MB, 0.1 * historyJson);
    return {
      'history (completed orders)': historySize,
      'Placed orders': placed,
      'history as JSON MB': round(historyJson / MB),
      'first poll: run status': run?.status ?? 'none',
      'first poll: sale orders created': verdict(created, `= ${placed}`, created === placed),
      'first poll: Unleashed calls (request log)': verdict(calls, `≤ ⌈P/200⌉ + P = ${maxCalls}`, calls <= maxCalls),
      'reading every shipment instead (the old first poll): calls': Math.ceil((historySize + placed) / 200) + Math.ceil(placed / 200),
      'first poll: GET /SalesOrders': log.filter((r) => r.path.startsWith('/SalesOrders')).length,
      'first poll: GET /SalesShipments': log.filter((r) => r.path.startsWith('/SalesShipments')).length,
      'first poll: shipment lists not by order': verdict(unboundedShipmentLists, '= 0', unboundedShipmentLists === 0),
      'first poll: peak live heap growth MB': verdict(peakHeap / MB, `≤ ${round(heapLimit / MB)} MB`, peakHeap <= heapLimit),
      'first poll: peak RSS growth MB': round(peakRss / MB),
      'first poll: elapsed s': round(elapsedMs / 1000),
      'next poll (idle window): Unleashed calls': verdict(nextCalls, '≤ 2', nextCalls <= 2),
    };
  } finally {
    await harness.close();
    await orm.close(true);
    await embedded?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
