import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import { AppError, badInput } from '../common/errors.js';
import { Customer } from '../customers/customer.entity.js';
import type { Warehouse } from '../customers/warehouse.entity.js';
import { Integration } from '../integrations/integration.entity.js';
import type { OrderCreationInput } from '../integrations/integration.inputs.js';
import { customerReference } from '../ledger/shipment-source.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import { actionFor, ProviderError, unavailableReason } from '../providers/shared/provider-error.js';
import type { UnleashedClient } from '../providers/unleashed/unleashed.client.js';
import type { UnleashedSalesOrder, UnleashedSalesShipment } from '../providers/unleashed/unleashed.schemas.js';
import { manageableIntegration } from './sync.service.js';
import { OrderCreationPreviewRow, PreviewOutcome } from './order-preview.types.js';
import { resolveWarehouse, toOrderSource, toShipmentSource } from './sale-order.mapper.js';
import type { OrderSyncDeps } from './sync-deps.js';

/** The newest Placed orders a dry run looks at. */
export const PREVIEW_ORDERS = 20;
/** Shipments listed per call, and calls at most, when looking for the sample's shipments. */
const SHIPMENT_PAGE = 1000;
const SHIPMENT_PAGES = 2;
/** Rows answered at most (an order may have several shipments). */
const MAX_ROWS = 50;
/** Distinct product codes checked against CartonCloud at most (two searches). */
const MAX_CODES_CHECKED = 100;
const SENT = new Set<ShipmentState>([ShipmentState.CLAIMED, ShipmentState.CREATED, ShipmentState.REJECTED, ShipmentState.DISPATCHED, ShipmentState.FULFILLED]);
const NOT_SENT_STATUSES = new Set(['dispatched', 'deleted']);

interface Settings {
  customer: Customer;
  defaultWarehouse: Warehouse | null;
  mappings: { unleashedWarehouseCode: string; warehouse: Warehouse | null }[];
}

/**
 * The wizard's dry run (CONTRACT §6 `previewOrderCreation`): what the order sync would do with the
 * account's current Placed orders under the step-3 settings on screen, before they are saved. Writes
 * nothing anywhere — no table, no Unleashed or CartonCloud write, no health condition, no run.
 *
 * Unleashed calls: at most 5 — the Placed orders' first page (to learn how many pages there are) and,
 * when there are more, the last one or two (Unleashed lists orders in creation order, so they hold the
 * newest), then the sales shipments modified since the oldest of the sampled orders was created (newest
 * first, at most two pages of 1,000). CartonCloud calls: one warehouse-product search per 50 distinct
 * product codes, at most 100 codes (plus a token when none is cached).
 */
export class OrderPreviewService {
  constructor(private readonly deps: Pick<OrderSyncDeps, 'providers' | 'secretBox' | 'ledger'>) {}

  async preview(em: EntityManager, viewer: Viewer | null, integrationId: string, input: OrderCreationInput): Promise<OrderCreationPreviewRow[]> {
    const integration = await manageableIntegration(em, viewer, integrationId);
    const withKey = await em.findOneOrFail(Integration, { id: integration.id }, { populate: ['unleashedApiKeySealed'] });
    if (!withKey.authenticationConfiguredAt || !withKey.unleashedApiId || !withKey.unleashedApiKeySealed) {
      throw badInput('integrationId', 'Connect the Unleashed account first (step 2), so its orders can be read.');
    }
    const settings = await this.settingsOf(em, integration.customer.id, input);
    const client = this.deps.providers.unleashed(withKey.unleashedApiId, this.deps.secretBox.open(withKey.unleashedApiKeySealed, integration.id), { integrationId: integration.id });
    const { orders, shipments, shipmentsComplete } = await readUnleashed(() => this.readSample(client));

    const known = await this.deps.ledger.known(em, integration.id, { shipmentGuids: shipments.map((s) => s.Guid), orderGuids: orders.map((o) => o.Guid) });
    const sentRows = known.filter((row) => SENT.has(row.state));
    const sent = new Map(sentRows.filter((row) => row.unleashedShipmentGuid).map((row) => [row.unleashedShipmentGuid, row]));
    const sentWhole = new Map(sentRows.filter((row) => !row.unleashedShipmentGuid).map((row) => [row.unleashedOrderGuid, row]));
    const orderLines = new Map<string, string[]>();
    const rows: OrderCreationPreviewRow[] = [];
    for (const order of orders) {
      const own = shipments.filter((s) => (s.OrderGuid ? s.OrderGuid === order.Guid : s.OrderNumber === order.OrderNumber));
      if (!own.length && shipmentsComplete && (input.sendOrdersWithoutShipment || sentWhole.has(order.Guid))) {
        orderLines.set(order.OrderNumber, toOrderSource(order).lines.map((line) => line.code));
        rows.push(this.wholeOrderRow(order, settings, sentWhole.get(order.Guid)?.state ?? null));
        continue;
      }
      if (!own.length) {
        rows.push(row({
          customerReference: order.OrderNumber,
          orderNumber: order.OrderNumber,
          unleashedWarehouseCode: order.Warehouse?.WarehouseCode ?? null,
          outcome: shipmentsComplete ? PreviewOutcome.AWAITING_SHIPMENT : PreviewOutcome.SKIP,
          reason: shipmentsComplete
            ? 'No sales shipment yet (with Order Management off, Unleashed creates it only when the order is completed): nothing is sent to the warehouse until there is one.'
            : 'Its shipments were not among the sales shipments read for this preview; it was not checked.',
        }));
        continue;
      }
      for (const shipment of own) rows.push(this.shipmentRow(order, shipment, settings, sent.get(shipment.Guid)?.state ?? null));
    }
    const shown = rows.slice(0, MAX_ROWS);
    await this.checkProducts(shown, settings.customer, shipments, orderLines);
    return shown;
  }

  /** The sample: the newest Placed orders, newest first, and the shipments that may be theirs. */
  private async readSample(client: UnleashedClient): Promise<{ orders: UnleashedSalesOrder[]; shipments: UnleashedSalesShipment[]; shipmentsComplete: boolean }> {
    const placed = { statuses: ['Placed'] };
    const first = await client.salesOrderPage(placed, 1, PREVIEW_ORDERS);
    let newest = first.items;
    const pages = first.numberOfPages;
    if (pages > 1) {
      newest = (await client.salesOrderPage(placed, pages, PREVIEW_ORDERS)).items;
      // a short last page: the one before it holds the rest of the newest (page 1 is already read)
      if (newest.length < PREVIEW_ORDERS) newest = [...(pages === 2 ? first.items : (await client.salesOrderPage(placed, pages - 1, PREVIEW_ORDERS)).items), ...newest];
    }
    const orders = newest.slice(-PREVIEW_ORDERS).reverse();
    if (!orders.length) return { orders, shipments: [], shipmentsComplete: true };
    // a shipment is created (and so last modified) no earlier than its order
    const times = orders.map((o) => (o.CreatedOn ?? o.OrderDate ?? o.LastModifiedOn)?.getTime()).filter((t): t is number => t !== undefined);
    const since = times.length ? new Date(Math.min(...times) - 60_000) : undefined;
    const shipments: UnleashedSalesShipment[] = [];
    let complete = true;
    for (let page = 1; page <= SHIPMENT_PAGES; page++) {
      const result = await client.salesShipmentPage({ modifiedSince: since }, page, SHIPMENT_PAGE);
      shipments.push(...result.items);
      if (page >= result.numberOfPages) break;
      if (page === SHIPMENT_PAGES) complete = false;
    }
    return { orders, shipments, shipmentsComplete: complete };
  }

  /** An order without a shipment, sent whole with its order number as the reference ("Send orders without a shipment"). */
  private wholeOrderRow(order: UnleashedSalesOrder, settings: Settings, sentState: ShipmentState | null): OrderCreationPreviewRow {
    const warehouseCode = order.Warehouse?.WarehouseCode ?? null;
    const base = { customerReference: order.OrderNumber, orderNumber: order.OrderNumber, unleashedWarehouseCode: warehouseCode };
    if (sentState) return row({ ...base, outcome: PreviewOutcome.ALREADY_SENT, reason: `This integration already sent the whole order to CartonCloud (${sentState === ShipmentState.CLAIMED ? 'being created' : sentState}); the settings on screen do not change it.` });
    return this.withWarehouse(base, warehouseCode, settings, 'No sales shipment yet: sent as the whole order, with the order number as its reference.');
  }

  private withWarehouse(base: Omit<Partial<OrderCreationPreviewRow>, 'outcome'> & { customerReference: string; orderNumber: string }, warehouseCode: string | null, settings: Settings, reason: string | null): OrderCreationPreviewRow {
    const byCartonCloudId = new Map<string, Warehouse>();
    for (const w of [settings.defaultWarehouse, ...settings.mappings.map((m) => m.warehouse)]) if (w) byCartonCloudId.set(w.cartonCloudWarehouseId, w);
    const choice = resolveWarehouse({
      warehouseCode,
      mappings: settings.mappings.map((m) => ({ unleashedWarehouseCode: m.unleashedWarehouseCode, cartonCloudWarehouseId: m.warehouse?.cartonCloudWarehouseId ?? null })),
      defaultCartonCloudWarehouseId: settings.defaultWarehouse?.cartonCloudWarehouseId ?? null,
    });
    if ('skip' in choice) return row({ ...base, outcome: PreviewOutcome.SKIP, reason: choice.skip.replace(', then retry.', '.') });
    return row({ ...base, outcome: PreviewOutcome.CREATE, warehouse: byCartonCloudId.get(choice.cartonCloudWarehouseId) ?? null, reason });
  }

  private shipmentRow(order: UnleashedSalesOrder, shipment: UnleashedSalesShipment, settings: Settings, sentState: ShipmentState | null): OrderCreationPreviewRow {
    const source = toShipmentSource(order, shipment);
    const base = { customerReference: customerReference(order.OrderNumber, shipment.ShipmentNumber), orderNumber: order.OrderNumber, shipmentNumber: shipment.ShipmentNumber, unleashedWarehouseCode: source.warehouseCode };
    if (sentState) return row({ ...base, outcome: PreviewOutcome.ALREADY_SENT, reason: `This integration already sent it to CartonCloud (${sentState === ShipmentState.CLAIMED ? 'being created' : sentState}); the settings on screen do not change it.` });
    if (NOT_SENT_STATUSES.has(shipment.ShipmentStatus.toLowerCase())) return row({ ...base, outcome: PreviewOutcome.SKIP, reason: `The shipment is ${shipment.ShipmentStatus} in Unleashed: it is not sent.` });
    return this.withWarehouse(base, source.warehouseCode, settings, null);
  }

  /** Marks CREATE rows whose products CartonCloud does not know as REJECT (one search per 50 codes). */
  private async checkProducts(rows: OrderCreationPreviewRow[], customer: Customer, shipments: UnleashedSalesShipment[], orderLines: ReadonlyMap<string, string[]>): Promise<void> {
    const linesOf = new Map([...orderLines, ...shipments.map((s) => [customerReference(s.OrderNumber, s.ShipmentNumber), s.SalesShipmentLines.map((l) => l.Product.ProductCode)] as const)]);
    const creating = rows.filter((r) => r.outcome === PreviewOutcome.CREATE);
    const codes = [...new Set(creating.flatMap((r) => linesOf.get(r.customerReference) ?? []))].slice(0, MAX_CODES_CHECKED);
    if (!codes.length) return;
    let known: Set<string>;
    try {
      const products = await this.deps.providers.cartonCloud().findProductsByCode(customer.cartonCloudCustomerId, codes);
      known = new Set(products.filter((p) => p.details?.active !== false).map((p) => p.references.code).filter((c): c is string => typeof c === 'string'));
    } catch (error) {
      const why = error instanceof ProviderError ? unavailableReason(error) : 'it did not answer';
      for (const r of creating) r.reason = `Product codes not checked: CartonCloud could not be asked (${why}).`;
      return;
    }
    const checked = new Set(codes);
    for (const r of creating) {
      const lines = linesOf.get(r.customerReference) ?? [];
      r.productsChecked = lines.every((code) => checked.has(code));
      r.unknownProductCodes = [...new Set(lines.filter((code) => checked.has(code) && !known.has(code)))];
      if (r.unknownProductCodes.length) {
        r.outcome = PreviewOutcome.REJECT;
        r.reason = `CartonCloud does not know ${r.unknownProductCodes.join(', ')} for ${customer.name}: the sale order would be created as REJECTED. Add the product${r.unknownProductCodes.length === 1 ? '' : 's'} in CartonCloud first.`;
      } else if (!r.productsChecked) {
        r.reason = 'Some product codes were not checked (a preview checks at most 100).';
      }
    }
  }

  /** The settings on screen, checked like `configureOrderCreation` checks them (each error names its field). */
  private async settingsOf(em: EntityManager, customerId: string, input: OrderCreationInput): Promise<Settings> {
    const customer = await em.findOneOrFail(Customer, customerId, { populate: ['warehouses'] });
    const allowed = new Map(customer.warehouses.getItems().map((w) => [w.id, w]));
    const pick = (id: string | null | undefined, field: string): Warehouse | null => {
      if (!id) return null;
      const warehouse = allowed.get(id);
      if (!warehouse) throw badInput(field, `That warehouse is not one ${customer.name} may use.`);
      return warehouse;
    };
    const seen = new Set<string>();
    const mappings = (input.warehouseMappings ?? []).map((mapping, index) => {
      const field = `input.warehouseMappings[${index}]`;
      const code = (mapping.unleashedWarehouseCode ?? '').trim();
      if (!code) throw badInput(`${field}.unleashedWarehouseCode`, 'The Unleashed warehouse code is required.');
      if (seen.has(code)) throw badInput(`${field}.unleashedWarehouseCode`, `Warehouse code ${code} is mapped twice.`);
      seen.add(code);
      return { unleashedWarehouseCode: code, warehouse: pick(mapping.warehouseId, `${field}.warehouseId`) };
    });
    return { customer, defaultWarehouse: pick(input.defaultWarehouseId, 'input.defaultWarehouseId'), mappings };
  }
}

function row(fields: Partial<OrderCreationPreviewRow> & Pick<OrderCreationPreviewRow, 'customerReference' | 'orderNumber' | 'outcome'>): OrderCreationPreviewRow {
  return Object.assign(new OrderCreationPreviewRow(), { shipmentNumber: null, unleashedWarehouseCode: null, warehouse: null, reason: null, unknownProductCodes: [], productsChecked: false, ...fields });
}

/** Unleashed failures as the API's error codes, never with a credential (nothing is recorded: a preview writes nothing). */
async function readUnleashed<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    if (actionFor(error) === 'credentials-rejected') {
      throw new AppError('UNLEASHED_AUTH_FAILED', 'Unleashed did not accept this integration\u2019s API ID and key. Enter them again in step 2.', { field: 'integrationId' });
    }
    throw new AppError('UPSTREAM_UNAVAILABLE', `Unleashed could not be reached to read the orders (${unavailableReason(error)}). Try again in a minute.`, { provider: 'unleashed' });
  }
}
