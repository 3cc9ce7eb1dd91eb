/**
 * A per-request batching loader (the DataLoader pattern, ~30 lines): every `load(key)` made in the same
 * tick is answered by one `batch(keys)` call, so field resolvers never issue one query per parent row.
 */
export class BatchLoader<K, V> {
  private queue: { key: K; resolve: (v: V) => void; reject: (e: unknown) => void }[] = [];
  private cache = new Map<K, Promise<V>>();

  constructor(private readonly batch: (keys: readonly K[]) => Promise<Map<K, V>>, private readonly fallback: (key: K) => V) {}

  load(key: K): Promise<V> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const promise = new Promise<V>((resolve, reject) => {
      this.queue.push({ key, resolve, reject });
      if (this.queue.length === 1) process.nextTick(() => void this.flush());
    });
    this.cache.set(key, promise);
    return promise;
  }

  private async flush(): Promise<void> {
    const pending = this.queue;
    this.queue = [];
    try {
      const results = await this.batch([...new Set(pending.map((p) => p.key))]);
      for (const p of pending) p.resolve(results.has(p.key) ? (results.get(p.key) as V) : this.fallback(p.key));
    } catch (error) {
      for (const p of pending) {
        this.cache.delete(p.key);
        p.reject(error);
      }
    }
  }
}
