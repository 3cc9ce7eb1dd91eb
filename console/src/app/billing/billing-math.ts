import type { BillingQuery } from '../graphql/generated';

type Summary = BillingQuery['billingSummary'][number];

export interface WeekTotal {
  periodStart: string;
  amountCents: number;
  integrationCount: number;
}

/** Totals per billing week across the customers shown (oldest first, for the chart). */
export function weeklyTotals(summary: Summary[]): WeekTotal[] {
  const byWeek = new Map<string, WeekTotal>();
  for (const row of summary) {
    const week = byWeek.get(row.periodStart) ?? { periodStart: row.periodStart, amountCents: 0, integrationCount: 0 };
    week.amountCents += row.amountCents;
    week.integrationCount += row.integrationCount;
    byWeek.set(row.periodStart, week);
  }
  return [...byWeek.values()].sort((a, b) => a.periodStart.localeCompare(b.periodStart));
}

/** Totals per customer over the period, largest first. */
export function customerTotals(summary: Summary[]): { id: string; name: string; amountCents: number; weeks: number }[] {
  const byCustomer = new Map<string, { id: string; name: string; amountCents: number; weeks: number }>();
  for (const row of summary) {
    const entry = byCustomer.get(row.customer.id) ?? { id: row.customer.id, name: row.customer.name, amountCents: 0, weeks: 0 };
    entry.amountCents += row.amountCents;
    entry.weeks += 1;
    byCustomer.set(row.customer.id, entry);
  }
  return [...byCustomer.values()].sort((a, b) => b.amountCents - a.amountCents || a.name.localeCompare(b.name));
}

/** `YYYY-MM-DD` of a date input → the instant at UTC midnight (billing weeks are UTC). */
export function utcMidnight(date: string): string {
  return `${date}T00:00:00.000Z`;
}

/** The Monday (UTC) `weeks` weeks before the current week's Monday, as YYYY-MM-DD. */
export function mondayWeeksAgo(now: Date, weeks: number): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - sinceMonday - weeks * 7);
  return day.toISOString().slice(0, 10);
}

/** Tomorrow (UTC) as YYYY-MM-DD: an exclusive end that includes today. */
export function tomorrowUtc(now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  return day.toISOString().slice(0, 10);
}
