import { ConcurrencyGate, runPool, Serial } from './concurrency.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('concurrency helpers', () => {
  it('a gate lets at most `limit` run at once, the rest in the order they came', async () => {
    const gate = new ConcurrencyGate(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const tasks = [0, 1, 2, 3].map((i) =>
      gate.run(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    releases.shift()!();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    while (releases.length || started.length < 4) {
      releases.shift()?.();
      await tick();
    }
    await Promise.all(tasks);
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('a gate frees its place when the work throws', async () => {
    const gate = new ConcurrencyGate(1);
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });

  it('runPool handles every item with at most `concurrency` at a time', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await runPool([1, 2, 3, 4, 5], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await tick();
      seen.push(n);
      running--;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it('Serial runs one task after the other, even after a failure', async () => {
    const serial = new Serial();
    const order: string[] = [];
    const a = serial.run(async () => {
      await tick();
      order.push('a');
      throw new Error('a failed');
    });
    const b = serial.run(async () => void order.push('b'));
    await expect(a).rejects.toThrow('a failed');
    await b;
    expect(order).toEqual(['a', 'b']);
  });
});
