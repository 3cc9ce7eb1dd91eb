/**
 * Unleashed date handling (shared/reference/unleashed-api.md §2 "Dates").
 * - JSON responses carry `/Date(<ms since epoch>)/`, sometimes with a `+hhmm` suffix (tolerated; the
 *   milliseconds are already UTC), sometimes null, and in old traffic a localised string (→ null).
 * - Query-string filters take UTC `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm:ss`.
 * - Date-only fields (`DispatchDate`, line `DueDate`) hold local midnight in the account's time zone,
 *   expressed as UTC milliseconds: `calendarDateToInstant` / `instantToCalendarDate` convert.
 */

const msDatePattern = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;
const isoPattern = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** `/Date(ms)/` (optionally `/Date(ms+1300)/`), an ISO-8601 string (XML responses) or a Date → Date; anything else → null. */
export function parseUnleashedDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  const ms = msDatePattern.exec(trimmed);
  if (ms) return validDate(Number(ms[1]));
  if (isoPattern.test(trimmed)) {
    // a date-time without zone is UTC in Unleashed's conventions
    const hasZone = /T.*(Z|[+-]\d{2}:?\d{2})$/.test(trimmed);
    const withZone = trimmed.includes('T') && !hasZone ? `${trimmed}Z` : trimmed;
    return validDate(Date.parse(withZone.length === 10 ? `${withZone}T00:00:00Z` : withZone));
  }
  return null;
}

/** The wire form the API answers with: `/Date(1413025200000)/`. */
export function formatUnleashedDate(date: Date | number): string {
  return `/Date(${typeof date === 'number' ? date : date.getTime()})/`;
}

/** `modifiedSince` value: `YYYY-MM-DDTHH:mm:ss` in UTC, sub-seconds dropped (rounding down only widens the window). */
export function formatModifiedSince(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/**
 * Local midnight of `calendarDate` (`YYYY-MM-DD`) in `timeZone`, as an instant — the value Unleashed
 * keeps in a date-only field. E.g. ('2014-10-12', 'Pacific/Auckland') → 2014-10-11T11:00:00Z.
 */
export function calendarDateToInstant(calendarDate: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(calendarDate);
  if (!match) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${calendarDate}`);
  const wallClockAsUtc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // the offset at the guess can differ from the offset at the answer across a DST change: settle twice
  let instant = wallClockAsUtc - offsetMs(wallClockAsUtc, timeZone);
  instant = wallClockAsUtc - offsetMs(instant, timeZone);
  return new Date(instant);
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in `timeZone` (the inverse of `calendarDateToInstant`). */
export function instantToCalendarDate(instant: Date, timeZone: string): string {
  const parts = wallClock(instant.getTime(), timeZone);
  return `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`;
}

/** true when `timeZone` is an IANA name this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function validDate(ms: number): Date | null {
  return Number.isFinite(ms) ? new Date(ms) : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(ms: number, timeZone: string) {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const out: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(ms))) if (part.type !== 'literal') out[part.type] = Number(part.value);
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour!, minute: out.minute!, second: out.second! };
}

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `ms`. */
function offsetMs(ms: number, timeZone: string): number {
  const p = wallClock(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}
