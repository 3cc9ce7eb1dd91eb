import { freePort } from '../database/embedded-postgres.js';
import { startHostileWorld, type HostileWorld } from '../../test-support/hostile-harness.js';
import { KNOWN_OPERATIONS } from './http-hardening.js';

/**
 * Nothing a client can loop on grows without bound, and /metrics is not public (issue 17 §4); GraphiQL and
 * introspection are off by default in production (§7). After each, a normal query answers within 1 s and
 * the trace-level log holds none of the secrets.
 */
const METRICS_TOKEN = 'metrics-token-for-the-scraper-0123456789';

async function closeWorld(w: HostileWorld | undefined): Promise<void> {
  if (!w) return;
  try {
    w.sweepLogs();
  } finally {
    await w.close();
  }
}

function operationLabels(metrics: string): Set<string> {
  const labels = new Set<string>();
  for (const match of metrics.matchAll(/^conveyor_graphql_operation_duration_seconds_count\{[^}]*operation="([^"]*)"/gm)) labels.add(match[1]!);
  return labels;
}

describe('an operation-name flood on /metrics (development defaults)', () => {
  let w: HostileWorld;
  beforeAll(async () => {
    w = await startHostileWorld();
  });
  afterAll(() => closeWorld(w));

  it('records 300 anonymous, client-named operations under one "other" label', async () => {
    for (let i = 0; i < 300; i++) {
      const response = await w.post(JSON.stringify({ query: `query Flood${i}x${Math.random().toString(36).slice(2, 8)} { viewer { subject } }` }));
      expect((response.json() as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    }
    const metrics = await (await fetch(`${w.t.url}/metrics`)).text();
    const labels = operationLabels(metrics);
    expect([...labels].filter((l) => l.startsWith('Flood'))).toEqual([]);
    expect(labels.has('other')).toBe(true);
    expect(labels.size).toBeLessThanOrEqual(KNOWN_OPERATIONS.size + 2);
    expect(metrics).toMatch(/conveyor_graphql_operation_duration_seconds_count\{operation="other",type="query",outcome="error"\} 300/);
    await w.stillAnswers();
  });
});

describe('/metrics behind a token, and on a port of its own', () => {
  let w: HostileWorld;
  let metricsPort: number;
  beforeAll(async () => {
    metricsPort = await freePort();
    w = await startHostileWorld({ env: { METRICS_TOKEN, METRICS_PORT: String(metricsPort) } });
    w.secret(METRICS_TOKEN);
  });
  afterAll(() => closeWorld(w));

  it('answers 401 on the public port without the token or with a wrong one, 200 with it', async () => {
    expect((await fetch(`${w.t.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${w.t.url}/metrics`, { headers: { authorization: 'Bearer guess-guess-guess-guess' } })).status).toBe(401);
    const allowed = await fetch(`${w.t.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('conveyor_http_request_duration_seconds');
    await w.stillAnswers();
  });

  it('serves /metrics on METRICS_PORT (bound like the API, never to be published) and nothing else there', async () => {
    const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('conveyor_graphql_operation_duration_seconds');
    expect((await fetch(`http://127.0.0.1:${metricsPort}/graphql`, { method: 'POST' })).status).toBe(404);
    await w.stillAnswers();
  });
});

describe('production defaults', () => {
  let w: HostileWorld;
  beforeAll(async () => {
    w = await startHostileWorld({
      env: {
        NODE_ENV: 'production',
        ENCRYPTION_KEY: 'ab'.repeat(32),
        CARTONCLOUD_TENANT_ID: '6c3a1e47-2f0e-4c43-9e7e-8f9a0b1c2d3e',
        CARTONCLOUD_CLIENT_ID: 'unused-the-test-passes-the-sandbox',
        CARTONCLOUD_CLIENT_SECRET: 'unused-the-test-passes-the-sandbox',
      },
    });
  });
  afterAll(() => closeWorld(w));

  it('keeps /metrics and the explorer closed when nothing is configured', async () => {
    expect((await fetch(`${w.t.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${w.t.url}/graphiql`)).status).toBe(404);
    await w.stillAnswers();
  });

  it('refuses introspection and suggests no field names', async () => {
    const introspection = await w.t.gql('{ __schema { types { name } } }', {}, await w.admin());
    expect(introspection.status).toBe(400);
    expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await w.t.gql('{ custmers { id } }', {}, await w.admin());
    expect(typo.status).toBe(400);
    expect(typo.errors?.[0]?.message).toBe('Cannot query field "custmers" on type "Query".');
    await w.stillAnswers();
  });

  it('sends HSTS when the request came over HTTPS (through a proxy on loopback), not over plain HTTP', async () => {
    expect((await fetch(`${w.t.url}/healthz`)).headers.get('strict-transport-security')).toBeNull();
    const overTls = await fetch(`${w.t.url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(overTls.headers.get('strict-transport-security')).toBe('max-age=31536000');
    await w.stillAnswers();
  });
});
