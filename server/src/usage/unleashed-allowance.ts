/**
 * Pure: the Unleashed allowance of a calendar month (UTC — it renews at 00:00 UTC on the 1st), the
 * projection of this month's calls to its end, and when the allowance is "low".
 */
export const LOW_SHARE = 0.8;
const DAY_MS = 86_400_000;

/** `YYYY-MM` (UTC) */
export const monthOf = (now: Date) => now.toISOString().slice(0, 7);

export function monthBounds(now: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start, end };
}

/**
 * Calls at this pace until the month ends: calls × month length / time elapsed, the elapsed time counted as
 * at least a day (the first hours of a month would otherwise project any first poll to thousands).
 */
export function projectToMonthEnd(calls: number, now: Date): number {
  const { start, end } = monthBounds(now);
  const elapsed = Math.max(DAY_MS, now.getTime() - start.getTime());
  return Math.round((calls * (end.getTime() - start.getTime())) / Math.min(elapsed, end.getTime() - start.getTime()));
}

/** QUOTA_LOW: 80 % of the allowance used, or the projection above it. */
export function allowanceIsLow(calls: number, projected: number, allowance: number): boolean {
  return calls >= LOW_SHARE * allowance || projected > allowance;
}
