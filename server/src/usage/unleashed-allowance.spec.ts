import { allowanceIsLow, monthBounds, monthOf, projectToMonthEnd } from './unleashed-allowance.js';

describe('the Unleashed allowance of a month', () => {
  it('counts calendar months in UTC', () => {
    expect(monthOf(new Date('2026-12-31T23:59:59Z'))).toBe('2026-12');
    expect(monthBounds(new Date('2026-02-10T05:00:00Z'))).toEqual({ start: new Date('2026-02-01T00:00:00Z'), end: new Date('2026-03-01T00:00:00Z') });
  });

  it('projects the pace so far to the month end, counting at least a day elapsed', () => {
    // 30-day month, 10 days in, 1,000 calls → 3,000
    expect(projectToMonthEnd(1_000, new Date('2026-11-11T00:00:00Z'))).toBe(3_000);
    // one hour into the month, 50 calls: as if a day had passed (50 × 30), not × 720
    expect(projectToMonthEnd(50, new Date('2026-11-01T01:00:00Z'))).toBe(1_500);
    expect(projectToMonthEnd(0, new Date('2026-11-20T00:00:00Z'))).toBe(0);
  });

  it('is low at 80 % used or with a projection above the allowance', () => {
    expect(allowanceIsLow(11_999, 14_000, 15_000)).toBe(false);
    expect(allowanceIsLow(12_000, 14_000, 15_000)).toBe(true);
    expect(allowanceIsLow(5_000, 15_001, 15_000)).toBe(true);
  });
});
