import { collect, oneLine, startSandbox } from './unleashed-sandbox.fixture.js';

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
    for (let i = 0; i < 1000; i++) kit.sandbox.createOrder(kit.account.apiId, oneLine(`SKU-${i}`));
    const client = kit.client({ pageSize: 1 });
    let seen = 0;
    let maxPageItems = 0;
    const before = process.memoryUsage().heapUsed;
    for await (const page of client.salesOrderPages()) {
      seen += page.items.length;
      maxPageItems = Math.max(maxPageItems, page.items.length);
      expect(page.numberOfPages).toBe(1000);
    }
    const grown = process.memoryUsage().heapUsed - before;
    expect(seen).toBe(1000);
    expect(maxPageItems).toBe(1);
    expect(kit.sandbox.requestLog).toHaveLength(1000);
    // 1,000 parsed orders kept would be several MB on top of the traffic garbage; a generous bound
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  }, 60_000);

  it('hands the consumer the same items whether paged by 1 or by 1000', async () => {
    kit = await startSandbox();
    for (let i = 0; i < 25; i++) kit.sandbox.createOrder(kit.account.apiId, oneLine());
    const small = await collect(kit.client({ pageSize: 1 }).salesShipments());
    const large = await collect(kit.client({ pageSize: 1000 }).salesShipments());
    expect(small.map((s) => s.Guid)).toEqual(large.map((s) => s.Guid));
  });
});
