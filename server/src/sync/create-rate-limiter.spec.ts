import { isLate, maxInWindow, nextSlot, SAFETY_MARGIN, slotSpacingMs } from './create-rate-limiter.js';

describe('create rate limiter arithmetic', () => {
  it('spaces slots evenly with the safety margin: 30/minute → one every 2 s plus the margin', () => {
    expect(slotSpacingMs(30, 0)).toBe(2000);
    expect(slotSpacingMs(30)).toBeCloseTo(2000 * (1 + SAFETY_MARGIN));
    expect(slotSpacingMs(1200)).toBeCloseTo(50 * (1 + SAFETY_MARGIN));
  });

  it('never fits more creates into any window than the limit allows', () => {
    for (const rate of [1, 30, 60, 1200, 6000]) {
      const spacing = slotSpacingMs(rate);
      // creates at t, t+spacing, …: a window [t, t+60 s) holds floor(60 s / spacing) + 1 only if it is closed; ours is half-open
      expect(maxInWindow(spacing, 60_000 - 1)).toBeLessThanOrEqual(rate);
    }
  });

  it('gives a slot now when the limiter is idle and the next free slot otherwise', () => {
    expect(nextSlot(1_000, 5_000)).toBe(5_000);
    expect(nextSlot(9_000, 5_000)).toBe(9_000);
  });

  it('treats waking more than half a spacing after the slot as late', () => {
    expect(isLate(10, 50)).toBe(false);
    expect(isLate(26, 50)).toBe(true);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => slotSpacingMs(0)).toThrow(RangeError);
  });
});
