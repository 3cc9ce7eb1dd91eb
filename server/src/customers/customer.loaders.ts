import type { EntityManager } from '@mikro-orm/postgresql';
import { BatchLoader } from '../common/batch-loader.js';
import { Customer } from './customer.entity.js';
import { Warehouse } from './warehouse.entity.js';

/** Per-request loaders of the customers domain (`ctx.loaders.of(customerLoaders)`). */
export function customerLoaders(em: EntityManager) {
  return {
    customer: new BatchLoader<string, Customer | null>(async (ids) => {
      const rows = await em.find(Customer, { id: { $in: [...ids] } });
      return new Map(rows.map((c) => [c.id, c]));
    }, () => null),

    warehouse: new BatchLoader<string, Warehouse | null>(async (ids) => {
      const rows = await em.find(Warehouse, { id: { $in: [...ids] } });
      return new Map(rows.map((w) => [w.id, w]));
    }, () => null),

    customerWarehouses: new BatchLoader<string, Warehouse[]>(async (customerIds) => {
      const rows = await em.getConnection().execute<{ customer_id: string; warehouse_id: string }[]>(
        `select customer_id, warehouse_id from customer_warehouses where customer_id in (?)`,
        [[...customerIds]],
      );
      const warehouses = rows.length ? await em.find(Warehouse, { id: { $in: [...new Set(rows.map((r) => r.warehouse_id))] } }, { orderBy: { name: 'asc' } }) : [];
      const byId = new Map(warehouses.map((w) => [w.id, w]));
      const result = new Map<string, Warehouse[]>();
      for (const r of rows) {
        const w = byId.get(r.warehouse_id);
        if (w) result.set(r.customer_id, [...(result.get(r.customer_id) ?? []), w]);
      }
      for (const list of result.values()) list.sort((a, b) => a.name.localeCompare(b.name));
      return result;
    }, () => []),
  };
}
