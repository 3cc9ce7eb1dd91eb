import { getIntrospectionQuery } from 'graphql';
import { startHostileWorld, type HostileWorld } from '../../test-support/hostile-harness.js';
import { makeDemoTenant } from '../../test-support/factories.js';

/**
 * Hostile documents (issue 17 §1): each is refused with a 4xx before anything runs, quickly, and the process
 * answers a normal query within 1 s afterwards. Over HTTP here; the same checks over WebSocket are in
 * app/hostile-websocket.int.spec.ts.
 */
let w: HostileWorld;
let admin: string;

beforeAll(async () => {
  w = await startHostileWorld();
  admin = await w.admin();
  await makeDemoTenant(w.t.services.orm.em.fork());
  await w.stillAnswers(); // warm: the first request of a process also pays for JIT and the issuer's discovery
});

afterAll(async () => {
  try {
    w.sweepLogs();
  } finally {
    await w.close();
  }
});

afterEach(async () => {
  await w.stillAnswers();
});

/** ~1 KB: 31 fragments, each spreading the previous one twice (2^31 fields if every spread is walked again). */
function exponentialFragments(n = 31): string {
  let doc = `query { customers { ...F${n} } }\nfragment F0 on Customer { name }\n`;
  for (let i = 1; i <= n; i++) doc += `fragment F${i} on Customer { ...F${i - 1} ...F${i - 1} }\n`;
  return doc;
}

async function refused(query: string, variables: Record<string, unknown> = {}, token: string | null = admin) {
  const started = performance.now();
  const result = await w.t.gql(query, variables, token);
  const ms = performance.now() - started;
  expect(result.status).toBe(400);
  expect(result.data ?? null).toBeNull();
  expect(result.errors?.[0]?.extensions?.code).toMatch(/^GRAPHQL_(VALIDATION|PARSE)_FAILED$/);
  return { result, ms };
}

describe('documents that would tie up the process', () => {
  it.each([
    ['without a token', null],
    ['with an admin token', 'admin'],
  ])('refuses the exponential fragment query (%s) in milliseconds', async (_label, who) => {
    const doc = exponentialFragments();
    expect(doc.length).toBeLessThan(1_500);
    const { result, ms } = await refused(doc, {}, who === 'admin' ? admin : null);
    expect(result.errors?.[0]?.message).toMatch(/too expensive/);
    expect(result.errors?.[0]?.extensions?.limit).toBe('cost');
    // measured on the 2-core build machine: 20–110 ms for the whole HTTP round trip (graphql-js's own
    // validation included); the depth/cost walk itself takes ~1 ms (operation-limits.spec.ts). It used to
    // hang the process until it was restarted.
    process.stdout.write(`exponential fragment query (${doc.length} bytes) refused in ${ms.toFixed(1)} ms\n`);
    expect(ms).toBeLessThan(1_000);
  });

  it('refuses more aliases than allowed (GraphQL Armor)', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: viewer { subject }`).join(' ');
    const { result } = await refused(`{ ${aliases} }`);
    expect(result.errors?.[0]?.message).toMatch(/Aliases limit of 30 exceeded/);
  });

  it('refuses more directives than allowed (GraphQL Armor)', async () => {
    const { result } = await refused(`{ viewer { subject ${'@include(if: true) '.repeat(60)} } }`);
    expect(result.errors?.map((e) => e.message).join(' ')).toMatch(/Directives limit of 30 exceeded/);
  });

  it('refuses a document of more tokens than allowed while parsing', async () => {
    const { result } = await refused(`{ viewer { ${'subject '.repeat(4_000)} } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/more tha[nt] 3000 tokens/) // graphql-js spells it "more that";
  });

  it('refuses more fragment spreads than allowed', async () => {
    const spreads = Array.from({ length: 120 }, () => '...V').join(' ');
    const { result } = await refused(`{ viewer { ${spreads} } } fragment V on Viewer { subject }`);
    expect(result.errors?.[0]?.message).toMatch(/Too many fragment spreads/);
  });

  it('refuses deep nesting, also through fragments', async () => {
    const deep = '{ customers { integrations { customer { integrations { customer { integrations { customer { integrations { customer { integrations { name } } } } } } } } } } }';
    expect((await refused(deep)).result.errors?.[0]?.message).toMatch(/too deep/);
    // single items and `limit: 1` lists: cheap, only deep
    const viaFragments = `query($id: ID!) { integration(id: $id) { ...A } }
      fragment A on Integration { syncRuns(limit: 1) { integration { ...B } } }
      fragment B on Integration { syncRuns(limit: 1) { integration { ...C } } }
      fragment C on Integration { syncRuns(limit: 1) { integration { ...D } } }
      fragment D on Integration { syncRuns(limit: 1) { integration { ...E } } }
      fragment E on Integration { syncRuns(limit: 1) { integration { name } } }`;
    expect((await refused(viaFragments, { id: '3f2c1a4e-8b7d-4c6e-9f01-2a3b4c5d6e7f' })).result.errors?.[0]?.extensions?.limit).toBe('depth');
  });

  it('costs list limits given in variables as asked (500), not as a default page of 20', async () => {
    const query = 'query($n: Int) { customers { integrations { syncRuns(limit: $n) { errors { message } } shipments(limit: $n) { id } } } }';
    // 20 customers x 20 integrations x (1 + 20 + 20): fine with a small page...
    const small = await w.t.gql(query, { n: 5 }, admin);
    expect(small.errors).toBeUndefined();
    // ...refused when the variable asks for 500 of each
    const { result } = await refused(query, { n: 500 });
    expect(result.errors?.[0]?.message).toMatch(/too expensive/);
  });

  it('counts introspection: the standard introspection query passes, nested or repeated introspection does not', async () => {
    const standard = await w.t.gql(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }));
    expect(standard.errors).toBeUndefined();
    expect(standard.status).toBe(200);
    // nesting is refused by graphql-js's own MaxIntrospectionDepthRule...
    const nested = '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }';
    expect((await refused(nested, {}, null)).result.errors?.[0]?.message).toMatch(/introspection depth/);
    // ...and breadth by the introspection cost: 30 aliased copies of a wide introspection
    const wide = Array.from({ length: 30 }, (_, i) => `s${i}: __schema { types { fields { args { type { ofType { name } } } type { ofType { name } } } } }`).join(' ');
    const { result } = await refused(`{ ${wide} }`, {}, null);
    expect(result.errors?.[0]).toMatchObject({ message: expect.stringMatching(/Introspection is too expensive/), extensions: { limit: 'introspectionCost' } });
  });

  it('refuses batched operations (a JSON array of requests)', async () => {
    const batch = JSON.stringify(Array.from({ length: 50 }, () => ({ query: '{ viewer { subject } }' })));
    const response = await w.post(batch, { authorization: `Bearer ${admin}` });
    expect(response.status).toBe(400);
    expect(response.text).not.toContain('"subject"');
  });

  it('refuses a document of several operations without an operation name', async () => {
    const result = await w.t.gql('query A { viewer { subject } } query B { viewer { isAdmin } }', {}, admin);
    expect(result.status).toBe(400);
    expect(result.data ?? null).toBeNull();
  });
});
