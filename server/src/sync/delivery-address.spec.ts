import { countryRef, stateRef } from './delivery-address.js';

describe('delivery address: the key CartonCloud looks each value up by', () => {
  it.each([
    ['a 2-letter code', 'AU', { iso2Code: 'AU' }],
    ['a 2-letter code in lower case, spaced', '  nz ', { iso2Code: 'NZ' }],
    ['UK, which is not ISO', 'UK', { iso2Code: 'GB' }],
    ['a 3-letter code', 'AUS', { iso3Code: 'AUS' }],
    ['USA (3 letters)', 'USA', { iso3Code: 'USA' }],
    ['a country name', 'Australia', { iso2Code: 'AU' }],
    ['a name in other case and spacing', 'new   zealand', { iso2Code: 'NZ' }],
    ['CLDR short names', 'United Kingdom', { iso2Code: 'GB' }],
    ['a long official name', 'United States of America', { iso2Code: 'US' }],
    ['a common alias', 'Hong Kong', { iso2Code: 'HK' }],
    ['a name we do not know, as written', 'Atlantis', { name: 'Atlantis' }],
    ['a name with dots removed only for the code check', 'U.S.', { iso2Code: 'US' }],
  ])('country: %s', (_case, text, expected) => {
    expect(countryRef(text)).toEqual(expected);
  });

  it('never takes a withdrawn code for a country name (Curaçao is CW, not the old AN)', () => {
    expect(countryRef('Curaçao')).toEqual({ iso2Code: 'CW' });
    expect(countryRef('European Union')).toEqual({ name: 'European Union' });
  });

  it.each([
    ['a short code', 'NSW', { code: 'NSW' }],
    ['a short code in mixed case', 'Vic', { code: 'VIC' }],
    ['a code with dots', 'N.S.W.', { code: 'NSW' }],
    ['a 2-letter US state', 'ca', { code: 'CA' }],
    ['an NZ region code', 'AUK', { code: 'AUK' }],
    ['a full name', 'New South Wales', { name: 'New South Wales' }],
    ['a one-word name', 'Otago', { name: 'Otago' }],
  ])('state: %s', (_case, text, expected) => {
    expect(stateRef(text)).toEqual(expected);
  });

  it('sends null for a blank or absent value, never an empty key', () => {
    for (const blank of [null, undefined, '', '   ']) {
      expect(countryRef(blank)).toBeNull();
      expect(stateRef(blank)).toBeNull();
    }
  });
});
