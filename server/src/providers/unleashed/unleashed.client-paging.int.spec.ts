import v8 from 'node:v8';
import vm from 'node:vm';
import { collect, oneLine, startSandbox } from '../../../test-support/unleashed-sandbox.fixture.js';

/** A heap reading after a full collection (gc exposed at run time), so garbage does not count. */
function liveHeap(): number {
  v8.setFlagsFromString('--expose_gc');
  (vm.runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

type Kit = Awaited<ReturnType<typeof startSandbox>>;
let kit: Kit;
afterEach(async () => {
  await kit?.sandbox.close();
});

describe('UnleashedClient paging stays lazy and bounded', () => {
  it('requests each page only when the consumer pulls past the previous one', async () => {
    kit = await startSandbox();
    for (let i = 0; i < 10; i++) kit.sandbox.createOrder(kit.account.apiId, oneLine());
    const iterator = kit.client({ pageSize: 3 }).salesOrders()[Symbol.asyncIterator]();
    const pagesRequested: number[] = [];
    for (let pulled = 1; pulled <= 10; pulled++) {
      const next = await iterator.next();
      expect(next.done).toBe(false);
      pagesRequested.push(kit.sandbox.requestLog.length);
    }
    expect(pagesRequested).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4]);
    expect((await iterator.next()).done).toBe(true);
    expect(kit.sandbox.requestLog).toHaveLength(4);
  });

  it('walks 1,000 pages of one order each without the heap growing with the listing', async () => {
    kit = await startSandbox();
    // heavy orders (40 lines each), so that keeping the listing would dwarf any measurement noise
    const lines = (i: number) => Array.from({ length: 40 }, (_, l) => ({ productCode: `SKU-${i}-${l}`, quantity: 1 + l, comments: `line ${l} of order ${i}` }));
    for (let i = 0; i < 1000; i++) kit.sandbox.createOrder(kit.account.apiId, { lines: lines(i), shipments: [] });
    const client = kit.client({ pageSize: 1 });
    let seen = 0;
    let maxPageItems = 0;
    let atPage100 = 0;
    let sizeOfOne = 0;
    for await (const page of client.salesOrderPages()) {
      seen += page.items.length;
      maxPageItems = Math.max(maxPageItems, page.items.length);
      expect(page.numberOfPages).toBe(1000);
      if (seen === 100) {
        atPage100 = liveHeap();
        sizeOfOne = JSON.stringify(page.items[0]).length;
      }
    }
    const grown = liveHeap() - atPage100;
    expect(seen).toBe(1000);
    expect(maxPageItems).toBe(1);
    expect(kit.sandbox.requestLog).toHaveLength(1000);
    // holding the 900 orders read after page 100 would keep at least 900 × their JSON size alive
    // (> 10 MB, more as objects); live heap (after full collections) grows by far less than that
    expect(sizeOfOne).toBeGreaterThan(12_000);
    expect(grown).toBeLessThan(900 * sizeOfOne * 0.25);
  }, 60_000);

  it('hands the consumer the same items whether paged by 1 or by 1000', async () => {
    kit = await startSandbox();
    for (let i = 0; i < 25; i++) kit.sandbox.createOrder(kit.account.apiId, oneLine());
    const small = await collect(kit.client({ pageSize: 1 }).salesShipments());
    const large = await collect(kit.client({ pageSize: 1000 }).salesShipments());
    expect(small.map((s) => s.Guid)).toEqual(large.map((s) => s.Guid));
  });
});
