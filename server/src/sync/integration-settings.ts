import type { EntityManager } from '@mikro-orm/postgresql';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { WarehouseMapping } from '../integrations/warehouse-mapping.entity.js';

/** What creating an integration's sale orders needs to know about it. */
export interface IntegrationSettings {
  integrationId: string;
  customerId: string;
  active: boolean;
  cartonCloudCustomerId: string;
  includeComments: boolean;
  timeZone: string;
  defaultCartonCloudWarehouseId: string | null;
  mappings: { unleashedWarehouseCode: string; cartonCloudWarehouseId: string | null }[];
}

interface Cached {
  settings: IntegrationSettings;
  loadedAt: number;
  /** the integration's updated_at when loaded: a newer one means it was reconfigured (any process) */
  updatedAt: number;
}

const SETTINGS_TTL_MS = 2_000;

/**
 * The create queue's cache of integration settings, per process. An entry younger than two seconds is
 * checked with one primary-key read of `updated_at` (every setup step changes it, in any process) before
 * it is used; an older or changed one is loaded again with its customer, default warehouse and mappings.
 */
export class IntegrationSettingsCache {
  private readonly cache = new Map<string, Cached>();

  async get(em: EntityManager, integrationId: string): Promise<IntegrationSettings | null> {
    const cached = this.cache.get(integrationId);
    if (cached && Date.now() - cached.loadedAt < SETTINGS_TTL_MS) {
      const [row] = await em.getConnection().execute<{ updated_at: Date }[]>('select updated_at from integrations where id = ?', [integrationId]);
      if (row && new Date(row.updated_at).getTime() === cached.updatedAt) return cached.settings;
    }
    const integration = await em.findOne(Integration, integrationId, { populate: ['customer', 'defaultWarehouse'] });
    if (!integration) return null;
    const mappings = await em.find(WarehouseMapping, { integration: integrationId }, { populate: ['warehouse'] });
    const settings: IntegrationSettings = {
      integrationId,
      customerId: integration.customer.id,
      active: integration.status === IntegrationStatus.ACTIVE,
      cartonCloudCustomerId: integration.customer.getEntity().cartonCloudCustomerId,
      includeComments: integration.includeComments,
      timeZone: integration.unleashedTimeZone,
      defaultCartonCloudWarehouseId: integration.defaultWarehouse?.getEntity().cartonCloudWarehouseId ?? null,
      mappings: mappings.map((m) => ({
        unleashedWarehouseCode: m.unleashedWarehouseCode,
        cartonCloudWarehouseId: m.warehouse?.getEntity().cartonCloudWarehouseId ?? null,
      })),
    };
    this.cache.set(integrationId, { settings, loadedAt: Date.now(), updatedAt: integration.updatedAt.getTime() });
    return settings;
  }
}
