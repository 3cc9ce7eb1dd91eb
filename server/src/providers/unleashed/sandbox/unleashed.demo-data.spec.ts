import { UnleashedSandbox } from './unleashed.sandbox.js';
import { createDemoAccount, startOrderCompletion, createDemoOrder, demoProductCodes, seededRandom, startOrderFeed } from './unleashed.demo-data.js';

describe('Unleashed demo data', () => {
  it('offers a few hundred unique, fixed product codes', () => {
    expect(demoProductCodes.length).toBeGreaterThanOrEqual(200);
    expect(new Set(demoProductCodes).size).toBe(demoProductCodes.length);
    expect(demoProductCodes.slice(0, 3)).toEqual(['TNT-RDG1-GRN', 'TNT-RDG1-ORG', 'TNT-RDG2-GRN']);
    expect(demoProductCodes.every((code) => /^[A-Z0-9]+(-[A-Z0-9]+)*$/.test(code) && code.length <= 100)).toBe(true);
  });

  it('creates an account with the given credentials, AKL/SYD/MEL and the catalogue', () => {
    const sandbox = new UnleashedSandbox();
    const account = createDemoAccount(sandbox, { apiId: 'ABCDEF00-0000-0000-0000-000000000001', apiKey: 'demo-key' });
    expect(account).toMatchObject({ apiId: 'abcdef00-0000-0000-0000-000000000001', apiKey: 'demo-key', orderManagement: true });
    expect(account.warehouses.map((w) => w.WarehouseCode)).toEqual(['AKL', 'SYD', 'MEL']);
    expect(account.products.size).toBe(demoProductCodes.length);
  });

  it('splits each order with Order Management on into 1–3 shipments that together ship every line once', () => {
    const sandbox = new UnleashedSandbox();
    const account = createDemoAccount(sandbox, { apiId: 'a', apiKey: 'k' });
    const random = seededRandom(42);
    for (let i = 0; i < 200; i++) {
      const { order, shipments } = createDemoOrder(sandbox, account, random);
      expect(order.OrderStatus).toBe('Placed');
      expect(shipments.length).toBeGreaterThanOrEqual(1);
      expect(shipments.length).toBeLessThanOrEqual(3);
      const shipped = shipments.flatMap((s) => s.SalesShipmentLines.map((l) => [l.SalesOrderLineNumber, l.ShipmentQty]));
      expect(shipped.sort()).toEqual(order.SalesOrderLines.map((l) => [l.LineNumber, l.OrderQuantity]).sort());
      expect(order.DeliveryName).toMatch(/\w+ \w+/);
    }
    const unknown = [...account.orders.values()].flatMap((o) => o.SalesOrderLines).filter((l) => !account.products.has(l.Product.ProductCode));
    expect(unknown.length).toBeLessThan(40); // rare, not common
  });

  it('with Order Management off creates no shipment until an order is completed, then exactly one with every line, Dispatched', () => {
    const sandbox = new UnleashedSandbox();
    const account = createDemoAccount(sandbox, { apiId: 'a', apiKey: 'k', orderManagement: false, initialOrders: 20 });
    expect(account.shipments.size).toBe(0);
    const [order] = [...account.orders.values()];
    sandbox.setOrderStatus('a', order!.Guid, 'Completed');
    const shipments = [...account.shipments.values()];
    expect(shipments).toHaveLength(1);
    expect(shipments[0]).toMatchObject({ OrderNumber: order!.OrderNumber, ShipmentStatus: 'Dispatched' });
    expect(shipments[0]!.SalesShipmentLines.map((l) => [l.SalesOrderLineNumber, l.ShipmentQty])).toEqual(order!.SalesOrderLines.map((l) => [l.LineNumber, l.OrderQuantity]));
  });

  it('completes Order-Management-off orders once they are old enough (the demo merchant), never an Order-Management-on one', () => {
    jest.useFakeTimers();
    try {
      const sandbox = new UnleashedSandbox();
      const off = createDemoAccount(sandbox, { apiId: 'off', apiKey: 'k', orderManagement: false, initialOrders: 3 });
      const on = createDemoAccount(sandbox, { apiId: 'on', apiKey: 'k', orderManagement: true, initialOrders: 3 });
      const stopOff = startOrderCompletion(sandbox, off, { afterMs: 10_000, everyMs: 1_000 });
      const stopOn = startOrderCompletion(sandbox, on, { afterMs: 10_000, everyMs: 1_000 });
      jest.advanceTimersByTime(5_000);
      expect([...off.orders.values()].every((o) => o.OrderStatus === 'Placed')).toBe(true);
      jest.advanceTimersByTime(10_000);
      expect([...off.orders.values()].every((o) => o.OrderStatus === 'Completed')).toBe(true);
      expect(off.shipments.size).toBe(3);
      expect([...on.orders.values()].every((o) => o.OrderStatus === 'Placed')).toBe(true);
      stopOff();
      stopOn();
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps adding orders on the interval until stopped', () => {
    jest.useFakeTimers();
    try {
      const sandbox = new UnleashedSandbox();
      const account = createDemoAccount(sandbox, { apiId: 'a', apiKey: 'k' });
      const stop = startOrderFeed(sandbox, account, { everyMs: 1_000, seed: 7 });
      jest.advanceTimersByTime(3_500);
      expect(account.orders.size).toBe(3);
      stop();
      jest.advanceTimersByTime(5_000);
      expect(account.orders.size).toBe(3);
    } finally {
      jest.useRealTimers();
    }
  });
});
