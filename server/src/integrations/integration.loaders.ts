import type { EntityManager } from '@mikro-orm/postgresql';
import { BatchLoader } from '../common/batch-loader.js';
import { HealthCondition } from './health-condition.entity.js';
import { Integration } from './integration.entity.js';
import { bySeverity } from './integration-health.js';
import { IntegrationStatus } from './integration.enums.js';
import { WarehouseMapping } from './warehouse-mapping.entity.js';

/** Per-request loaders of the integrations domain (`ctx.loaders.of(integrationLoaders)`). */
export function integrationLoaders(em: EntityManager) {
  return {
    /** By id, whatever its status (billing lines and runs point at deleted integrations too). */
    integration: new BatchLoader<string, Integration | null>(async (ids) => {
      const rows = await em.find(Integration, { id: { $in: [...ids] } });
      return new Map(rows.map((i) => [i.id, i]));
    }, () => null),

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

    /** Did the newest ORDERS run of each integration fail? (the health badge; reads `sync_runs`) */
    lastOrderRunFailed: new BatchLoader<string, boolean>(async (integrationIds) => {
      const rows = await em.getConnection().execute<{ integration_id: string; status: string }[]>(
        `select distinct on (integration_id) integration_id, status from sync_runs
         where integration_id in (?) and kind = 'ORDERS' and status in ('SUCCEEDED', 'PARTIAL', 'FAILED')
         order by integration_id, created_at desc`,
        [[...integrationIds]],
      );
      return new Map(rows.map((r) => [r.integration_id, r.status === 'FAILED']));
    }, () => false),

    /** The open health conditions of each integration, most severe first. */
    openConditions: new BatchLoader<string, HealthCondition[]>(async (integrationIds) => {
      const rows = await em.find(HealthCondition, { integrationId: { $in: [...integrationIds] }, clearedAt: null });
      const result = new Map<string, HealthCondition[]>();
      for (const c of [...rows].sort(bySeverity)) result.set(c.integrationId!, [...(result.get(c.integrationId!) ?? []), c]);
      return result;
    }, () => []),

    integrationMappings: new BatchLoader<string, WarehouseMapping[]>(async (integrationIds) => {
      const rows = await em.find(WarehouseMapping, { integration: { $in: [...integrationIds] } }, { orderBy: { unleashedWarehouseCode: 'asc' } });
      const result = new Map<string, WarehouseMapping[]>();
      for (const m of rows) result.set(m.integration.id, [...(result.get(m.integration.id) ?? []), m]);
      return result;
    }, () => []),
  };
}
