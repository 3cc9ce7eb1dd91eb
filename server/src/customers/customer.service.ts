import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAudit } from '../audit/audit.service.js';
import type { Viewer } from '../auth/viewer.js';
import { canSeeCustomer, requireAdmin, requireViewer, visibleCustomerIds } from '../auth/access-policy.js';
import { AppError, badInput, notFound } from '../common/errors.js';
import type { ProviderFactory } from '../providers/provider-factory.js';
import { ProviderError, unavailableReason } from '../providers/shared/provider-error.js';
import { isUuid, requiredText, requiredUuid } from '../common/validation.js';
import { Customer } from './customer.entity.js';
import type { CustomerInput, WarehouseInput } from './customer.inputs.js';
import { Warehouse } from './warehouse.entity.js';

/** Customers and warehouses: admins manage them; customer users see their own. */
export class CustomerService {
  constructor(private readonly providers: Pick<ProviderFactory, 'cartonCloud'>) {}

  /**
   * Adds every CartonCloud customer (GET /customers) not yet known here, with no warehouses and
   * self-managed integrations off. Returns the customers added. Existing ones are left as they are.
   */
  async importFromCartonCloud(em: EntityManager, viewer: Viewer | null): Promise<Customer[]> {
    const admin = requireAdmin(viewer);
    let remote: { id: string; name: string }[];
    try {
      remote = await this.providers.cartonCloud().listCustomers();
    } catch (error) {
      if (error instanceof ProviderError) {
        throw new AppError('UPSTREAM_UNAVAILABLE', `CartonCloud could not list its customers (${unavailableReason(error)}). Nothing was imported.`, { provider: 'cartoncloud' });
      }
      throw error;
    }
    const known = new Set((await em.find(Customer, { cartonCloudCustomerId: { $in: remote.map((c) => c.id.toLowerCase()) } })).map((c) => c.cartonCloudCustomerId));
    const added = remote
      .filter((c) => !known.has(c.id.toLowerCase()))
      .map((c) => em.create(Customer, { name: (c.name || c.id).trim().slice(0, 120), cartonCloudCustomerId: c.id.toLowerCase(), selfManagedIntegrationsAllowed: false }));
    if (added.length) recordAudit(em, admin, 'customer.imported', {}, { count: added.length, cartonCloudCustomerIds: added.map((c) => c.cartonCloudCustomerId) });
    await em.flush();
    return added;
  }
  async list(em: EntityManager, viewer: Viewer | null): Promise<Customer[]> {
    const ids = visibleCustomerIds(requireViewer(viewer));
    return em.find(Customer, ids === null ? {} : { id: { $in: ids } }, { orderBy: { name: 'asc' } });
  }

  /** null when absent or not visible (the two are indistinguishable to a customer user on purpose). */
  async get(em: EntityManager, viewer: Viewer | null, id: string): Promise<Customer | null> {
    requireViewer(viewer);
    if (!isUuid(id) || !canSeeCustomer(viewer, id)) return null;
    return em.findOne(Customer, { id });
  }

  async require(em: EntityManager, viewer: Viewer | null, id: string, field = 'id'): Promise<Customer> {
    requireViewer(viewer);
    if (!isUuid(id)) throw badInput(field, 'Not a valid customer id.');
    const customer = await this.get(em, viewer, id);
    if (!customer) throw notFound('Customer', id);
    return customer;
  }

  async warehouses(em: EntityManager, viewer: Viewer | null): Promise<Warehouse[]> {
    const v = requireViewer(viewer);
    if (v.isAdmin) return em.find(Warehouse, {}, { orderBy: { name: 'asc' } });
    if (!v.customerId) return [];
    const customer = await em.findOne(Customer, { id: v.customerId }, { populate: ['warehouses'] });
    return customer ? [...customer.warehouses].sort((a, b) => a.name.localeCompare(b.name)) : [];
  }

  async createWarehouse(em: EntityManager, viewer: Viewer | null, input: WarehouseInput): Promise<Warehouse> {
    const admin = requireAdmin(viewer);
    const name = requiredText(input.name, 'input.name', 'Name');
    const cartonCloudWarehouseId = requiredUuid(input.cartonCloudWarehouseId, 'input.cartonCloudWarehouseId', 'CartonCloud warehouse id');
    if (await em.count(Warehouse, { cartonCloudWarehouseId })) {
      throw badInput('input.cartonCloudWarehouseId', 'A warehouse with this CartonCloud id already exists.');
    }
    const warehouse = em.create(Warehouse, { name, cartonCloudWarehouseId });
    recordAudit(em, admin, 'warehouse.created', {}, { warehouseId: warehouse.id, name, cartonCloudWarehouseId });
    await em.flush();
    return warehouse;
  }

  async createCustomer(em: EntityManager, viewer: Viewer | null, input: CustomerInput): Promise<Customer> {
    const admin = requireAdmin(viewer);
    const fields = await this.validate(em, input, null);
    const customer = em.create(Customer, {
      name: fields.name,
      cartonCloudCustomerId: fields.cartonCloudCustomerId,
      selfManagedIntegrationsAllowed: input.selfManagedIntegrationsAllowed ?? false,
    });
    customer.warehouses.set(fields.warehouses ?? []);
    recordAudit(em, admin, 'customer.created', { customerId: customer.id }, this.auditDetails(customer));
    await em.flush();
    return customer;
  }

  async updateCustomer(em: EntityManager, viewer: Viewer | null, id: string, input: CustomerInput): Promise<Customer> {
    const admin = requireAdmin(viewer);
    const customer = await this.require(em, viewer, id);
    const fields = await this.validate(em, input, customer.id);
    await customer.warehouses.init();
    customer.name = fields.name;
    customer.cartonCloudCustomerId = fields.cartonCloudCustomerId;
    if (fields.warehouses) customer.warehouses.set(fields.warehouses);
    if (input.selfManagedIntegrationsAllowed !== undefined && input.selfManagedIntegrationsAllowed !== null) {
      customer.selfManagedIntegrationsAllowed = input.selfManagedIntegrationsAllowed;
    }
    recordAudit(em, admin, 'customer.updated', { customerId: customer.id }, this.auditDetails(customer));
    await em.flush();
    return customer;
  }

  private auditDetails(customer: Customer): Record<string, unknown> {
    return {
      name: customer.name,
      cartonCloudCustomerId: customer.cartonCloudCustomerId,
      selfManagedIntegrationsAllowed: customer.selfManagedIntegrationsAllowed,
      warehouseIds: customer.warehouses.isInitialized() ? customer.warehouses.getIdentifiers() : undefined,
    };
  }

  private async validate(em: EntityManager, input: CustomerInput, existingId: string | null) {
    const name = requiredText(input.name, 'input.name', 'Name');
    const cartonCloudCustomerId = requiredUuid(input.cartonCloudCustomerId, 'input.cartonCloudCustomerId', 'CartonCloud customer id');
    const clash = await em.findOne(Customer, { cartonCloudCustomerId });
    if (clash && clash.id !== existingId) {
      throw badInput('input.cartonCloudCustomerId', `This CartonCloud customer is already set up as "${clash.name}".`);
    }
    let warehouses: Warehouse[] | null = null;
    if (input.warehouseIds) {
      const ids = [...new Set(input.warehouseIds)];
      const bad = ids.find((w) => !isUuid(w));
      if (bad) throw badInput('input.warehouseIds', `"${bad}" is not a warehouse id.`);
      warehouses = ids.length ? await em.find(Warehouse, { id: { $in: ids } }) : [];
      const missing = ids.filter((w) => !warehouses!.some((found) => found.id === w));
      if (missing.length) throw badInput('input.warehouseIds', `No warehouse with id ${missing.join(', ')}.`);
    }
    return { name, cartonCloudCustomerId, warehouses };
  }
}
