/**
 * The in-process pub/sub that GraphQL subscriptions read (type-graphql's `PubSub`): a set of subscribers
 * per topic, each with its own queue. Publishing hands the same payload object to every subscriber of the
 * topic, in order; nothing is registered on an EventTarget or EventEmitter per subscriber (graphql-yoga's
 * pub/sub did, and Node warned "MaxListenersExceeded" past 10 subscribers of one topic), so a thousand
 * subscribers cost a thousand queue entries per event and no more.
 *
 * A subscriber that does not keep up (a stalled socket) keeps at most `bufferSize` undelivered events:
 * the oldest are dropped first. Events carry ids and the resolvers load the current row, so a newer
 * event of the same object says everything an older one did.
 */
export class FanOut {
  private readonly topics = new Map<string, Set<Subscriber>>();

  constructor(private readonly bufferSize = 500) {}

  publish(routingKey: string, ...args: unknown[]): void {
    const subscribers = this.topics.get(routingKey);
    if (!subscribers) return;
    const payload = args[0] ?? null;
    for (const subscriber of subscribers) if (subscriber.accepts(payload)) subscriber.push(payload);
  }

  /**
   * A subscriber of `routingKey`. `accept` (synchronous) is asked at publish time: what it refuses is never
   * queued, so a subscriber costs one function call for an event that is not for it.
   */
  subscribe(routingKey: string, accept: (payload: unknown) => boolean = () => true): AsyncIterableIterator<unknown> {
    let subscribers = this.topics.get(routingKey);
    if (!subscribers) {
      subscribers = new Set();
      this.topics.set(routingKey, subscribers);
    }
    const subscriber = new Subscriber(this.bufferSize, accept, () => {
      subscribers.delete(subscriber);
      if (subscribers.size === 0 && this.topics.get(routingKey) === subscribers) this.topics.delete(routingKey);
    });
    subscribers.add(subscriber);
    return subscriber;
  }

  /** Subscribers of a topic right now (metrics, tests). */
  subscriberCount(routingKey: string): number {
    return this.topics.get(routingKey)?.size ?? 0;
  }
}

class Subscriber implements AsyncIterableIterator<unknown> {
  private readonly queue: unknown[] = [];
  private waiting: ((result: IteratorResult<unknown>) => void) | null = null;
  private done = false;
  /** events dropped because this subscriber fell `bufferSize` behind */
  dropped = 0;

  constructor(
    private readonly bufferSize: number,
    readonly accepts: (payload: unknown) => boolean,
    private readonly onClose: () => void,
  ) {}

  push(payload: unknown): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: payload, done: false });
      return;
    }
    this.queue.push(payload);
    if (this.queue.length > this.bufferSize) {
      this.queue.shift();
      this.dropped++;
    }
  }

  next(): Promise<IteratorResult<unknown>> {
    if (this.queue.length) return Promise.resolve({ value: this.queue.shift(), done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<unknown>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<unknown>> {
    this.close();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<unknown> {
    return this;
  }

  private close(): void {
    if (this.done) return;
    this.done = true;
    this.queue.length = 0;
    this.onClose();
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.({ value: undefined, done: true });
  }
}

const eventLoads = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * One load per event and purpose, shared by every subscriber in this process: FanOut hands each of them
 * the same payload object, so the first subscriber's filter or resolver loads the row and the others
 * reuse the promise (a thousand subscribers of one event cost one query, not a thousand).
 */
export function oncePerEvent<T>(event: object, purpose: string, load: () => Promise<T>): Promise<T> {
  let loads = eventLoads.get(event);
  if (!loads) {
    loads = new Map();
    eventLoads.set(event, loads);
  }
  let loading = loads.get(purpose) as Promise<T> | undefined;
  if (!loading) {
    loading = load();
    loads.set(purpose, loading);
  }
  return loading;
}

/**
 * The events of `source` that `admit` lets through, in order (an asynchronous check, e.g. "does the row
 * still exist", after the cheap synchronous one at publish time). `return()` ends the source at once.
 */
export function admitted<T>(source: AsyncIterator<T>, admit: (payload: T) => Promise<boolean>): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      for (;;) {
        const item = await source.next();
        if (item.done || (await admit(item.value))) return item;
      }
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
