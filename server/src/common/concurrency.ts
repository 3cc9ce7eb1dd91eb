/** Runs `work` for every item with at most `concurrency` at a time; resolves when all have finished. */
export async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/**
 * One at a time: the pass's workers share one EntityManager, which must not flush concurrently, so every
 * change to rows and every flush goes through here (the provider calls in between run in parallel).
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<R>(task: () => Promise<R>): Promise<R> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
