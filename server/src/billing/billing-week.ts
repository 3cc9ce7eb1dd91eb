/**
 * Billing weeks (CONTRACT §5 "Billing"): Monday 00:00 UTC up to, not including, the next Monday 00:00 UTC.
 * Everything here is UTC arithmetic on instants, so daylight saving anywhere never moves a week.
 * Pure functions: no clock, no database.
 */
export const DAY_MS = 24 * 60 * 60 * 1000;
export const WEEK_MS = 7 * DAY_MS;

export interface BillingWeek {
  /** Monday 00:00 UTC (inclusive) */
  start: Date;
  /** the next Monday 00:00 UTC (exclusive) */
  end: Date;
}

/** A half-open interval [from, until); `until` null means "still going". */
export interface ActiveInterval {
  from: Date;
  until: Date | null;
}

/** Monday 00:00 UTC of the week containing `instant`. */
export function billingWeekStart(instant: Date): Date {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('billingWeekStart: invalid date');
  const midnight = Math.floor(t / DAY_MS) * DAY_MS; // UTC midnight of that day (the epoch is a midnight)
  const daysSinceMonday = (new Date(midnight).getUTCDay() + 6) % 7; // getUTCDay: 0 = Sunday
  return new Date(midnight - daysSinceMonday * DAY_MS);
}

/** The billing week containing `instant`. */
export function billingWeekOf(instant: Date): BillingWeek {
  return weekStartingAt(billingWeekStart(instant));
}

export function weekStartingAt(start: Date): BillingWeek {
  return { start: new Date(start.getTime()), end: new Date(start.getTime() + WEEK_MS) };
}

/** Every billing week that overlaps [from, to), oldest first. Empty when `to` is not after `from`. */
export function weeksBetween(from: Date, to: Date): BillingWeek[] {
  const weeks: BillingWeek[] = [];
  if (to.getTime() <= from.getTime()) return weeks;
  for (let start = billingWeekStart(from).getTime(); start < to.getTime(); start += WEEK_MS) {
    weeks.push(weekStartingAt(new Date(start)));
  }
  return weeks;
}

/** Whether the interval covers at least one moment of the week. An empty interval covers none. */
export function isActiveDuring(interval: ActiveInterval, week: BillingWeek): boolean {
  const from = interval.from.getTime();
  const until = interval.until === null ? Number.POSITIVE_INFINITY : interval.until.getTime();
  return from < until && from < week.end.getTime() && until > week.start.getTime();
}

/** A week is closed once its end has passed: only closed weeks are ever billed. */
export function isClosed(week: BillingWeek, now: Date): boolean {
  return week.end.getTime() <= now.getTime();
}

/**
 * The closed weeks (as of `now`) in which something active over `interval` was active at any moment,
 * oldest first. This is what one integration owes: activation mid-week bills that week, deletion
 * mid-week bills that week and none after, and a week that closed while nobody looked is still here.
 */
export function closedWeeksToBill(interval: ActiveInterval, now: Date): BillingWeek[] {
  const lastClosedEnd = billingWeekStart(now); // the end of the newest closed week
  const until = interval.until && interval.until.getTime() < lastClosedEnd.getTime() ? interval.until : lastClosedEnd;
  return weeksBetween(interval.from, until).filter((week) => isClosed(week, now) && isActiveDuring(interval, week));
}

/** `YYYY-MM-DD` of an instant, in UTC. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
