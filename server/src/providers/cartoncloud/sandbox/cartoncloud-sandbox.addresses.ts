/**
 * The sandbox's address lookup (reference §3.1 "Address object", Round 2 "Addresses"): a country is looked
 * up by the FIRST key supplied — `iso2Code`, then `iso3Code`, then `name` — and a failed lookup does not
 * fall back to the other keys; a state likewise by `code`, then `name`, within its country. The tables are
 * this file's own (ISO 3166-1 / 3166-2 codes and English short names; CartonCloud's real table is not
 * published), independent of the product's mapping so a test can catch the product sending the wrong key.
 * Codes and names compare case-insensitively, names otherwise spelled exactly (INFERRED).
 */

export interface CountryEntry {
  iso2Code: string;
  iso3Code: string;
  name: string;
}

const COUNTRIES: readonly CountryEntry[] = [
  ['AU', 'AUS', 'Australia'], ['NZ', 'NZL', 'New Zealand'], ['US', 'USA', 'United States'], ['GB', 'GBR', 'United Kingdom'],
  ['CA', 'CAN', 'Canada'], ['IE', 'IRL', 'Ireland'], ['SG', 'SGP', 'Singapore'], ['HK', 'HKG', 'Hong Kong'], ['CN', 'CHN', 'China'],
  ['JP', 'JPN', 'Japan'], ['KR', 'KOR', 'South Korea'], ['TW', 'TWN', 'Taiwan'], ['MY', 'MYS', 'Malaysia'], ['ID', 'IDN', 'Indonesia'],
  ['TH', 'THA', 'Thailand'], ['PH', 'PHL', 'Philippines'], ['VN', 'VNM', 'Vietnam'], ['IN', 'IND', 'India'], ['FJ', 'FJI', 'Fiji'],
  ['PG', 'PNG', 'Papua New Guinea'], ['WS', 'WSM', 'Samoa'], ['TO', 'TON', 'Tonga'], ['NC', 'NCL', 'New Caledonia'], ['DE', 'DEU', 'Germany'],
  ['FR', 'FRA', 'France'], ['NL', 'NLD', 'Netherlands'], ['BE', 'BEL', 'Belgium'], ['IT', 'ITA', 'Italy'], ['ES', 'ESP', 'Spain'],
  ['PT', 'PRT', 'Portugal'], ['CH', 'CHE', 'Switzerland'], ['AT', 'AUT', 'Austria'], ['SE', 'SWE', 'Sweden'], ['NO', 'NOR', 'Norway'],
  ['DK', 'DNK', 'Denmark'], ['FI', 'FIN', 'Finland'], ['PL', 'POL', 'Poland'], ['AE', 'ARE', 'United Arab Emirates'], ['ZA', 'ZAF', 'South Africa'],
  ['MX', 'MEX', 'Mexico'], ['BR', 'BRA', 'Brazil'],
].map(([iso2Code, iso3Code, name]) => ({ iso2Code: iso2Code!, iso3Code: iso3Code!, name: name! }));

/** [code, name] per country whose states the lookup knows; a state of any other country is taken as given. */
const STATES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  AU: [['ACT', 'Australian Capital Territory'], ['NSW', 'New South Wales'], ['NT', 'Northern Territory'], ['QLD', 'Queensland'], ['SA', 'South Australia'], ['TAS', 'Tasmania'], ['VIC', 'Victoria'], ['WA', 'Western Australia']],
  NZ: [
    ['AUK', 'Auckland'], ['BOP', 'Bay of Plenty'], ['CAN', 'Canterbury'], ['CIT', 'Chatham Islands'], ['GIS', 'Gisborne'], ['HKB', "Hawke's Bay"],
    ['MWT', 'Manawatu-Whanganui'], ['MBH', 'Marlborough'], ['NSN', 'Nelson'], ['NTL', 'Northland'], ['OTA', 'Otago'], ['STL', 'Southland'],
    ['TKI', 'Taranaki'], ['TAS', 'Tasman'], ['WKO', 'Waikato'], ['WGN', 'Wellington'], ['WTC', 'West Coast'],
  ],
  US: [
    ['AL', 'Alabama'], ['AK', 'Alaska'], ['AZ', 'Arizona'], ['AR', 'Arkansas'], ['CA', 'California'], ['CO', 'Colorado'], ['CT', 'Connecticut'],
    ['DE', 'Delaware'], ['DC', 'District of Columbia'], ['FL', 'Florida'], ['GA', 'Georgia'], ['HI', 'Hawaii'], ['ID', 'Idaho'], ['IL', 'Illinois'],
    ['IN', 'Indiana'], ['IA', 'Iowa'], ['KS', 'Kansas'], ['KY', 'Kentucky'], ['LA', 'Louisiana'], ['ME', 'Maine'], ['MD', 'Maryland'],
    ['MA', 'Massachusetts'], ['MI', 'Michigan'], ['MN', 'Minnesota'], ['MS', 'Mississippi'], ['MO', 'Missouri'], ['MT', 'Montana'], ['NE', 'Nebraska'],
    ['NV', 'Nevada'], ['NH', 'New Hampshire'], ['NJ', 'New Jersey'], ['NM', 'New Mexico'], ['NY', 'New York'], ['NC', 'North Carolina'],
    ['ND', 'North Dakota'], ['OH', 'Ohio'], ['OK', 'Oklahoma'], ['OR', 'Oregon'], ['PA', 'Pennsylvania'], ['PR', 'Puerto Rico'], ['RI', 'Rhode Island'],
    ['SC', 'South Carolina'], ['SD', 'South Dakota'], ['TN', 'Tennessee'], ['TX', 'Texas'], ['UT', 'Utah'], ['VT', 'Vermont'], ['VA', 'Virginia'],
    ['WA', 'Washington'], ['WV', 'West Virginia'], ['WI', 'Wisconsin'], ['WY', 'Wyoming'],
  ],
  GB: [
    ['ENG', 'England'], ['SCT', 'Scotland'], ['WLS', 'Wales'], ['NIR', 'Northern Ireland'], ['LND', 'London'], ['KEN', 'Kent'], ['ESS', 'Essex'],
    ['SRY', 'Surrey'], ['HAM', 'Hampshire'], ['MAN', 'Manchester'], ['BIR', 'Birmingham'], ['LDS', 'Leeds'], ['LIV', 'Liverpool'], ['BST', 'Bristol'],
    ['EDH', 'Edinburgh'], ['GLG', 'Glasgow'], ['CRF', 'Cardiff'], ['BFS', 'Belfast'],
  ],
  CA: [
    ['AB', 'Alberta'], ['BC', 'British Columbia'], ['MB', 'Manitoba'], ['NB', 'New Brunswick'], ['NL', 'Newfoundland and Labrador'], ['NS', 'Nova Scotia'],
    ['NT', 'Northwest Territories'], ['NU', 'Nunavut'], ['ON', 'Ontario'], ['PE', 'Prince Edward Island'], ['QC', 'Quebec'], ['SK', 'Saskatchewan'], ['YT', 'Yukon'],
  ],
};

/** The organisation's "Default Address Country" (applied when an address names no country). */
export const DEFAULT_COUNTRY = 'AU';

type Json = Record<string, unknown>;
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const given = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** The key a lookup uses: the first one supplied, in the documented order. */
function firstKey(ref: Json, keys: readonly string[]): { key: string; value: string } | null {
  for (const key of keys) if (given(ref[key])) return { key, value: ref[key] };
  return null;
}

export type AddressLookup =
  | { ok: true; country: CountryEntry; state: { code: string; name: string } | { code?: string; name?: string } | null }
  | { ok: false; problems: string[] };

/** Looks up an address's country and state the way CartonCloud does (first key supplied only). */
export function lookUpAddress(address: Json): AddressLookup {
  const problems: string[] = [];
  const countryRef = typeof address.country === 'object' && address.country !== null ? (address.country as Json) : {};
  const countryKey = firstKey(countryRef, ['iso2Code', 'iso3Code', 'name']);
  let country: CountryEntry | undefined;
  if (!countryKey) country = COUNTRIES.find((c) => c.iso2Code === DEFAULT_COUNTRY);
  else {
    const field = countryKey.key as keyof CountryEntry;
    country = COUNTRIES.find((c) => same(c[field], countryKey.value));
    if (!country) problems.push(`Country not found: ${countryKey.key} "${countryKey.value}"`);
  }
  const stateRef = typeof address.state === 'object' && address.state !== null ? (address.state as Json) : {};
  const stateKey = firstKey(stateRef, ['code', 'name']);
  let state: { code?: string; name?: string } | null = null;
  if (stateKey && country) {
    const known = STATES[country.iso2Code];
    if (!known) state = { [stateKey.key]: stateKey.value.trim() };
    else {
      const found = known.find(([code, name]) => same(stateKey.key === 'code' ? code : name, stateKey.value));
      if (found) state = { code: found[0], name: found[1] };
      else problems.push(`State not found in ${country.name}: ${stateKey.key} "${stateKey.value}"`);
    }
  }
  return problems.length || !country ? { ok: false, problems } : { ok: true, country, state };
}
