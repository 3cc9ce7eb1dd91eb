import type { EntityManager } from '@mikro-orm/postgresql';
import { BatchLoader } from '../common/batch-loader.js';
import { Customer } from '../customers/customer.entity.js';
import { Warehouse } from '../customers/warehouse.entity.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { WarehouseMapping } from '../integrations/warehouse-mapping.entity.js';

/** Per-request loaders: one query per field per request, whatever the number of parent rows. */
export function createLoaders(em: EntityManager) {
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

    activeIntegrationCount: new BatchLoader<string, number>(async (customerIds) => {
      const rows = await em.getConnection().execute<{ customer_id: string; n: string }[]>(
        `select customer_id, count(*) as n from integrations where status = 'ACTIVE' and customer_id in (?) group by customer_id`,
        [[...customerIds]],
      );
      return new Map(rows.map((r) => [r.customer_id, Number(r.n)]));
    }, () => 0),

    customerIntegrations: new BatchLoader<string, Integration[]>(async (customerIds) => {
      const rows = await em.find(
        Integration,
        { customer: { $in: [...customerIds] }, status: { $ne: IntegrationStatus.DELETED } },
        { orderBy: { createdAt: 'asc' } },
      );
      const result = new Map<string, Integration[]>();
      for (const i of rows) result.set(i.customer.id, [...(result.get(i.customer.id) ?? []), i]);
      return result;
    }, () => []),

    /** Did the newest ORDERS run of each integration fail? */
    lastOrderRunFailed: new BatchLoader<string, boolean>(async (integrationIds) => {
      const rows = await em.getConnection().execute<{ integration_id: string; status: string }[]>(
        `select distinct on (integration_id) integration_id, status from sync_runs
         where integration_id in (?) and kind = 'ORDERS' and status in ('SUCCEEDED', 'PARTIAL', 'FAILED')
         order by integration_id, created_at desc`,
        [[...integrationIds]],
      );
      return new Map(rows.map((r) => [r.integration_id, r.status === 'FAILED']));
    }, () => false),

    integrationMappings: new BatchLoader<string, WarehouseMapping[]>(async (integrationIds) => {
      const rows = await em.find(WarehouseMapping, { integration: { $in: [...integrationIds] } }, { orderBy: { unleashedWarehouseCode: 'asc' } });
      const result = new Map<string, WarehouseMapping[]>();
      for (const m of rows) result.set(m.integration.id, [...(result.get(m.integration.id) ?? []), m]);
      return result;
    }, () => []),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
