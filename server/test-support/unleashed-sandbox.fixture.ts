import { ManualClock } from '../src/common/clock.js';
import { UnleashedClient, type UnleashedClientOptions } from '../src/providers/unleashed/unleashed.client.js';
import { UnleashedSandbox, type UnleashedSandboxOptions } from '../src/providers/unleashed/sandbox/unleashed.sandbox.js';
import { decodedQueryMessage, signQuery } from '../src/providers/unleashed/unleashed.signer.js';
import type { SandboxAccount, SandboxAccountInput } from '../src/providers/unleashed/sandbox/unleashed-sandbox.types.js';

/** Test support: a listening sandbox with one account (AKL + SYD warehouses) and a client for it. */
export async function startSandbox(options: Partial<UnleashedSandboxOptions> = {}, accountInput: SandboxAccountInput = {}) {
  const clock = new ManualClock(new Date('2026-01-05T00:00:00Z'));
  const sandbox = new UnleashedSandbox({ ...options, clock });
  const baseUrl = await sandbox.listen();
  const account = sandbox.createAccount({ orderManagement: true, ...accountInput });
  sandbox.addWarehouse(account.apiId, { code: 'AKL', name: 'Auckland', isDefault: true });
  sandbox.addWarehouse(account.apiId, { code: 'SYD', name: 'Sydney' });
  const client = (overrides: Partial<UnleashedClientOptions> = {}) => clientFor(baseUrl, account, overrides);
  /** a raw request with exactly `query`, signed over its decoded form as Unleashed verifies it (a header may override), for behaviours the client never exercises */
  const raw = (path: string, query = '', init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    fetch(`${baseUrl}${path}${query ? `?${query}` : ''}`, {
      method: init.method ?? 'GET',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'api-auth-id': account.apiId,
        'api-auth-signature': signQuery(account.apiKey, decodedQueryMessage(query)),
        'client-type': 'conveyor/test',
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  return { sandbox, baseUrl, account, clock, client, raw };
}

export function clientFor(baseUrl: string, account: Pick<SandboxAccount, 'apiId' | 'apiKey'>, overrides: Partial<UnleashedClientOptions> = {}) {
  return new UnleashedClient({
    baseUrl,
    apiId: account.apiId,
    apiKey: account.apiKey,
    clientType: 'conveyor/test',
    timeoutMs: 5_000,
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    ...overrides,
  });
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export const oneLine = (productCode = 'TENT-2P', quantity = 1) => ({ lines: [{ productCode, quantity }] });
