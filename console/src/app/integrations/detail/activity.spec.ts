import { activityByDay, niceMax } from './activity';

describe('orders per day chart', () => {
  it('counts synced, failed and skipped shipments per local day for the last N days, oldest first', () => {
    const now = new Date(2026, 10, 27, 15, 0);
    const at = (day: number, hour = 10) => new Date(2026, 10, day, hour).toISOString();
    const days = activityByDay(
      [
        { state: 'CREATED', createdAt: at(27) },
        { state: 'FULFILLED', createdAt: at(27, 1) },
        { state: 'REJECTED', createdAt: at(27) },
        { state: 'SKIPPED', createdAt: at(26) },
        { state: 'PENDING', createdAt: at(26) },
        { state: 'DISPATCHED', createdAt: at(25) },
        { state: 'CREATED', createdAt: at(10) }, // older than the window
      ],
      3,
      now,
    );
    expect(days.map(({ date, synced, failed, skipped }) => ({ date, synced, failed, skipped }))).toEqual([
      { date: '2026-11-25', synced: 1, failed: 0, skipped: 0 },
      { date: '2026-11-26', synced: 0, failed: 0, skipped: 1 },
      { date: '2026-11-27', synced: 2, failed: 1, skipped: 0 },
    ]);
  });

  it('rounds the axis up to 1, 2 or 5 × 10ⁿ', () => {
    expect([0, 3, 7, 12, 48, 51, 180].map(niceMax)).toEqual([5, 5, 10, 20, 50, 100, 200]);
  });
});
