import { admitted, FanOut, oncePerEvent } from './fan-out.js';

const take = async <T>(iterator: AsyncIterator<T>, n: number): Promise<T[]> => {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push((await iterator.next()).value as T);
  return out;
};

describe('FanOut: the pub/sub under GraphQL subscriptions', () => {
  it('hands the same payload object to a thousand subscribers, in order, without a listener warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const fanOut = new FanOut();
    const subscribers = Array.from({ length: 1000 }, () => fanOut.subscribe('TOPIC'));
    const first = { n: 1 };
    const second = { n: 2 };
    fanOut.publish('TOPIC', first);
    fanOut.publish('TOPIC', second);
    for (const subscriber of subscribers) expect(await take(subscriber, 2)).toEqual([first, second]);
    expect(fanOut.subscriberCount('TOPIC')).toBe(1000);
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('queues only what a subscriber accepts, decided at publish time', async () => {
    const fanOut = new FanOut();
    const acme = fanOut.subscribe('RUN', (p) => (p as { customer: string }).customer === 'acme');
    fanOut.publish('RUN', { customer: 'globex' });
    fanOut.publish('RUN', { customer: 'acme', n: 1 });
    expect(await take(acme, 1)).toEqual([{ customer: 'acme', n: 1 }]);
  });

  it('forgets a subscriber that returns, even while it waits for an event, and ends its pending read', async () => {
    const fanOut = new FanOut();
    const subscriber = fanOut.subscribe('TOPIC');
    const pending = subscriber.next();
    expect(fanOut.subscriberCount('TOPIC')).toBe(1);
    await subscriber.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(fanOut.subscriberCount('TOPIC')).toBe(0);
    fanOut.publish('TOPIC', { late: true });
    expect(await subscriber.next()).toEqual({ value: undefined, done: true });
  });

  it('keeps at most bufferSize undelivered events for a subscriber that does not keep up, dropping the oldest', async () => {
    const fanOut = new FanOut(3);
    const slow = fanOut.subscribe('TOPIC');
    for (let n = 1; n <= 5; n++) fanOut.publish('TOPIC', { n });
    expect(await take(slow, 3)).toEqual([{ n: 3 }, { n: 4 }, { n: 5 }]);
  });

  it('oncePerEvent: one load per event and purpose, shared by every subscriber of it', async () => {
    let loads = 0;
    const event = {};
    const load = () => oncePerEvent(event, 'row', async () => ++loads);
    expect(await Promise.all([load(), load(), load()])).toEqual([1, 1, 1]);
    expect(await oncePerEvent({}, 'row', async () => ++loads)).toBe(2);
    expect(await oncePerEvent(event, 'other', async () => 'x')).toBe('x');
  });

  it('admitted: lets through what the asynchronous check admits, in order, and returns at once', async () => {
    const fanOut = new FanOut();
    const source = fanOut.subscribe('TOPIC') as AsyncIterator<{ n: number }>;
    const evens = admitted(source, async (p) => p.n % 2 === 0);
    for (let n = 1; n <= 4; n++) fanOut.publish('TOPIC', { n });
    expect(await take(evens, 2)).toEqual([{ n: 2 }, { n: 4 }]);
    const pending = evens.next();
    await evens.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(fanOut.subscriberCount('TOPIC')).toBe(0);
  });
});
