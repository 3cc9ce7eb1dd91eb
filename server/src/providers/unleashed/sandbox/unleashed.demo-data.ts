import type { UnleashedSandbox } from './unleashed.sandbox.js';
import type { SandboxAccount, SandboxAddress, SandboxOrderInput } from './unleashed-sandbox.types.js';

/**
 * Believable demo data for `npm start` and the standalone sandbox: an outdoor-gear merchant with three
 * warehouses and a catalogue of a few hundred products, plus a feed of new Placed orders.
 * The catalogue is deterministic (no randomness): the CartonCloud sandbox's demo catalogue imports
 * `demoProductCodes` so both sides know the same SKUs.
 */

type Family = [prefix: string, models: Array<[code: string, name: string]>, variants: Array<[code: string, label: string]>];
const sizes: Array<[string, string]> = ['XS', 'S', 'M', 'L', 'XL', 'XXL'].map((s) => [s, s]);
const colourCodes: Record<string, string> = { Green: 'GRN', Orange: 'ORG', Blue: 'BLU', Red: 'RED', Black: 'BLK', Olive: 'OLV', Yellow: 'YEL' };
const colours = (...names: string[]): Array<[string, string]> => names.map((name) => [colourCodes[name]!, name]);
const none: Array<[string, string]> = [['', '']];

const families: Family[] = [
  ['TNT', [['RDG1', 'Ridgeline 1P Tent'], ['RDG2', 'Ridgeline 2P Tent'], ['TUS2', 'Tussock 2P Tent'], ['TUS3', 'Tussock 3P Tent'], ['KEA4', 'Kea Dome 4P Tent'], ['BSC6', 'Basecamp 6P Tent']], colours('Green', 'Orange')],
  ['SLB', [['ALP10', 'Alpine -10°C Down Sleeping Bag'], ['SUM5', 'Summit -5°C Sleeping Bag'], ['TRL0', 'Trail 0°C Sleeping Bag'], ['HUT5', 'Hut +5°C Sleeping Bag'], ['TRM10', 'Tramper +10°C Sleeping Bag']], [['REG', 'Regular'], ['LNG', 'Long']]],
  ['PCK', [['RTB35', 'Routeburn 35L Pack'], ['RTB50', 'Routeburn 50L Pack'], ['KPL65', 'Kepler 65L Pack'], ['ABL28', 'Abel 28L Daypack'], ['MLF45', 'Milford 45L Pack'], ['HPY70', 'Heaphy 70L Pack']], [['S', 'Small'], ['M', 'Medium'], ['L', 'Large']]],
  ['JKT', [['STRM', 'Storm Shell Rain Jacket'], ['PUFF', 'Puffer Down Jacket'], ['SOFT', 'Softshell Jacket'], ['ALPH', 'Alpine Hardshell Jacket'], ['WSTR', "Women's Storm Shell Rain Jacket"], ['WPUF', "Women's Puffer Down Jacket"]], sizes],
  ['PNT', [['TREK', 'Trek Pant'], ['RAIN', 'Rain Overtrouser'], ['MLEG', 'Merino Legging'], ['WTRK', "Women's Trek Pant"]], sizes],
  ['MER', [['LS150', 'Merino 150 Long Sleeve Crew'], ['HD200', 'Merino 200 Hoodie'], ['TE150', 'Merino 150 Tee'], ['WLS150', "Women's Merino 150 Long Sleeve Crew"]], sizes],
  ['BOT', [['RDGM', 'Ridge Mid Waterproof Boot'], ['TRUN', 'Trail Runner Shoe'], ['ALPB', 'Alpine Mountaineering Boot'], ['WRDM', "Women's Ridge Mid Waterproof Boot"]], ['36', '37', '38', '39', '40', '41', '42', '43', '44', '45', '46', '47'].map((s) => [s, `EU ${s}`])],
  ['TNA', [['FP1', 'Ridgeline 1P Footprint'], ['FP2', 'Ridgeline 2P Footprint'], ['FPT2', 'Tussock 2P Footprint'], ['FPT3', 'Tussock 3P Footprint'], ['PEGS', 'Alloy Tent Pegs x10'], ['GUY', 'Reflective Guy Line 10m'], ['RPR', 'Tent Repair Kit']], none],
  ['CLB', [['HRN', 'Climbing Harness'], ['HLM', 'Climbing Helmet'], ['CHLK', 'Chalk Bag']], [['S', 'S'], ['M', 'M'], ['L', 'L']]],
  ['CMP', [['HMCK', 'Camp Hammock'], ['CHR', 'Camp Chair'], ['TRWL', 'Backcountry Trowel'], ['PCOV', 'Pack Rain Cover'], ['PNCH', 'Rain Poncho']], [['S', 'S'], ['M', 'M'], ['L', 'L']]],
  ['SCK', [['HKR', 'Hiker Crew Sock'], ['LNR', 'Liner Sock'], ['EXP', 'Expedition Sock']], [['S', 'S'], ['M', 'M'], ['L', 'L']]],
  ['LMP', [['B200', 'Beam 200 Headlamp'], ['B400', 'Beam 400 Headlamp'], ['B900', 'Beam 900 Rechargeable Headlamp'], ['LNT', 'Camp Lantern']], none],
  ['CKG', [['CSTV', 'Canister Stove'], ['LSTV', 'Liquid Fuel Stove'], ['F230', 'Fuel Canister 230g'], ['F450', 'Fuel Canister 450g'], ['WSCR', 'Stove Windscreen'], ['TP750', 'Titanium Pot 750ml'], ['CS2P', 'Cook Set 2 Person'], ['SPRK', 'Titanium Spork'], ['MUG', 'Insulated Mug 350ml'], ['FP20', 'Non-stick Frying Pan 20cm']], none],
  ['H2O', [['BTL1', 'Water Bottle 1L']], colours('Blue', 'Red', 'Black', 'Olive')],
  ['H2O', [['FLTR', 'Squeeze Water Filter'], ['TABS', 'Purification Tablets x50'], ['BL2', 'Hydration Bladder 2L'], ['BL3', 'Hydration Bladder 3L']], none],
  ['POL', [['CRBZ', 'Carbon Z-Fold Trekking Pole'], ['ALLY', 'Alloy Trekking Pole']], [['110', '110cm'], ['120', '120cm'], ['130', '130cm']]],
  ['MAT', [['SINF', 'Self-inflating Mat'], ['AIRU', 'Ultralight Air Mat'], ['FOAM', 'Closed-cell Foam Mat']], [['R', 'Regular'], ['L', 'Large']]],
  ['ACC', [['BNIE', 'Fleece Beanie'], ['SUNH', 'Wide-brim Sun Hat'], ['MGLV', 'Merino Glove'], ['WMIT', 'Waterproof Mitt'], ['GTR', 'Scree Gaiter']], [['S', 'S'], ['M', 'M'], ['L', 'L']]],
  ['SAF', [['PLB', 'Personal Locator Beacon'], ['FAK', 'First Aid Kit Hiker'], ['BIVY', 'Emergency Bivvy'], ['CMPS', 'Baseplate Compass'], ['WHSL', 'Safety Whistle']], none],
  ['BAG', [['DRY5', 'Dry Bag 5L'], ['DRY10', 'Dry Bag 10L'], ['DRY20', 'Dry Bag 20L'], ['DRY35', 'Dry Bag 35L'], ['DUF40', 'Expedition Duffel 40L'], ['DUF70', 'Expedition Duffel 70L'], ['DUF100', 'Expedition Duffel 100L']], colours('Yellow', 'Black')],
];

export const demoProducts: ReadonlyArray<{ code: string; description: string }> = families.flatMap(([prefix, models, variants]) =>
  models.flatMap(([model, name]) =>
    variants.map(([variant, label]) => ({
      code: [prefix, model, variant].filter(Boolean).join('-'),
      description: label ? `${name} - ${label}` : name,
    })),
  ),
);

/** Every demo SKU, in a fixed order (shared with the CartonCloud sandbox's demo catalogue). */
export const demoProductCodes: string[] = demoProducts.map((product) => product.code);

export const demoWarehouses = [
  { code: 'AKL', name: 'Auckland DC', city: 'Auckland', country: 'New Zealand', addressLine1: '24 Springs Road, East Tamaki', isDefault: true },
  { code: 'SYD', name: 'Sydney DC', city: 'Sydney', country: 'Australia', addressLine1: '7 Distribution Place, Seven Hills' },
  { code: 'MEL', name: 'Melbourne DC', city: 'Melbourne', country: 'Australia', addressLine1: '150 Fairbank Road, Clayton South' },
] as const;

const addresses: Array<SandboxAddress & { warehouse: 'AKL' | 'SYD' | 'MEL' }> = [
  { streetAddress: '12 Ponsonby Road', suburb: 'Ponsonby', city: 'Auckland', region: 'Auckland', postCode: '1011', country: 'New Zealand', warehouse: 'AKL' },
  { streetAddress: '88 Cuba Street', suburb: 'Te Aro', city: 'Wellington', region: 'Wellington', postCode: '6011', country: 'New Zealand', warehouse: 'AKL' },
  { streetAddress: '221 Colombo Street', suburb: 'Sydenham', city: 'Christchurch', region: 'Canterbury', postCode: '8023', country: 'New Zealand', warehouse: 'AKL' },
  { streetAddress: '5 Marine Parade', suburb: 'Mount Maunganui', city: 'Tauranga', region: 'Bay of Plenty', postCode: '3116', country: 'New Zealand', warehouse: 'AKL' },
  { streetAddress: '47 George Street', suburb: 'North Dunedin', city: 'Dunedin', region: 'Otago', postCode: '9016', country: 'New Zealand', warehouse: 'AKL' },
  { streetAddress: '14 Shotover Street', suburb: 'Queenstown Central', city: 'Queenstown', region: 'Otago', postCode: '9300', country: 'New Zealand', warehouse: 'AKL' },
  { streetAddress: '120 Pitt Street', streetAddress2: 'Level 4', suburb: 'Sydney', city: 'Sydney', region: 'NSW', postCode: '2000', country: 'Australia', warehouse: 'SYD' },
  { streetAddress: '33 Darby Street', suburb: 'Cooks Hill', city: 'Newcastle', region: 'NSW', postCode: '2300', country: 'Australia', warehouse: 'SYD' },
  { streetAddress: '300 Queen Street', suburb: 'Brisbane City', city: 'Brisbane', region: 'QLD', postCode: '4000', country: 'Australia', warehouse: 'SYD' },
  { streetAddress: '45 Smith Street', suburb: 'Fitzroy', city: 'Melbourne', region: 'VIC', postCode: '3065', country: 'Australia', warehouse: 'MEL' },
  { streetAddress: '17 Rundle Mall', suburb: 'Adelaide', city: 'Adelaide', region: 'SA', postCode: '5000', country: 'Australia', warehouse: 'MEL' },
  { streetAddress: '2 Salamanca Place', suburb: 'Battery Point', city: 'Hobart', region: 'TAS', postCode: '7004', country: 'Australia', warehouse: 'MEL' },
];
const firstNames = ['Aroha', 'James', 'Mere', 'Olivia', 'Wiremu', 'Charlotte', 'Liam', 'Isla', 'Noah', 'Mia', 'Hemi', 'Grace', 'Jack', 'Ruby', 'Tama', 'Chloe'];
const lastNames = ['Ngata', 'Smith', 'Walker', 'Williams', 'Parata', 'Brown', 'Wilson', 'Taylor', 'Nguyen', 'Clarke', 'Te Whata', 'Martin'];
const customers = [
  { code: 'WEB', name: 'Online Store' },
  { code: 'WEB', name: 'Online Store' },
  { code: 'ALPINE-OUT', name: 'Alpine Outfitters Ltd' },
  { code: 'TRAMPZONE', name: 'Trampzone Wanaka' },
  { code: 'BUSHCRAFT-AU', name: 'Bushcraft Supplies Pty Ltd' },
];
const comments = ['Please leave at the back door', 'Call on arrival', 'Gift - no prices in the box please', 'Deliver before 3pm', 'Fragile: includes stove glass', 'Customer collecting from depot'];

/** Deterministic PRNG (mulberry32) so a seeded feed produces the same orders. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The shipping companies of the demo account: the carriers the CartonCloud demo dispatches with (auto-progress), plus NZ Post. */
export const demoShippingCompanies = ['Australia Post', 'StarTrack', 'Aramex', 'DHL Express', 'NZ Post'];

/** An account with the given credentials, the three demo warehouses, the demo catalogue and shipping companies. */
export function createDemoAccount(
  sandbox: UnleashedSandbox,
  input: { apiId: string; apiKey: string; orderManagement?: boolean; timeZone?: string; initialOrders?: number; seed?: number },
): SandboxAccount {
  const account = sandbox.createAccount({ apiId: input.apiId, apiKey: input.apiKey, orderManagement: input.orderManagement ?? true, timeZone: input.timeZone });
  for (const warehouse of demoWarehouses) sandbox.addWarehouse(account.apiId, warehouse);
  sandbox.addProducts(account.apiId, [...demoProducts]);
  sandbox.addShippingCompanies(account.apiId, demoShippingCompanies);
  const random = seededRandom(input.seed ?? 1);
  for (let i = 0; i < (input.initialOrders ?? 0); i++) createDemoOrder(sandbox, account, random);
  return account;
}

/**
 * One believable Placed order (1–4 lines; 1–3 shipments when Order Management is on; rarely an unknown SKU).
 * With Order Management off Unleashed makes the one shipment itself, when the order is completed.
 */
export function createDemoOrder(sandbox: UnleashedSandbox, account: Pick<SandboxAccount, 'apiId' | 'orderManagement'>, random: () => number = Math.random) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const { warehouse, ...address } = pick(addresses);
  const lineCount = 1 + Math.floor(random() * 4);
  const codes = new Set<string>();
  while (codes.size < lineCount) codes.add(random() < 0.02 ? `DISC-${1990 + Math.floor(random() * 20)}-LEGACY` : pick(demoProductCodes));
  const lines = [...codes].map((productCode) => ({ productCode, quantity: 1 + Math.floor(random() * random() * 6), unitPrice: 10 + Math.round(random() * 600) }));
  const shipmentCount = Math.min(lines.length, 1 + Math.floor(random() * 3));
  const input: SandboxOrderInput = {
    warehouseCode: warehouse,
    customer: pick(customers),
    customerRef: random() < 0.5 ? `PO-${10000 + Math.floor(random() * 90000)}` : null,
    comments: random() < 0.2 ? pick(comments) : null,
    delivery: { name: `${pick(firstNames)} ${pick(lastNames)}`, ...address, method: random() < 0.8 ? 'Courier' : 'Overnight' },
    lines,
    shipments: account.orderManagement
      ? Array.from({ length: shipmentCount }, (_, s) => ({
          lines: lines.map((line, index) => ({ lineNumber: index + 1, quantity: line.quantity })).filter((_, index) => index % shipmentCount === s),
          comments: random() < 0.1 ? 'Ship separately' : null,
        }))
      : undefined,
  };
  return sandbox.createOrder(account.apiId, input);
}

/**
 * With Order Management off, the merchant completes each Placed order some time after it was placed (after
 * the warehouse dispatched it), and Unleashed then creates its one shipment, already Dispatched. Checks every
 * `everyMs`; returns the function that stops it.
 */
export function startOrderCompletion(sandbox: UnleashedSandbox, account: Pick<SandboxAccount, 'apiId'>, options: { afterMs: number; everyMs?: number }): () => void {
  const timer = setInterval(() => {
    const current = sandbox.store.findAccount(account.apiId);
    if (!current || current.orderManagement) return;
    const due = Date.now() - options.afterMs;
    for (const order of current.orders.values()) {
      if (order.OrderStatus === 'Placed' && order.CreatedOn <= due) sandbox.setOrderStatus(current.apiId, order.Guid, 'Completed');
    }
  }, options.everyMs ?? 5_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** Keeps adding Placed orders every `everyMs`; returns the function that stops it. */
export function startOrderFeed(
  sandbox: UnleashedSandbox,
  account: Pick<SandboxAccount, 'apiId' | 'orderManagement'>,
  options: { everyMs: number; seed?: number },
): () => void {
  const random = options.seed === undefined ? Math.random : seededRandom(options.seed);
  const timer = setInterval(() => {
    // the account can be flipped (Order Management) or gone while the feed runs: read it fresh
    const current = sandbox.store.findAccount(account.apiId);
    if (current) createDemoOrder(sandbox, current, random);
  }, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
