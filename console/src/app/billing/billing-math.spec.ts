import type { BillingQuery } from '../graphql/generated';
import { customerTotals, mondayWeeksAgo, tomorrowUtc, weeklyTotals } from './billing-math';

const row = (periodStart: string, customer: string, amountCents: number, integrationCount = 1): BillingQuery['billingSummary'][number] => ({
  __typename: 'BillingWeekTotal',
  periodStart,
  periodEnd: periodStart,
  amountCents,
  currency: 'AUD',
  integrationCount,
  customer: { __typename: 'Customer', id: customer, name: customer },
});

describe('billing totals', () => {
  const summary = [row('2026-11-16T00:00:00.000Z', 'Globex', 1000), row('2026-11-16T00:00:00.000Z', 'Acme', 2000, 2), row('2026-11-09T00:00:00.000Z', 'Acme', 1000)];

  it('adds the customers of each week, oldest week first (the chart)', () => {
    expect(weeklyTotals(summary)).toEqual([
      { periodStart: '2026-11-09T00:00:00.000Z', amountCents: 1000, integrationCount: 1 },
      { periodStart: '2026-11-16T00:00:00.000Z', amountCents: 3000, integrationCount: 3 },
    ]);
  });

  it('adds the weeks of each customer, largest first', () => {
    expect(customerTotals(summary)).toEqual([
      { id: 'Acme', name: 'Acme', amountCents: 3000, weeks: 2 },
      { id: 'Globex', name: 'Globex', amountCents: 1000, weeks: 1 },
    ]);
  });

  it('defaults the period to whole UTC weeks ending tomorrow', () => {
    const thursday = new Date('2026-11-26T23:30:00Z');
    expect(mondayWeeksAgo(thursday, 0)).toBe('2026-11-23');
    expect(mondayWeeksAgo(thursday, 2)).toBe('2026-11-09');
    expect(mondayWeeksAgo(new Date('2026-11-23T00:00:00Z'), 0)).toBe('2026-11-23');
    expect(tomorrowUtc(thursday)).toBe('2026-11-27');
  });
});
