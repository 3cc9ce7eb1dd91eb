import { billingWeekOf, billingWeekStart, closedWeeksToBill, isActiveDuring, isClosed, weeksBetween, utcDate } from './billing-week.js';

const d = (iso: string) => new Date(iso);
const starts = (weeks: { start: Date }[]) => weeks.map((w) => w.start.toISOString());

describe('billing weeks', () => {
  it.each([
    ['a Monday at midnight', '2026-01-05T00:00:00.000Z', '2026-01-05T00:00:00.000Z'],
    ['a Monday one millisecond after midnight', '2026-01-05T00:00:00.001Z', '2026-01-05T00:00:00.000Z'],
    ['a Wednesday afternoon', '2026-01-07T15:30:00.000Z', '2026-01-05T00:00:00.000Z'],
    ['the last millisecond of Sunday', '2026-01-11T23:59:59.999Z', '2026-01-05T00:00:00.000Z'],
    ['a Sunday across a year boundary', '2026-01-04T12:00:00.000Z', '2025-12-29T00:00:00.000Z'],
    ['29 February of a leap year', '2028-02-29T08:00:00.000Z', '2028-02-28T00:00:00.000Z'],
    ['an instant before 1970', '1969-12-31T23:00:00.000Z', '1969-12-29T00:00:00.000Z'],
  ])('puts %s in the week starting on the Monday before it (UTC)', (_label, instant, monday) => {
    expect(billingWeekStart(d(instant)).toISOString()).toBe(monday);
  });

  it('makes a week seven days long, ending at the next Monday 00:00 UTC (exclusive)', () => {
    const week = billingWeekOf(d('2026-01-07T15:30:00Z'));
    expect(week.start.toISOString()).toBe('2026-01-05T00:00:00.000Z');
    expect(week.end.toISOString()).toBe('2026-01-12T00:00:00.000Z');
  });

  it('ignores daylight saving: the week around Melbourne\'s April change and Europe\'s March change is still 7 × 24 hours', () => {
    for (const instant of ['2026-04-05T03:00:00+10:00', '2026-03-29T02:30:00+02:00']) {
      const week = billingWeekOf(d(instant));
      expect(week.start.getUTCDay()).toBe(1);
      expect(week.start.getUTCHours()).toBe(0);
      expect(week.end.getTime() - week.start.getTime()).toBe(7 * 24 * 3600 * 1000);
    }
    // An instant given with a +10:00 offset on a Monday morning is still Sunday in UTC: previous week.
    expect(billingWeekStart(d('2026-01-12T09:00:00+10:00')).toISOString()).toBe('2026-01-05T00:00:00.000Z');
  });

  it('lists every week overlapping [from, to), and none when to is not after from', () => {
    expect(starts(weeksBetween(d('2026-01-07T00:00:00Z'), d('2026-01-19T00:00:00Z')))).toEqual([
      '2026-01-05T00:00:00.000Z',
      '2026-01-12T00:00:00.000Z',
    ]);
    expect(starts(weeksBetween(d('2026-01-07T00:00:00Z'), d('2026-01-19T00:00:00.001Z')))).toHaveLength(3);
    expect(weeksBetween(d('2026-01-07T00:00:00Z'), d('2026-01-07T00:00:00Z'))).toEqual([]);
    expect(weeksBetween(d('2026-01-07T00:00:00Z'), d('2026-01-01T00:00:00Z'))).toEqual([]);
  });

  it('counts an interval as active in a week when they share at least one moment', () => {
    const week = billingWeekOf(d('2026-01-07T00:00:00Z'));
    expect(isActiveDuring({ from: d('2026-01-11T23:59:59Z'), until: null }, week)).toBe(true);
    expect(isActiveDuring({ from: d('2025-12-01T00:00:00Z'), until: d('2026-01-05T00:00:01Z') }, week)).toBe(true);
    expect(isActiveDuring({ from: d('2025-12-01T00:00:00Z'), until: d('2026-01-05T00:00:00Z') }, week)).toBe(false);
    expect(isActiveDuring({ from: d('2026-01-12T00:00:00Z'), until: null }, week)).toBe(false);
    expect(isActiveDuring({ from: d('2026-01-07T00:00:00Z'), until: d('2026-01-07T00:00:00Z') }, week)).toBe(false);
  });

  it('closes a week only once its end has passed', () => {
    const week = billingWeekOf(d('2026-01-07T00:00:00Z'));
    expect(isClosed(week, d('2026-01-11T23:59:59.999Z'))).toBe(false);
    expect(isClosed(week, d('2026-01-12T00:00:00Z'))).toBe(true);
  });

  describe('closedWeeksToBill', () => {
    it('bills the week of a mid-week activation once it has closed, and not the open week', () => {
      const interval = { from: d('2026-01-07T10:00:00Z'), until: null };
      expect(closedWeeksToBill(interval, d('2026-01-09T00:00:00Z'))).toEqual([]);
      expect(starts(closedWeeksToBill(interval, d('2026-01-13T00:00:00Z')))).toEqual(['2026-01-05T00:00:00.000Z']);
    });

    it('bills the week of a mid-week deletion and none after it', () => {
      const interval = { from: d('2026-01-07T10:00:00Z'), until: d('2026-01-14T09:00:00Z') };
      expect(starts(closedWeeksToBill(interval, d('2026-03-01T00:00:00Z')))).toEqual(['2026-01-05T00:00:00.000Z', '2026-01-12T00:00:00.000Z']);
    });

    it('does not bill the week that starts at the very instant of deletion', () => {
      const interval = { from: d('2026-01-07T10:00:00Z'), until: d('2026-01-12T00:00:00Z') };
      expect(starts(closedWeeksToBill(interval, d('2026-03-01T00:00:00Z')))).toEqual(['2026-01-05T00:00:00.000Z']);
    });

    it('catches up every closed week at once after a long gap', () => {
      const interval = { from: d('2026-01-05T00:00:00Z'), until: null };
      expect(starts(closedWeeksToBill(interval, d('2026-02-04T12:00:00Z')))).toEqual([
        '2026-01-05T00:00:00.000Z',
        '2026-01-12T00:00:00.000Z',
        '2026-01-19T00:00:00.000Z',
        '2026-01-26T00:00:00.000Z',
      ]);
    });

    it('bills nothing for an interval that is empty (activated and deleted at the same instant)', () => {
      const at = d('2026-01-07T10:00:00Z');
      expect(closedWeeksToBill({ from: at, until: at }, d('2026-03-01T00:00:00Z'))).toEqual([]);
    });
  });

  it('formats a UTC date as YYYY-MM-DD', () => {
    expect(utcDate(d('2026-01-11T23:59:59+00:00'))).toBe('2026-01-11');
    expect(utcDate(d('2026-01-12T09:00:00+10:00'))).toBe('2026-01-11');
  });
});
