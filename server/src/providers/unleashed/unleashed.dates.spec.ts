import {
  calendarDateToInstant,
  formatModifiedSince,
  formatUnleashedDate,
  instantToCalendarDate,
  parseUnleashedDate,
} from './unleashed.dates.js';

describe('parseUnleashedDate', () => {
  it('reads /Date(ms)/ as that UTC instant', () => {
    expect(parseUnleashedDate('/Date(1413025200000)/')?.toISOString()).toBe('2014-10-11T11:00:00.000Z');
  });

  it('ignores a +hhmm offset suffix because the milliseconds are already UTC', () => {
    expect(parseUnleashedDate('/Date(1413025200000+1300)/')?.getTime()).toBe(1413025200000);
  });

  it('reads negative milliseconds (before 1970)', () => {
    expect(parseUnleashedDate('/Date(-86400000)/')?.toISOString()).toBe('1969-12-31T00:00:00.000Z');
  });

  it('reads an ISO-8601 date-time without zone as UTC', () => {
    expect(parseUnleashedDate('2014-10-20T18:29:12.3061737')?.toISOString()).toBe('2014-10-20T18:29:12.306Z');
  });

  it.each([[null], [undefined], ['12/10/2014 8:08:10 p.m.'], ['/Date(abc)/'], [''], [42]])(
    'gives null for %j instead of throwing',
    (value) => {
      expect(parseUnleashedDate(value)).toBeNull();
    },
  );
});

describe('formatting', () => {
  it('writes modifiedSince as YYYY-MM-DDTHH:mm:ss in UTC, dropping milliseconds', () => {
    expect(formatModifiedSince(new Date('2024-04-17T23:11:05.987Z'))).toBe('2024-04-17T23:11:05');
  });

  it('writes the wire form /Date(ms)/', () => {
    expect(formatUnleashedDate(new Date(1413025200000))).toBe('/Date(1413025200000)/');
  });
});

describe('date-only values in the account time zone', () => {
  it('turns a calendar date into local midnight in Auckland during daylight saving (the recorded example)', () => {
    expect(calendarDateToInstant('2014-10-12', 'Pacific/Auckland').getTime()).toBe(1413025200000);
  });

  it('turns a calendar date into local midnight in Auckland in winter (UTC+12)', () => {
    expect(calendarDateToInstant('2025-07-01', 'Pacific/Auckland').toISOString()).toBe('2025-06-30T12:00:00.000Z');
  });

  it('handles the day daylight saving starts in Sydney', () => {
    // 2025-10-05: clocks go from 02:00 to 03:00; midnight is still +10:00
    expect(calendarDateToInstant('2025-10-05', 'Australia/Sydney').toISOString()).toBe('2025-10-04T14:00:00.000Z');
    expect(calendarDateToInstant('2025-10-06', 'Australia/Sydney').toISOString()).toBe('2025-10-05T13:00:00.000Z');
  });

  it('reads the recorded DispatchDate back as the calendar date 12 October in Auckland', () => {
    expect(instantToCalendarDate(new Date(1413025200000), 'Pacific/Auckland')).toBe('2014-10-12');
  });

  it('gives the Auckland calendar date of an evening UTC instant as the next day', () => {
    expect(instantToCalendarDate(new Date('2026-01-05T20:30:00Z'), 'Pacific/Auckland')).toBe('2026-01-06');
  });

  it('refuses something that is not a calendar date', () => {
    expect(() => calendarDateToInstant('12/10/2014', 'Pacific/Auckland')).toThrow(RangeError);
  });
});
