import assert from 'node:assert/strict';
import { DEMO_CARTONCLOUD_CLIENT_SECRET } from '../src/providers/cartoncloud/sandbox/cartoncloud.demo-data.js';
import { startTestConveyor, readLogs, type GraphQLResult, type TestConveyor, type TestConveyorOptions } from './test-conveyor.js';

/**
 * The world of the adversarial tests (issue 17): the real product at `trace` log level, every secret the
 * test hands it remembered, and two checks each test ends with:
 * - `stillAnswers()`: a normal query answers correctly within 1 s (the process was not tied up);
 * - `sweepLogs()`: no token, API key or client secret it was given appears anywhere in its log.
 */
export interface HostileWorld {
  t: TestConveyor;
  /** remember a secret (a token, a key) for the log sweep */
  secret<T extends string>(value: T): T;
  /** an admin token, remembered */
  admin(subject?: string): Promise<string>;
  /** a customer user's token, remembered */
  customerUser(customerId: string, subject?: string): Promise<string>;
  /** a token with these claims (and header / expiry options), remembered */
  token(claims: Record<string, unknown>, options?: Parameters<TestConveyor['issuer']['token']>[1]): Promise<string>;
  post(body: string, headers?: Record<string, string>): Promise<{ status: number; text: string; json: () => unknown }>;
  stillAnswers(): Promise<void>;
  sweepLogs(): void;
  close(): Promise<void>;
}

/** `{ roles: ['admin'] }` wherever OIDC_ROLES_CLAIM points (a namespaced claim name, or a dotted path). */
function adminRolesClaim(path: string): Record<string, unknown> {
  if (/^https?:\/\//.test(path)) return { [path]: ['admin'] };
  return path
    .split('.')
    .reverse()
    .reduce<unknown>((inner, step) => ({ [step]: inner }), ['admin']) as Record<string, unknown>;
}

export async function startHostileWorld(options: TestConveyorOptions = {}): Promise<HostileWorld> {
  const t = await startTestConveyor({ ...options, env: { LOG_LEVEL: 'trace', ...options.env } });
  const secrets = new Set<string>([DEMO_CARTONCLOUD_CLIENT_SECRET, 'conveyor-cli-secret', 'acme-cli-secret', 'globex-cli-secret']);
  const secret = <T extends string>(value: T): T => {
    secrets.add(value);
    return value;
  };
  const world: HostileWorld = {
    t,
    secret,
    admin: async (subject = 'hostile-admin') => secret(await t.issuer.admin(subject)),
    customerUser: async (customerId, subject) => secret(await t.issuer.customerUser(customerId, subject)),
    token: async (claims, tokenOptions) => secret(await t.issuer.token(claims, tokenOptions)),
    post: async (body: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      const text = await response.text();
      return { status: response.status, text, json: () => JSON.parse(text) as unknown };
    },
    stillAnswers: async () => {
      // typed at+jwt: accepted whatever OIDC_TOKEN_TYPE the world runs with
      const token = secret(await t.issuer.token({ sub: 'liveness-check', ...adminRolesClaim(t.services.config.OIDC_ROLES_CLAIM) }, { header: { typ: 'at+jwt' } }));
      const started = performance.now();
      const result: GraphQLResult<{ viewer: { subject: string; isAdmin: boolean } }> = await t.gql('{ viewer { subject isAdmin } }', {}, token);
      const ms = performance.now() - started;
      assert.deepEqual({ ...result.data?.viewer }, { subject: 'liveness-check', isAdmin: true }, `a normal query did not answer: ${JSON.stringify(result.errors)}`);
      assert.ok(ms < 1_000, `a normal query took ${ms.toFixed(0)} ms (more than 1 s)`);
    },
    sweepLogs: () => {
      const logs = readLogs(t);
      assert.ok(logs.includes('"level":"trace"'), 'the log has no trace-level line: the sweep would prove nothing');
      const found = [...secrets].filter((s) => logs.includes(s) || logs.includes(JSON.stringify(s).slice(1, -1)));
      assert.deepEqual(found, [], 'secrets found in the log');
    },
    close: () => t.close(),
  };
  return world;
}
