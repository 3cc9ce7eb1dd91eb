import { startHostileWorld, type HostileWorld } from '../../test-support/hostile-harness.js';

/**
 * Tokens mean what they say (issue 17 §6): an ID token is not an access token, and `admin` counts only
 * from the configured roles claim — not from another application's namespaced roles, not from a shared
 * realm's roles unless configured. Each refusal is a 401 (or a plain non-admin viewer), and a normal query
 * answers within 1 s afterwards; the trace-level log holds none of the tokens.
 */
async function closeWorld(w: HostileWorld | undefined): Promise<void> {
  if (!w) return;
  try {
    w.sweepLogs();
  } finally {
    await w.close();
  }
}

const VIEWER = '{ viewer { subject isAdmin } }';
const ADMIN_ONLY = '{ billingLines { id } }';

describe('default configuration (roles claim `roles`, untyped access tokens allowed)', () => {
  let w: HostileWorld;
  beforeAll(async () => {
    w = await startHostileWorld();
  });
  afterEach(async () => {
    await w.stillAnswers();
  });
  afterAll(() => closeWorld(w));

  it.each([
    ['with at_hash (an OpenID Connect ID token)', { at_hash: 'x1', roles: ['admin'] }, {}],
    ['with a nonce', { nonce: 'n-123', roles: ['admin'] }, {}],
    ["typed as Keycloak's ID token (typ claim ID)", { typ: 'ID', roles: ['admin'] }, {}],
    ['typed as another kind of JWT (typ header logout+jwt)', { roles: ['admin'] }, { typ: 'logout+jwt' }],
  ])('refuses a token %s with 401', async (_label, claims, header) => {
    const token = await w.token({ sub: 'id-token-user', ...claims }, { header });
    const result = await w.t.gql(VIEWER, {}, token);
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0]?.message).toMatch(/not an access token|ID token/);
    expect(result.data ?? null).toBeNull();
  });

  it('accepts an RFC 9068 access token (typ at+jwt) and a Keycloak access token (typ claim Bearer)', async () => {
    const typed = await w.t.gql(VIEWER, {}, await w.token({ sub: 'typed', roles: ['admin'] }, { header: { typ: 'at+jwt' } }));
    expect(typed.data).toEqual({ viewer: { subject: 'typed', isAdmin: true } });
    const keycloak = await w.t.gql(VIEWER, {}, await w.token({ sub: 'kc', typ: 'Bearer', roles: ['admin'] }, { header: { typ: 'JWT' } }));
    expect(keycloak.data).toEqual({ viewer: { subject: 'kc', isAdmin: true } });
  });

  it.each([
    ["another application's namespaced roles", { 'https://other-app.example/roles': ['admin'] }],
    ["a shared Keycloak realm's roles", { realm_access: { roles: ['admin'] } }],
    ['roles of another Keycloak client', { resource_access: { 'other-app': { roles: ['admin'] } } }],
  ])('does not make a 3PL admin of %s', async (_label, claims) => {
    const token = await w.token({ sub: 'foreign-roles', ...claims });
    expect((await w.t.gql(VIEWER, {}, token)).data).toEqual({ viewer: { subject: 'foreign-roles', isAdmin: false } });
    expect((await w.t.gql(ADMIN_ONLY, {}, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('Keycloak client roles configured (OIDC_ROLES_CLAIM=resource_access.conveyor-api.roles)', () => {
  let w: HostileWorld;
  beforeAll(async () => {
    w = await startHostileWorld({ env: { OIDC_ROLES_CLAIM: 'resource_access.conveyor-api.roles' } });
  });
  afterEach(async () => {
    await w.stillAnswers();
  });
  afterAll(() => closeWorld(w));

  it("makes an admin of this client's admin role only; a top-level roles claim no longer counts", async () => {
    const ours = await w.token({ sub: 'kc-admin', typ: 'Bearer', resource_access: { 'conveyor-api': { roles: ['admin'] }, account: { roles: ['manage-account'] } } });
    expect((await w.t.gql(VIEWER, {}, ours)).data).toEqual({ viewer: { subject: 'kc-admin', isAdmin: true } });
    const topLevel = await w.token({ sub: 'kc-other', typ: 'Bearer', roles: ['admin'], realm_access: { roles: ['admin'] } });
    expect((await w.t.gql(VIEWER, {}, topLevel)).data).toEqual({ viewer: { subject: 'kc-other', isAdmin: false } });
  });
});

describe('an issuer that types its access tokens (OIDC_TOKEN_TYPE=at+jwt)', () => {
  let w: HostileWorld;
  beforeAll(async () => {
    w = await startHostileWorld({ env: { OIDC_TOKEN_TYPE: 'at+jwt' } });
  });
  afterEach(async () => {
    await w.stillAnswers();
  });
  afterAll(() => closeWorld(w));

  it('accepts typ at+jwt and refuses an untyped token with 401 (RFC 9068 §4)', async () => {
    const typed = await w.token({ sub: 'typed', roles: ['admin'] }, { header: { typ: 'at+jwt' } });
    expect((await w.t.gql(VIEWER, {}, typed)).data).toEqual({ viewer: { subject: 'typed', isAdmin: true } });
    const untyped = await w.t.gql(VIEWER, {}, await w.token({ sub: 'untyped', roles: ['admin'] }));
    expect(untyped.status).toBe(401);
    expect(untyped.errors?.[0]?.message).toMatch(/not an access token/);
  });
});
