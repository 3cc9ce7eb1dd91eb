import { chartDays, niceMax } from './activity';

describe('orders per day chart', () => {
  it('labels the server\'s UTC days and keeps their counts, oldest first', () => {
    const days = chartDays([
      { day: '2026-11-25', synced: 1, problems: 0, pending: 0 },
      { day: '2026-11-26', synced: 0, problems: 2, pending: 1 },
    ]);
    expect(days.map(({ date, synced, problems, pending }) => ({ date, synced, problems, pending }))).toEqual([
      { date: '2026-11-25', synced: 1, problems: 0, pending: 0 },
      { date: '2026-11-26', synced: 0, problems: 2, pending: 1 },
    ]);
    expect(days[0]!.label).toMatch(/25/);
  });

  it('rounds the axis up to 1, 2 or 5 × 10ⁿ', () => {
    expect([0, 3, 7, 12, 48, 51, 180].map(niceMax)).toEqual([5, 5, 10, 20, 50, 100, 200]);
  });
});
