import type { SyncedShipmentState } from '../../graphql/generated';

export interface DayActivity {
  /** local calendar date, YYYY-MM-DD */
  date: string;
  /** short axis label, e.g. "27 Nov" */
  label: string;
  /** shipments that reached CartonCloud (created, dispatched, fulfilled) */
  synced: number;
  /** rejected by CartonCloud or failed */
  failed: number;
  /** skipped (no warehouse) */
  skipped: number;
}

const SYNCED: SyncedShipmentState[] = ['CREATED', 'DISPATCHED', 'FULFILLED'];
const FAILED: SyncedShipmentState[] = ['REJECTED', 'FAILED'];

function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const LABEL = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** Shipments per local day for the last `days` days (oldest first), by when each was first seen. */
export function activityByDay(shipments: { state: SyncedShipmentState; createdAt: string }[], days: number, now: Date): DayActivity[] {
  const result: DayActivity[] = [];
  const index = new Map<string, DayActivity>();
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() - i);
    const entry = { date: localDate(day), label: LABEL.format(day), synced: 0, failed: 0, skipped: 0 };
    result.push(entry);
    index.set(entry.date, entry);
  }
  for (const shipment of shipments) {
    const entry = index.get(localDate(new Date(shipment.createdAt)));
    if (!entry) continue;
    if (SYNCED.includes(shipment.state)) entry.synced += 1;
    else if (FAILED.includes(shipment.state)) entry.failed += 1;
    else if (shipment.state === 'SKIPPED') entry.skipped += 1;
  }
  return result;
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
