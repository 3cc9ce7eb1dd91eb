import { ProviderError } from '../shared/provider-error.js';
import { collect, oneLine, startSandbox } from '../../../test-support/unleashed-sandbox.fixture.js';
import type { UnleashedCallInfo } from './unleashed.client.js';

type Kit = Awaited<ReturnType<typeof startSandbox>>;
let kit: Kit;
afterEach(async () => {
  await kit?.sandbox.close();
});

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe('UnleashedClient against the sandbox: quota, faults and timeouts', () => {
  it('tells a used-up monthly quota (403 with its words) from a refused signature (bare 403), and works again after 00:00 UTC on the 1st', async () => {
    kit = await startSandbox({}, { monthlyQuota: 2 });
    const client = kit.client();
    await client.checkCredentials();
    await client.checkCredentials();
    const error = await failure(client.checkCredentials());
    expect(error).toMatchObject({ code: 'QUOTA_EXHAUSTED', status: 403 });
    expect(error.message).toMatch(/monthly API allowance is used up/);
    expect(kit.sandbox.requestLog.at(-1)!.status).toBe(403); // not retried: every call is refused until the 1st
    expect(kit.sandbox.callCounts(kit.account.apiId).callsThisMonth).toBe(2); // refused calls are not counted
    // a wrong key during the same month is still AUTH: its 403 is bare
    await expect(kit.client({ apiKey: 'wrong' }).checkCredentials()).rejects.toMatchObject({ code: 'AUTH', status: 403 });

    kit.clock.set('2026-01-31T23:59:59Z');
    await expect(client.checkCredentials()).rejects.toMatchObject({ code: 'QUOTA_EXHAUSTED' });
    kit.clock.set('2026-02-01T00:00:00Z');
    await expect(client.checkCredentials()).resolves.toBeUndefined();
  });

  it('recognises the quota answer when the sandbox is switched to send it as 429 (retried, then QUOTA_EXHAUSTED)', async () => {
    kit = await startSandbox({ quotaStatus: 429 }, { monthlyQuota: 0 });
    await expect(kit.client().checkCredentials()).rejects.toMatchObject({ code: 'QUOTA_EXHAUSTED', status: 429 });
    expect(kit.sandbox.requestLog.map((r) => r.status)).toEqual([429, 429, 429]);
  });

  it('keeps a bare 429 (a throttle, not the allowance) RATE_LIMITED', async () => {
    kit = await startSandbox();
    kit.sandbox.setFaults({ rateLimitBurst: 5 });
    await expect(kit.client().checkCredentials()).rejects.toMatchObject({ code: 'RATE_LIMITED', status: 429 });
  });

  it('retries a 5xx and succeeds when the next attempt is answered', async () => {
    kit = await startSandbox();
    kit.sandbox.createOrder(kit.account.apiId, oneLine());
    kit.sandbox.setFaults({ errorRate: 1 });
    const calls: UnleashedCallInfo[] = [];
    const client = kit.client({
      onCall: (info) => {
        calls.push(info);
        kit.sandbox.clearFaults(); // the outage lasts one request
      },
    });
    const orders = await collect(client.salesOrders());
    expect(orders).toHaveLength(1);
    expect(calls.map((c) => [c.attempt, c.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
  });

  it('gives up on a lasting 5xx with TEMPORARY after the policy’s attempts', async () => {
    kit = await startSandbox();
    kit.sandbox.setFaults({ errorRate: 1 });
    const error = await failure(kit.client().listWarehouses());
    expect(error).toMatchObject({ code: 'TEMPORARY', status: 500 });
    expect(kit.sandbox.requestLog).toHaveLength(3);
  });

  it('rides out a burst of 429s', async () => {
    kit = await startSandbox();
    kit.sandbox.setFaults({ rateLimitBurst: 2 });
    await expect(kit.client().listWarehouses()).resolves.toHaveLength(2);
    expect(kit.sandbox.requestLog.map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('turns a request the sandbox never answers into TEMPORARY after the timeout', async () => {
    kit = await startSandbox();
    kit.sandbox.setFaults({ timeoutRate: 1 });
    const started = Date.now();
    const error = await failure(kit.client({ timeoutMs: 150, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } }).checkCredentials());
    expect(error.code).toBe('TEMPORARY');
    // (the message says "timed out" under plain Node; under jest the DOMException comes from another realm,
    // so shared/http-call.ts's `instanceof Error` misses it and says "network error" — same code either way)
    expect(error.message).toMatch(/did not answer/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(kit.sandbox.requestLog.map((r) => r.status)).toEqual(['no answer', 'no answer']);
  });

  it('adds the configured latency to every answer', async () => {
    kit = await startSandbox();
    kit.sandbox.setFaults({ latencyMs: 120 });
    const started = Date.now();
    await kit.client().checkCredentials();
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
  });
});
