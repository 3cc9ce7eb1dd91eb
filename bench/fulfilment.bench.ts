import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createLogger } from '../server/src/common/logger.js';
import { openDatabase } from '../server/src/database/database.js';
import { startEmbeddedPostgres } from '../server/src/database/embedded-postgres.js';
import { defaultRetryPolicy } from '../server/src/providers/shared/retry-policy.js';
import { startFulfilmentHarness, type SentOrder } from '../server/test-support/fulfilment-harness.js';

export interface FulfilmentBenchOptions {
  /** dispatched orders to write back (default 500) */
  orders?: number;
  /** a PostgreSQL server to use (a fresh database is created, migrated and dropped in it); default: an embedded one in a temp folder */
  databaseUrl?: string;
  /** added to every sandbox answer, both providers (default 0) */
  latencyMs?: number;
}

/**
 * Fulfilment write-back at volume: N orders created by one integration, all dispatched in CartonCloud,
 * then one fulfilment pass (timed). Reports the pass time and the provider calls per fulfilled shipment
 * (target: ≈ 2 Unleashed calls — GET + PUT, plus one shipping-company read per pass —, ≈ 1 consignment
 * lookup, the dispatched-order search paged), then a
 * second pass in which nothing changed (the watch: consignment lookups only, no Unleashed call).
 */
export async function runFulfilmentBench(options: FulfilmentBenchOptions = {}): Promise<Record<string, number | string>> {
  const orders = options.orders ?? 500;
  const logger = createLogger('silent');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conveyor-bench-fulfilment-'));
  const embedded = options.databaseUrl ? null : await startEmbeddedPostgres(dataDir, logger);
  const database = await freshDatabase(options.databaseUrl ?? embedded!.url);
  const orm = await openDatabase(database.url, logger);
  const harness = await startFulfilmentHarness({
    databaseUrl: database.url,
    orm,
    cartonCloud: { createRateLimit: false }, // setup speed only: the pass under test creates nothing
    retry: defaultRetryPolicy,
    timeoutMs: 30_000,
  });
  try {
    const { integration, apiId } = await harness.createIntegration();
    const sent: SentOrder[] = [];
    for (let i = 0; i < orders; i++) sent.push(await harness.sendOrder(integration, { quantity: 1 + (i % 5) }));
    harness.clock.advance(3_600_000);
    for (const order of sent) harness.dispatch(order, { packages: 1 + (sent.indexOf(order) % 3) });
    if (options.latencyMs) {
      harness.unleashed.setFaults({ latencyMs: options.latencyMs });
      harness.cartonCloud.setFaults({ latencyMs: options.latencyMs });
    }
    harness.cartonCloud.resetStats();
    harness.unleashed.resetCounters();

    const started = performance.now();
    const run = await harness.service.runPass(integration.id);
    const passMs = performance.now() - started;

    const cc = harness.cartonCloud.stats().calls;
    const unleashed = harness.unleashed.callCounts(apiId);
    const fulfilled = sent.filter((order) => harness.unleashed.getShipment(apiId, order.shipmentGuid).ShipmentStatus === 'Dispatched').length;
    const searchPages = cc['POST /tenants/{t}/outbound-orders/search'] ?? 0;
    const consignmentLookups = cc['POST /tenants/{t}/consignments/search'] ?? 0;
    const cartonCloudCalls = Object.entries(cc).filter(([route]) => !route.includes('/uaa/')).reduce((sum, [, n]) => sum + n, 0);

    harness.clock.advance(10 * 60_000);
    harness.cartonCloud.resetStats();
    harness.unleashed.resetCounters();
    const watchStarted = performance.now();
    await harness.service.runPass(integration.id);
    const watchPassMs = performance.now() - watchStarted;
    const watchCc = harness.cartonCloud.stats().calls;

    const per = (n: number) => (fulfilled ? Math.round((n / fulfilled) * 1000) / 1000 : 0);
    return {
      orders,
      fulfilled,
      runStatus: run?.status ?? 'none',
      passMs: Math.round(passMs),
      shipmentsPerSecond: Math.round((fulfilled / passMs) * 1000),
      unleashedCallsPerShipment: per(unleashed.callsThisMonth),
      unleashedGets: unleashed.byEndpoint['GET /SalesShipments'] ?? 0,
      unleashedPuts: unleashed.byEndpoint['PUT /SalesShipments'] ?? 0,
      // the carrier lookup: at most one read of the account's shipping companies per pass
      unleashedShippingCompanyReads: unleashed.byEndpoint['GET /ShippingCompanies'] ?? 0,
      cartonCloudCallsPerShipment: per(cartonCloudCalls),
      consignmentLookupsPerShipment: per(consignmentLookups),
      dispatchedSearchPages: searchPages,
      watchPassMs: Math.round(watchPassMs),
      watchPassConsignmentLookups: watchCc['POST /tenants/{t}/consignments/search'] ?? 0,
      watchPassUnleashedCalls: harness.unleashed.callCounts(apiId).callsThisMonth,
    };
  } finally {
    await harness.close();
    await orm.close(true);
    await database.drop();
    await embedded?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A new database on the server of `serverUrl`, dropped afterwards (the scenario leaves nothing behind). */
async function freshDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `conveyor_bench_fulfilment_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}
