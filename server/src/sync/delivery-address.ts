/**
 * Unleashed keeps a delivery address's country and region as free text ("AU", "Australia", "NSW", "New
 * South Wales"); CartonCloud looks a country up by the FIRST key supplied — `iso2Code`, `iso3Code` or
 * `name` — and a state by `code` or `name`, never trying another key when that one fails, and rejects the
 * order when the customer does not allow invalid addresses (reference §3.1, Round 2 "Addresses"; the
 * Zapier integration sends `state.code` and `country.iso2Code`). So each value goes under the key its
 * shape says it is.
 */

export type CountryRef = { iso2Code: string } | { iso3Code: string } | { name: string };
export type StateRef = { code: string } | { name: string };

/** Two-letter forms people use that are not ISO 3166-1 codes. */
const ISO2_ALIASES: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };
/** Common English names Intl does not give (its names are CLDR's short ones: "United States", "United Kingdom"). */
const NAME_ALIASES: Readonly<Record<string, string>> = {
  'united states of america': 'US',
  'great britain': 'GB',
  britain: 'GB',
  'republic of ireland': 'IE',
  'south korea': 'KR',
  'korea, republic of': 'KR',
  'viet nam': 'VN',
  'russian federation': 'RU',
  holland: 'NL',
  'hong kong': 'HK',
  macau: 'MO',
  macao: 'MO',
  turkey: 'TR',
  'czech republic': 'CZ',
  myanmar: 'MM',
  burma: 'MM',
  'ivory coast': 'CI',
};
/** Codes that are no country: groupings, "Unknown Region", and withdrawn or reserved codes whose names now belong to others. */
const NOT_COUNTRIES = new Set(
  'AC AN BU CP CS DD DG DY EA EU EZ FQ FX HV IC JT MI NH NQ NT PC PU PZ QO RH SU TA TP UN VD WK XA XB YD YU ZR ZZ'.split(' '),
);

let byName: Map<string, string> | undefined;

/** English country name (lower case) → ISO 3166-1 alpha-2, from the runtime's CLDR data (no table of our own to keep). */
function countryNames(): Map<string, string> {
  if (byName) return byName;
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const map = new Map<string, string>(Object.entries(NAME_ALIASES));
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        name = undefined;
      }
      if (!name || NOT_COUNTRIES.has(code)) continue; // unassigned codes have no name
      if (!map.has(name.toLowerCase())) map.set(name.toLowerCase(), code);
    }
  }
  byName = map;
  return map;
}

const collapse = (text: string) => text.trim().replace(/\s+/g, ' ');

/**
 * The country as CartonCloud should look it up: two letters → `iso2Code` (UK → GB), three letters →
 * `iso3Code`, a country name we recognise → its `iso2Code` (the key public clients use), anything else
 * → `name`, as written. Null when blank.
 */
export function countryRef(text: string | null | undefined): CountryRef | null {
  if (!text?.trim()) return null;
  const value = collapse(text);
  const letters = value.replace(/\./g, '');
  if (/^[A-Za-z]{2}$/.test(letters)) {
    const code = letters.toUpperCase();
    return { iso2Code: ISO2_ALIASES[code] ?? code };
  }
  if (/^[A-Za-z]{3}$/.test(letters)) return { iso3Code: letters.toUpperCase() };
  const iso2 = countryNames().get(value.toLowerCase());
  return iso2 ? { iso2Code: iso2 } : { name: value };
}

/**
 * The state or region: a short form (2–3 letters, dots ignored: "NSW", "Vic", "N.S.W.", "CA", "AUK") →
 * `code`, upper case; anything else ("New South Wales", "Otago") → `name`, as written. Null when blank.
 */
export function stateRef(text: string | null | undefined): StateRef | null {
  if (!text?.trim()) return null;
  const value = collapse(text);
  const letters = value.replace(/\./g, '');
  if (/^[A-Za-z]{2,3}$/.test(letters)) return { code: letters.toUpperCase() };
  return { name: value };
}
