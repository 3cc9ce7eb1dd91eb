import type { CartonCloudSandbox } from '../src/providers/cartoncloud/sandbox/cartoncloud.sandbox.js';

/**
 * CartonCloud's own record of the sale-order creates it accepted — what the drills and benchmarks count
 * exactly-once and rates from, never our ledger: the sandbox's create log (every create request it read,
 * with its answer; a lost answer is still an accepted create), keeping the accepted ones (201, 228).
 * Duplicate references are allowed by default in the sandbox, so a second create is counted, not absorbed.
 */
export interface AcceptedCreate {
  reference: string;
  cartonCloudCustomerId: string;
  /** when CartonCloud accepted it (epoch ms, the sandbox's clock) */
  at: number;
}

export function acceptedCreates(sandbox: CartonCloudSandbox, tenantId: string): AcceptedCreate[] {
  return sandbox
    .createLog()
    .filter((entry) => entry.tenantId === tenantId && entry.orderId !== null && entry.reference !== null)
    .map((entry) => ({ reference: entry.reference!, cartonCloudCustomerId: entry.customerId ?? '', at: Date.parse(entry.at) }))
    .sort((a, b) => a.at - b.at);
}

/** Creates per customer reference (and customer): 1 for every shipment when exactly-once holds. */
export function createsPerReference(creates: readonly AcceptedCreate[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of creates) {
    const key = `${c.cartonCloudCustomerId} ${c.reference}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Makes CartonCloud accept a second order with a reference it already holds, so a duplicate is counted, not absorbed. */
export function allowDuplicates(sandbox: CartonCloudSandbox, tenantId: string, cartonCloudCustomerId: string): void {
  sandbox.setCustomerSettings(tenantId, cartonCloudCustomerId, { duplicateReferences: 'allow' });
}

/** The most creates in any window of `windowMs` (the sliding-window count CartonCloud's limit applies to). */
export function maxInAnyWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
