import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestConveyor, type TestConveyor } from '../../test-support/test-conveyor.js';

describe('the API edge', () => {
  let t: TestConveyor;
  beforeAll(async () => {
    t = await startTestConveyor();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers viewer for an admin token', async () => {
    const result = await t.gql<{ viewer: { isAdmin: boolean; subject: string } }>('{ viewer { isAdmin subject } }', {}, await t.issuer.admin('ava'));
    expect(result.errors).toBeUndefined();
    expect(result.data?.viewer).toEqual({ isAdmin: true, subject: 'ava' });
  });

  it('refuses a request without a token with UNAUTHENTICATED', async () => {
    const result = await t.gql('{ viewer { isAdmin } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['signed by another issuer', async () => t.issuer.token({ roles: ['admin'] }, { issuer: 'https://evil.example.com' })],
    ['for another audience', async () => t.issuer.token({ roles: ['admin'] }, { audience: 'some-other-api' })],
    ['expired', async () => t.issuer.token({ roles: ['admin'] }, { expiresIn: Math.floor(Date.now() / 1000) - 3600 })],
    [
      'with alg none',
      async () => {
        const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: t.issuer.url, aud: 'conveyor-api', sub: 'x', roles: ['admin'], exp: Math.floor(Date.now() / 1000) + 600 })}.`;
      },
    ],
    ['that is not a JWT', async () => 'garbage'],
  ])('refuses a token %s with UNAUTHENTICATED and HTTP 401', async (_label, makeToken) => {
    const result = await t.gql('{ viewer { isAdmin } }', {}, await makeToken());
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data ?? null).toBeNull();
  });

  it('rejects a query deeper than the limit before running it', async () => {
    const deep = '{ customers { integrations { customer { integrations { customer { integrations { customer { integrations { customer { integrations { name } } } } } } } } } } }';
    const result = await t.gql(deep, {}, await t.issuer.admin());
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/too deep/);
  });

  it('serves liveness, readiness and Prometheus metrics', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { database: true, jobScheduler: true, events: true } });
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toContain('conveyor_graphql_operation_duration_seconds');
    expect(metrics).toContain('conveyor_http_request_duration_seconds');
  });

  it('serves the API explorer from its own assets (no CDN)', async () => {
    const page = await (await fetch(`${t.url}/graphiql`)).text();
    expect(page).not.toMatch(/https?:\/\/(unpkg|cdn|esm\.sh)/);
    for (const src of page.match(/\/graphiql\/assets\/[\w.-]+/g) ?? []) {
      expect((await fetch(`${t.url}${src}`)).status).toBe(200);
    }
  });

  it('closes a WebSocket that connects without a valid token', async () => {
    const closed = await new Promise<number>((resolve) => {
      const client: Client = createClient({
        url: `${t.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: 'Bearer garbage' },
        retryAttempts: 0,
        on: { closed: (event) => resolve((event as { code: number }).code) },
      });
      client.subscribe({ query: 'subscription { __typename }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    });
    expect(closed).toBe(4403);
  });
});
