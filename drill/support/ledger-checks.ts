import { acceptedCreates, createsPerReference } from '../../server/test-support/cartoncloud-record.js';
import type { DrillCluster } from './cluster.js';
import { sleep } from './conveyor-process.js';
import type { Orders } from './world.js';

/** Exactly-once, counted from CartonCloud's record of accepted creates (never from our ledger). */
export interface ExactlyOnce {
  shipments: number;
  /** the most creates CartonCloud accepted for one customer reference (must be 1) */
  maxCreatesPerReference: number;
  /** references created more than once */
  duplicated: number;
  /** shipments placed in Unleashed that CartonCloud never received (must be 0) */
  lost: number;
}

export function exactlyOnce(cluster: DrillCluster, orders: Orders): ExactlyOnce {
  const counts = createsPerReference(acceptedCreates(cluster.cartonCloud, cluster.tenantId));
  let max = 0;
  let duplicated = 0;
  let lost = 0;
  for (const reference of orders.arrivals.keys()) {
    const n = counts.get(reference) ?? 0;
    if (n === 0) lost++;
    if (n > 1) duplicated++;
    max = Math.max(max, n);
  }
  return { shipments: orders.count, maxCreatesPerReference: max, duplicated, lost };
}

/** Ledger rows of the drill's shipments by state (what a person would see in the console). */
export async function ledgerStates(cluster: DrillCluster, integrationIds: readonly string[]): Promise<Record<string, number>> {
  const rows = await cluster.pg.query<{ state: string; n: string }>(
    `select state, count(*) as n from synced_shipments where integration_id = any($1::uuid[]) group by state`,
    [integrationIds],
  );
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/** FAILED rows with why, for the report. */
export async function failedRows(cluster: DrillCluster, integrationIds: readonly string[]): Promise<string[]> {
  const rows = await cluster.pg.query<{ customer_reference: string; last_error: string | null }>(
    `select customer_reference, last_error from synced_shipments where integration_id = any($1::uuid[]) and state in ('FAILED', 'REJECTED')`,
    [integrationIds],
  );
  return rows.map((r) => `${r.customer_reference}: ${r.last_error ?? ''}`);
}

/**
 * Waits until CartonCloud holds every shipment and the ledger has nothing left to create (no PENDING or
 * CLAIMED row): the sync has settled. Resolves with the seconds it took, or null at the deadline.
 */
export async function settle(cluster: DrillCluster, orders: Orders, integrationIds: readonly string[], timeoutMs: number, log: (line: string) => void): Promise<number | null> {
  const started = Date.now();
  let lastReport = 0;
  for (;;) {
    const once = exactlyOnce(cluster, orders);
    let open = Number.NaN;
    try {
      const states = await ledgerStates(cluster, integrationIds);
      open = (states.PENDING ?? 0) + (states.CLAIMED ?? 0);
    } catch {
      // the database is restarting: ask again
    }
    if (once.lost === 0 && open === 0) return Math.round((Date.now() - started) / 100) / 10;
    if (Date.now() - started > timeoutMs) return null;
    if (Date.now() - lastReport > 15_000) {
      lastReport = Date.now();
      log(`  … waiting: ${once.shipments - once.lost}/${once.shipments} in CartonCloud, ${Number.isNaN(open) ? '?' : open} still open in the ledger`);
    }
    await sleep(500);
  }
}

/**
 * CLAIMED rows whose lease nobody holds: a worker that stopped "cleanly" but left a claim behind (a
 * SIGTERM must hand every unsent claim back). Checked by trying each row's advisory lock.
 */
export async function unheldClaims(cluster: DrillCluster): Promise<number> {
  const rows = await cluster.pg.query<{ free: boolean }>(
    `select pg_try_advisory_xact_lock(hashtextextended(id::text, 7)) as free from synced_shipments where state = 'CLAIMED'`,
  );
  return rows.filter((r) => r.free).length;
}
