import { billingCsv, csvCell, formatAmount, UTF8_BOM } from './billing-csv.js';

describe('billing CSV', () => {
  it.each([
    ['plain text', 'Acme Outdoor', '"Acme Outdoor"'],
    ['a quote inside', 'Shop "North"', '"Shop ""North"""'],
    ['a comma and a line break', 'a,b\nc', '"a,b\nc"'],
    ['a formula', '=HYPERLINK("http://evil","x")', '"\'=HYPERLINK(""http://evil"",""x"")"'],
    ['a leading plus', '+61 3 9000', '"\'+61 3 9000"'],
    ['a leading minus', '-2+3', '"\'-2+3"'],
    ['a leading at sign', '@SUM(A1)', '"\'@SUM(A1)"'],
    ['a leading tab', '\t=1', '"\'\t=1"'],
    ['an equals sign later on', 'a=b', '"a=b"'],
    ['empty', '', '""'],
  ])('quotes and escapes %s', (_label, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each([
    [1000, '10.00'],
    [1250, '12.50'],
    [5, '0.05'],
    [0, '0.00'],
    [123456, '1234.56'],
  ])('writes %i cents as %s', (cents, text) => {
    expect(formatAmount(cents)).toBe(text);
  });

  it('starts with a BOM and a header, ends rows with CRLF, and shows a week as Monday to Sunday', () => {
    const csv = billingCsv([
      {
        periodStart: new Date('2026-01-05T00:00:00Z'),
        periodEnd: new Date('2026-01-12T00:00:00Z'),
        customerName: 'Acme Outdoor',
        cartonCloudCustomerId: 'c1',
        integrationName: 'Main store',
        integrationId: 'i1',
        amountCents: 1000,
        currency: 'AUD',
      },
    ]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      '"Week start","Week end","Customer","CartonCloud customer id","Integration","Integration id","Amount","Currency"',
      '"2026-01-05","2026-01-11","Acme Outdoor","c1","Main store","i1","10.00","AUD"',
      '',
    ]);
  });

  it('writes only the header for no lines', () => {
    expect(billingCsv([])).toBe(`${UTF8_BOM}"Week start","Week end","Customer","CartonCloud customer id","Integration","Integration id","Amount","Currency"\r\n`);
  });
});
