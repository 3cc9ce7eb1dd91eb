export interface DayActivity {
  /** UTC calendar date, YYYY-MM-DD */
  date: string;
  /** short axis label, e.g. "27 Nov" */
  label: string;
  /** shipments that reached CartonCloud (created, dispatched, fulfilled) */
  synced: number;
  /** rejected by CartonCloud, failed or skipped */
  problems: number;
  /** still waiting to be created */
  pending: number;
}

const LABEL = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** The server's per-day counts (`Integration.activity`, oldest first) as chart days. */
export function chartDays(rows: readonly { day: string; synced: number; problems: number; pending: number }[]): DayActivity[] {
  return rows.map((row) => ({
    date: row.day,
    label: LABEL.format(new Date(`${row.day}T00:00:00Z`)),
    synced: row.synced,
    problems: row.problems,
    pending: row.pending,
  }));
}

/** A "nice" axis maximum (1, 2, 5 × 10ⁿ) at or above `value`. */
export function niceMax(value: number): number {
  if (value <= 5) return 5;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}
