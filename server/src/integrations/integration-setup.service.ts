import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { recordAudit } from '../audit/audit.service.js';
import type { Viewer } from '../auth/viewer.js';
import { assertCanManageIntegrations, canSeeCustomer, requireViewer } from '../auth/access-policy.js';
import { AppError, badInput, notFound } from '../common/errors.js';
import { isUuid, requiredText } from '../common/validation.js';
import type { Clock } from '../common/clock.js';
import type { SecretBox } from '../common/secret-box.js';
import { isValidTimeZone, type Config } from '../config.js';
import { Customer } from '../customers/customer.entity.js';
import { Warehouse } from '../customers/warehouse.entity.js';
import type { JobScheduler } from '../jobs/job-scheduler.js';
import type { ProviderFactory } from '../providers/provider-factory.js';
import { actionFor, ProviderError, unavailableReason } from '../providers/shared/provider-error.js';
import type { UnleashedClient } from '../providers/unleashed/unleashed.client.js';
import { Integration } from './integration.entity.js';
import { IntegrationStatus, SetupStep } from './integration.enums.js';
import type { AuthenticationInput, CreateIntegrationInput, FulfilmentInput, OrderCreationInput } from './integration.inputs.js';
import { IntegrationHealth } from './integration-health.js';
import type { IntegrationUpdates } from './integration-updates.js';
import { nextStepOf } from './integration-state.js';
import { WarehouseMapping } from './warehouse-mapping.entity.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Shipments skipped for want of a warehouse, sent again after step 3 changes the warehouses. The ledger
 * implements it (`ShipmentLedger.requeueSkipped`); app/ wires it, so integrations never imports the ledger.
 */
export interface SkippedShipments {
  requeueSkipped(em: EntityManager, integrationId: string): Promise<number>;
  /** orders waiting for a shipment (none at all) are sent whole: "send orders without a shipment" was turned on */
  sendAwaitingWhole(em: EntityManager, integrationId: string): Promise<number>;
}

export interface IntegrationSetupDeps {
  config: Pick<Config, 'UNLEASHED_DEFAULT_TIME_ZONE' | 'CARTONCLOUD_WAREHOUSE_FULFILMENTS'>;
  clock: Clock;
  secretBox: SecretBox;
  scheduler: Pick<JobScheduler, 'now'>;
  providers: Pick<ProviderFactory, 'unleashed'>;
  updates: IntegrationUpdates;
  skippedShipments: SkippedShipments;
  /** closes the conditions a reconfiguration makes obsolete (the one writer of health) */
  health: Pick<IntegrationHealth, 'credentialsReplacedStored' | 'orderManagementRelearnStored'>;
}

/**
 * The four setup steps, reconfiguration and deletion (CONTRACT §4). Each mutation validates its own
 * input and changes nothing when it fails; checks against Unleashed happen before anything is written.
 * The only writer of an integration's setup; its health fields change only through IntegrationHealth.
 */
export class IntegrationSetupService {
  constructor(private readonly deps: IntegrationSetupDeps) {}

  async get(em: EntityManager, viewer: Viewer | null, id: string): Promise<Integration | null> {
    requireViewer(viewer);
    if (!isUuid(id)) return null;
    const integration = await em.findOne(Integration, { id });
    if (!integration || !canSeeCustomer(viewer, integration.customer.id)) return null;
    return integration;
  }

  /** Loads an integration the viewer may change: visible, not deleted, customer allows it. */
  async requireManageable(em: EntityManager, viewer: Viewer | null, id: string): Promise<{ integration: Integration; customer: Customer; actor: Viewer }> {
    requireViewer(viewer);
    if (!isUuid(id)) throw badInput('id', 'Not a valid integration id.');
    const integration = await this.get(em, viewer, id);
    if (!integration) throw notFound('Integration', id);
    const customer = await em.findOneOrFail(Customer, { id: integration.customer.id });
    const actor = assertCanManageIntegrations(viewer, customer);
    if (integration.status === IntegrationStatus.DELETED) throw badInput('id', 'This integration was deleted; create a new one instead.');
    return { integration, customer, actor };
  }

  async create(em: EntityManager, viewer: Viewer | null, input: CreateIntegrationInput): Promise<Integration> {
    requireViewer(viewer);
    if (!isUuid(input.customerId ?? '')) throw badInput('input.customerId', 'Not a valid customer id.');
    const customer = canSeeCustomer(viewer, input.customerId) ? await em.findOne(Customer, { id: input.customerId }) : null;
    if (!customer) throw new AppError('NOT_FOUND', `Customer ${input.customerId} was not found.`, { field: 'input.customerId' });
    const actor = assertCanManageIntegrations(viewer, customer);
    const name = requiredText(input.name, 'input.name', 'Name', 80);
    await this.assertNameFree(em, customer.id, name, null);
    const integration = em.create(Integration, { customer, name, unleashedTimeZone: this.deps.config.UNLEASHED_DEFAULT_TIME_ZONE });
    recordAudit(em, actor, 'integration.created', { customerId: customer.id, integrationId: integration.id }, { name });
    await this.flushUnique(em);
    await this.published(integration);
    return integration;
  }

  /** Renames (step 1 again, for an existing integration). */
  async rename(em: EntityManager, viewer: Viewer | null, id: string, rawName: string): Promise<Integration> {
    const { integration, actor } = await this.requireManageable(em, viewer, id);
    const name = requiredText(rawName, 'name', 'Name', 80);
    await this.assertNameFree(em, integration.customer.id, name, integration.id);
    const before = integration.name;
    integration.name = name;
    recordAudit(em, actor, 'integration.renamed', { customerId: integration.customer.id, integrationId: integration.id }, { from: before, to: name });
    await this.flushUnique(em);
    await this.published(integration);
    return integration;
  }

  async configureAuthentication(em: EntityManager, viewer: Viewer | null, id: string, input: AuthenticationInput): Promise<Integration> {
    const { integration, actor } = await this.requireManageable(em, viewer, id);
    const apiId = (input.apiId ?? '').trim();
    const apiKey = (input.apiKey ?? '').trim();
    if (!apiId) throw badInput('input.apiId', 'The Unleashed API ID is required.');
    if (!GUID.test(apiId)) throw badInput('input.apiId', 'The Unleashed API ID is a GUID like 1a2b3c4d-1a2b-1a2b-1a2b-1a2b3c4d5e6f (Integrations → Unleashed API Access).');
    if (!apiKey) throw badInput('input.apiKey', 'The Unleashed API key is required.');
    if (apiKey.length > 256 || /\s/.test(apiKey)) throw badInput('input.apiKey', 'That does not look like an Unleashed API key: copy it again from Unleashed API Access.');

    // checked live before anything is stored
    await this.callUnleashed(() => this.deps.providers.unleashed(apiId, apiKey, { timeoutMs: 15_000, integrationId: integration.id }).checkCredentials());

    const accountChanged = integration.unleashedApiId !== null && integration.unleashedApiId.toLowerCase() !== apiId.toLowerCase();
    integration.unleashedApiId = apiId.toLowerCase();
    integration.unleashedApiKeySealed = this.deps.secretBox.seal(apiKey, integration.id);
    integration.authenticationConfiguredAt = this.deps.clock.now();
    IntegrationHealth.credentialsReplaced(integration, accountChanged);
    if (accountChanged) {
      // another Unleashed account: its orders are new to us, and the old warehouse codes mean nothing there
      integration.orderCursor = null;
      integration.fulfilmentCursor = null;
      integration.knownUnleashedWarehouseCodes = null;
    }
    recordAudit(em, actor, 'integration.authentication.configured', { customerId: integration.customer.id, integrationId: integration.id }, {
      apiId: integration.unleashedApiId,
      accountChanged,
    });
    await em.flush();
    await this.deps.health.credentialsReplacedStored(em, integration, accountChanged);
    await this.afterChange(integration);
    return integration;
  }

  async configureOrderCreation(em: EntityManager, viewer: Viewer | null, id: string, input: OrderCreationInput): Promise<Integration> {
    const { integration, customer, actor } = await this.requireManageable(em, viewer, id);
    if (!integration.authenticationConfiguredAt) throw badInput('id', 'Connect the Unleashed account first (step 2), so its warehouse codes can be checked.');
    await customer.warehouses.init();
    const allowed = new Map(customer.warehouses.getItems().map((w) => [w.id, w]));
    const describeAllowed = () =>
      allowed.size ? `${customer.name} may use: ${[...allowed.values()].map((w) => w.name).join(', ')}.` : `${customer.name} may not use any warehouse yet: ask the 3PL to allow one.`;

    let defaultWarehouse: Warehouse | null = null;
    if (input.defaultWarehouseId) {
      defaultWarehouse = allowed.get(input.defaultWarehouseId) ?? null;
      if (!defaultWarehouse) throw badInput('input.defaultWarehouseId', `That warehouse is not one this customer may use. ${describeAllowed()}`);
    }
    const mappings: { code: string; warehouse: Warehouse | null }[] = [];
    const seen = new Set<string>();
    (input.warehouseMappings ?? []).forEach((mapping, index) => {
      const field = `input.warehouseMappings[${index}]`;
      const code = (mapping.unleashedWarehouseCode ?? '').trim();
      if (!code) throw badInput(`${field}.unleashedWarehouseCode`, 'The Unleashed warehouse code is required.');
      if (code.length > 15) throw badInput(`${field}.unleashedWarehouseCode`, 'Unleashed warehouse codes are at most 15 characters.');
      if (seen.has(code)) throw badInput(`${field}.unleashedWarehouseCode`, `Warehouse code ${code} is mapped twice.`);
      seen.add(code);
      let warehouse: Warehouse | null = null;
      if (mapping.warehouseId) {
        warehouse = allowed.get(mapping.warehouseId) ?? null;
        if (!warehouse) throw badInput(`${field}.warehouseId`, `That warehouse is not one this customer may use. ${describeAllowed()}`);
      }
      mappings.push({ code, warehouse });
    });

    // the codes must exist in the Unleashed account, compared exactly (its filter is starts-with)
    const client = await this.clientFor(em, integration);
    const unleashedWarehouses = await this.callUnleashed(() => client.listWarehouses());
    const codes = unleashedWarehouses.map((w) => w.WarehouseCode).filter((c): c is string => typeof c === 'string');
    mappings.forEach((mapping, index) => {
      if (!codes.includes(mapping.code)) {
        throw badInput(`input.warehouseMappings[${index}].unleashedWarehouseCode`, `The Unleashed account has no warehouse with code ${mapping.code} (codes are case-sensitive). It has: ${codes.join(', ') || 'none'}.`);
      }
    });

    const sendWithout = input.sendOrdersWithoutShipment ?? false;
    const turnedOn = sendWithout && !integration.sendOrdersWithoutShipment;
    await em.transactional(async (tx) => {
      await tx.nativeDelete(WarehouseMapping, { integration: integration.id });
      const fresh = await tx.findOneOrFail(Integration, { id: integration.id });
      fresh.includeComments = input.includeComments;
      fresh.sendOrdersWithoutShipment = sendWithout;
      fresh.defaultWarehouse = defaultWarehouse ? tx.getReference(Warehouse, defaultWarehouse.id) as never : null;
      fresh.knownUnleashedWarehouseCodes = codes;
      for (const mapping of mappings) {
        tx.create(WarehouseMapping, { integration: fresh, unleashedWarehouseCode: mapping.code, warehouse: mapping.warehouse ? tx.getReference(Warehouse, mapping.warehouse.id) : null });
      }
      fresh.orderCreationConfiguredAt = this.deps.clock.now();
      recordAudit(tx, actor, 'integration.order-creation.configured', { customerId: integration.customer.id, integrationId: integration.id }, {
        includeComments: input.includeComments,
        sendOrdersWithoutShipment: sendWithout,
        defaultWarehouseId: defaultWarehouse?.id ?? null,
        warehouseMappings: mappings.map((m) => ({ unleashedWarehouseCode: m.code, warehouseId: m.warehouse?.id ?? null })),
      });
    });
    em.clear(); // the transaction used its own context: read the result afresh
    const saved = await em.findOneOrFail(Integration, { id: integration.id });
    await this.afterChange(saved);
    await this.requeueSkipped(em, saved, turnedOn);
    return saved;
  }

  async configureFulfilment(em: EntityManager, viewer: Viewer | null, id: string, input: FulfilmentInput): Promise<Integration> {
    const { integration, actor } = await this.requireManageable(em, viewer, id);
    if (!integration.orderCreationConfiguredAt) throw badInput('id', 'Set up order creation first (step 3).');
    if (input.enabled && !this.deps.config.CARTONCLOUD_WAREHOUSE_FULFILMENTS) {
      throw badInput(
        'input.enabled',
        'Fulfilment cannot be turned on: the 3PL\u2019s CartonCloud account does not have Warehouse Fulfilments enabled, and carrier, tracking and package details come from warehouse fulfilments. Orders will still be created; ask the 3PL to enable Warehouse Fulfilments in CartonCloud.',
      );
    }
    let timeZone: string | null = null;
    if (input.unleashedTimeZone !== undefined && input.unleashedTimeZone !== null) {
      timeZone = input.unleashedTimeZone.trim();
      if (!isValidTimeZone(timeZone) || !timeZone.includes('/')) {
        throw badInput('input.unleashedTimeZone', `"${timeZone}" is not a time zone name such as Pacific/Auckland or Australia/Sydney.`);
      }
    }
    integration.fulfilmentEnabled = input.enabled;
    if (timeZone) integration.unleashedTimeZone = timeZone;
    integration.fulfilmentConfiguredAt = this.deps.clock.now();
    // saving this step again re-learns whether the Unleashed account has Order Management (it may have been turned on)
    IntegrationHealth.orderManagementToRelearn(integration);
    if (input.enabled && !integration.fulfilmentCursor) integration.fulfilmentCursor = integration.activatedAt ?? this.deps.clock.now();
    recordAudit(em, actor, 'integration.fulfilment.configured', { customerId: integration.customer.id, integrationId: integration.id }, { enabled: input.enabled, unleashedTimeZone: integration.unleashedTimeZone });
    await em.flush();
    await this.deps.health.orderManagementRelearnStored(em, integration);
    await this.afterChange(integration);
    return integration;
  }

  async finish(em: EntityManager, viewer: Viewer | null, id: string): Promise<Integration> {
    const { integration, actor } = await this.requireManageable(em, viewer, id);
    const step = nextStepOf(integration);
    if (step !== SetupStep.COMPLETE) {
      const what: Record<string, string> = {
        [SetupStep.AUTHENTICATION]: 'connect the Unleashed account (step 2)',
        [SetupStep.ORDER_CREATION]: 'set up order creation (step 3)',
        [SetupStep.FULFILMENT]: 'choose whether to write fulfilments back (step 4)',
      };
      throw badInput('id', `Not ready to activate: ${what[step] ?? 'finish the setup'} first.`);
    }
    if (integration.status === IntegrationStatus.DRAFT) {
      const now = this.deps.clock.now();
      integration.status = IntegrationStatus.ACTIVE;
      integration.activatedAt = now;
      if (integration.fulfilmentEnabled && !integration.fulfilmentCursor) integration.fulfilmentCursor = now;
      recordAudit(em, actor, 'integration.activated', { customerId: integration.customer.id, integrationId: integration.id });
      await em.flush();
    }
    await this.afterChange(integration);
    return integration;
  }

  async delete(em: EntityManager, viewer: Viewer | null, id: string): Promise<Integration> {
    const { integration, actor } = await this.requireManageable(em, viewer, id);
    integration.status = IntegrationStatus.DELETED;
    integration.deletedAt = this.deps.clock.now();
    recordAudit(em, actor, 'integration.deleted', { customerId: integration.customer.id, integrationId: integration.id }, { name: integration.name });
    await em.flush();
    await this.afterChange(integration);
    return integration;
  }

  /**
   * Shipments SKIPPED for want of a warehouse are looked at again after the warehouses change: they go
   * back to PENDING (SKIPPED → PENDING, "reconfigured") and, for an ACTIVE integration, a poll drains them
   * now. Those skipped because their order was deleted in Unleashed stay skipped. When "send orders without
   * a shipment" was just turned on, orders waiting with no shipment at all are sent whole.
   */
  private async requeueSkipped(em: EntityManager, integration: Integration, sendAwaiting: boolean): Promise<void> {
    let requeued = await this.deps.skippedShipments.requeueSkipped(em, integration.id);
    if (sendAwaiting) requeued += await this.deps.skippedShipments.sendAwaitingWhole(em, integration.id);
    if (requeued > 0 && integration.status === IntegrationStatus.ACTIVE && !integration.credentialsRejectedAt) {
      await this.deps.scheduler.now('orders.poll', { integrationId: integration.id });
    }
  }

  /** The Unleashed warehouses of the connected account, for step 3 (live). */
  async unleashedWarehouses(em: EntityManager, viewer: Viewer | null, id: string) {
    const integration = await this.get(em, viewer, id);
    if (!integration) throw notFound('Integration', id);
    if (!integration.authenticationConfiguredAt) throw badInput('integrationId', 'Connect the Unleashed account first (step 2).');
    const client = await this.clientFor(em, integration);
    const warehouses = await this.callUnleashed(() => client.listWarehouses());
    return warehouses
      .filter((w) => typeof w.WarehouseCode === 'string')
      .map((w) => ({ code: w.WarehouseCode as string, name: (w.WarehouseName as string | null) ?? (w.WarehouseCode as string), isDefault: Boolean(w.IsDefault) }));
  }

  /** An Unleashed client with the integration's stored credentials. */
  async clientFor(em: EntityManager, integration: Integration): Promise<UnleashedClient> {
    const withKey = await em.findOneOrFail(Integration, { id: integration.id }, { populate: ['unleashedApiKeySealed'] });
    if (!withKey.unleashedApiId || !withKey.unleashedApiKeySealed) throw badInput('id', 'Connect the Unleashed account first (step 2).');
    return this.deps.providers.unleashed(withKey.unleashedApiId, this.deps.secretBox.open(withKey.unleashedApiKeySealed, integration.id), { timeoutMs: 15_000, integrationId: integration.id });
  }

  /** Maps Unleashed failures to the contract's error codes; never includes a credential. */
  private async callUnleashed<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ProviderError) {
        if (actionFor(error) === 'credentials-rejected') {
          throw new AppError('UNLEASHED_AUTH_FAILED', 'Unleashed did not accept this API ID and key. Copy both again from Unleashed (Integrations → Unleashed API Access) and make sure they belong to the same account.', { field: 'input.apiKey' });
        }
        throw new AppError('UPSTREAM_UNAVAILABLE', `Unleashed could not be reached to check this (${unavailableReason(error)}). Nothing was changed; try again in a minute.`, {
          provider: 'unleashed',
        });
      }
      throw error;
    }
  }

  private async assertNameFree(em: EntityManager, customerId: string, name: string, exceptId: string | null): Promise<void> {
    const clash = await em.getConnection().execute<{ id: string }[]>(
      `select id from integrations where customer_id = ? and lower(name) = lower(?) and status <> 'DELETED'`,
      [customerId, name],
    );
    if (clash.some((row) => row.id !== exceptId)) throw badInput(exceptId ? 'name' : 'input.name', `This customer already has an integration called "${name}".`);
  }

  private async flushUnique(em: EntityManager): Promise<void> {
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw badInput('input.name', 'This customer already has an integration with that name.');
      throw error;
    }
  }

  /** Keeps the background jobs in step with the integration, then tells subscribers. */
  private async afterChange(integration: Integration): Promise<void> {
    await this.deps.updates.rescheduled(integration);
  }

  private async published(integration: Integration): Promise<void> {
    await this.deps.updates.published(integration);
  }
}
