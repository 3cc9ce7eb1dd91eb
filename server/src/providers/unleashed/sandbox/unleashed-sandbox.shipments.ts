import { randomUUID } from 'node:crypto';
import { parseUnleashedDate } from '../unleashed.dates.js';
import type { UnleashedSandboxStore } from './unleashed-sandbox.store.js';
import {
  SandboxHttpError,
  shipmentStatuses,
  type ProductTracking,
  type SandboxAccount,
  type SandboxShipmentEdit,
  type StoredShipment,
  type StoredShippingCompany,
} from './unleashed-sandbox.types.js';

/**
 * The write side of the sandbox's sales shipments: the account's shipping companies, batch- and
 * serial-tracked products, the single-shipment GET (`serialBatch`) and `PUT /SalesShipments/{guid}` —
 * a whole-object replace where a blank or omitted field overwrites (reference §8 "Writing a shipment").
 */

/** What the shipment PUT does where the public docs are silent (see UnleashedSandboxOptions). */
export interface ShipmentPutBehaviour {
  putClearsOmittedFields: boolean;
  requireLinesOnPut: boolean;
  completeOrderWhenAllShipmentsDispatched: boolean;
  /** accept `ShippingCompany` as a bare name (the old reading of the docs) instead of refusing it */
  acceptShippingCompanyText: boolean;
}

/** Mintsoft's Unleashed FAQ quotes this answer word for word (reference §8 "Batch-tracked products"). */
export const BATCH_QUANTITY_MISMATCH =
  'The batch number quantity and the shipment quantity for batch tracked products must match. Please select the required quantity of batch numbers.';
/** INVENTED by analogy: Unleashed's wording for serial numbers is not recorded anywhere. */
export const SERIAL_QUANTITY_MISMATCH =
  'The serial number quantity and the shipment quantity for serial tracked products must match. Please select the required serial numbers.';

/** Fields a PUT cannot change (identity, links, audit); lines are handled line by line. Lower case. */
const READ_ONLY = new Set(['guid', 'orderguid', 'ordernumber', 'shipmentnumber', 'customer', 'warehouse', 'createdon', 'createdby', 'lastmodifiedon', 'lastmodifiedby', 'salesshipmentlines']);

// ---- shipping companies (Settings → Shipping Companies) ----------------------------------------------

export function shippingCompaniesOf(account: SandboxAccount): StoredShippingCompany[] {
  return (account.shippingCompanies ??= []);
}

export function addShippingCompanies(account: SandboxAccount, names: string[], now: number): StoredShippingCompany[] {
  const companies = shippingCompaniesOf(account);
  for (const raw of names) {
    const name = String(raw ?? '').trim();
    if (!name || name.length > 50) throw new SandboxHttpError(400, 'a shipping company needs a name of at most 50 characters');
    if (companies.some((c) => c.Name.toLowerCase() === name.toLowerCase())) throw new SandboxHttpError(400, `Shipping company ${name} already exists`);
    companies.push({ Guid: randomUUID(), Name: name, Obsolete: false, LastModifiedOn: now });
  }
  return companies;
}

// https://apidocs.unleashedsoftware.com/ShippingCompanies (ordered by name)
export function listShippingCompanies(account: SandboxAccount): StoredShippingCompany[] {
  return [...shippingCompaniesOf(account)].sort((a, b) => a.Name.localeCompare(b.Name));
}

/** A shipment's `ShippingCompany` as the account stores it: `{Guid, Name}` of one of its companies, found by Guid, else by Name. */
function resolveShippingCompany(account: SandboxAccount, value: unknown, behaviour: ShipmentPutBehaviour): unknown {
  if (value === null) return null;
  if (typeof value === 'string') {
    if (behaviour.acceptShippingCompanyText) return value;
    throw new SandboxHttpError(400, 'ShippingCompany must be an object referring to one of the account\u2019s shipping companies by Guid or Name');
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw new SandboxHttpError(400, 'ShippingCompany must be an object with a Guid or a Name');
  const fields = new Map(Object.entries(value).map(([key, v]) => [key.toLowerCase(), v]));
  const guid = fields.get('guid');
  const name = fields.get('name') ?? fields.get('shippingcompanyname');
  const companies = shippingCompaniesOf(account);
  let found: StoredShippingCompany | undefined;
  if (typeof guid === 'string' && guid.trim()) {
    found = companies.find((c) => c.Guid === guid.trim().toLowerCase());
    if (!found) throw new SandboxHttpError(400, `Shipping company with Guid '${guid}' was not found`);
  } else if (typeof name === 'string' && name.trim()) {
    found = companies.find((c) => c.Name.toLowerCase() === name.trim().toLowerCase());
    if (!found) throw new SandboxHttpError(400, `Shipping company '${name}' was not found`);
  } else {
    throw new SandboxHttpError(400, 'ShippingCompany must name a shipping company by Guid or Name');
  }
  return { Guid: found.Guid, Name: found.Name };
}

// ---- batch and serial numbers -------------------------------------------------------------------------

export function trackingOf(account: SandboxAccount, productCode: string): ProductTracking | undefined {
  return account.productTracking?.get(productCode.toLowerCase());
}

export function setProductTracking(account: SandboxAccount, products: Array<{ code: string; tracking?: ProductTracking | null }>): void {
  for (const product of products) {
    if (product.tracking === undefined) continue;
    const tracking = (account.productTracking ??= new Map());
    if (product.tracking === null) tracking.delete(product.code.toLowerCase());
    else if (product.tracking === 'batch' || product.tracking === 'serial') tracking.set(product.code.toLowerCase(), product.tracking);
    else throw new SandboxHttpError(400, `tracking must be batch or serial, got ${String(product.tracking)}`);
  }
}

/**
 * The single-shipment GET: batch and serial numbers appear on the lines only with `serialBatch=true`
 * (reference §4 GET filters); every line then carries both lists (empty when none).
 */
export function shipmentView(shipment: StoredShipment, serialBatch: boolean): StoredShipment {
  const copy = structuredClone(shipment);
  for (const line of copy.SalesShipmentLines) {
    if (serialBatch) {
      line.BatchNumbers ??= [];
      line.SerialNumbers ??= [];
    } else {
      delete line.BatchNumbers;
      delete line.SerialNumbers;
    }
  }
  return copy;
}

function readBatches(value: unknown, where: string): NonNullable<StoredShipment['SalesShipmentLines'][number]['BatchNumbers']> {
  if (value === null) return [];
  if (!Array.isArray(value)) throw new SandboxHttpError(400, `${where}: BatchNumbers must be a list`);
  return value.map((entry) => {
    const fields = entryFields(entry, where);
    const number = fields.get('number') ?? fields.get('batchnumber');
    const quantity = fields.get('quantity');
    if (typeof number !== 'string' || !number.trim()) throw new SandboxHttpError(400, `${where}: a batch needs a Number`);
    if (typeof quantity !== 'number' || !(quantity > 0)) throw new SandboxHttpError(400, `${where}: batch ${number} needs a positive Quantity`);
    return { Number: number, Quantity: quantity };
  });
}

function readSerials(value: unknown, where: string): NonNullable<StoredShipment['SalesShipmentLines'][number]['SerialNumbers']> {
  if (value === null) return [];
  if (!Array.isArray(value)) throw new SandboxHttpError(400, `${where}: SerialNumbers must be a list`);
  return value.map((entry) => {
    const identifier = entryFields(entry, where).get('identifier');
    if (typeof identifier !== 'string' || !identifier.trim()) throw new SandboxHttpError(400, `${where}: a serial number needs an Identifier`);
    return { Identifier: identifier };
  });
}

function entryFields(entry: unknown, where: string): Map<string, unknown> {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new SandboxHttpError(400, `${where}: each batch or serial number must be an object`);
  return new Map(Object.entries(entry).map(([key, v]) => [key.toLowerCase(), v]));
}

// ---- edits a user makes in the Unleashed UI (sandbox control) -------------------------------------------

/** Sets fields of a shipment (any name, as a user or another app would) and picks batch / serial numbers on its lines. */
export function editShipment(store: UnleashedSandboxStore, shipment: StoredShipment, edit: SandboxShipmentEdit): StoredShipment {
  for (const [key, value] of Object.entries(edit.fields ?? {})) {
    if (READ_ONLY.has(key.toLowerCase()) || key.toLowerCase() === 'shipmentstatus') throw new SandboxHttpError(400, `${key} cannot be edited here`);
    (shipment as unknown as Record<string, unknown>)[key] = value;
  }
  for (const change of edit.lines ?? []) {
    const line = shipment.SalesShipmentLines.find((l) => l.LineNumber === change.lineNumber);
    if (!line) throw new SandboxHttpError(400, `shipment ${shipment.ShipmentNumber} has no line ${change.lineNumber}`);
    if (change.batchNumbers !== undefined) line.BatchNumbers = readBatches(change.batchNumbers, `line ${change.lineNumber}`);
    if (change.serialNumbers !== undefined) line.SerialNumbers = readSerials(change.serialNumbers, `line ${change.lineNumber}`);
  }
  store.touch(shipment);
  return shipment;
}

// ---- PUT /SalesShipments/{guid} ---------------------------------------------------------------------------

/**
 * PUT /SalesShipments/{guid}: the whole shipment. Validates the whole body first (a refused PUT changes
 * nothing), then replaces every field that is not read-only — a field left out is cleared
 * (`putClearsOmittedFields`) — and each line's batch and serial numbers; bumps LastModifiedOn.
 * Marking it Dispatched needs every batch-tracked line's batch quantities (serial-tracked: serial
 * numbers) to add up to its shipment quantity.
 */
export function putShipment(
  store: UnleashedSandboxStore,
  account: SandboxAccount,
  shipment: StoredShipment,
  body: unknown,
  behaviour: ShipmentPutBehaviour,
): StoredShipment {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new SandboxHttpError(400, 'the body must be a SalesShipment object');
  const fields = new Map(Object.entries(body).map(([key, value]) => [key.toLowerCase(), value]));
  const guid = fields.get('guid');
  if (guid !== undefined && String(guid).toLowerCase() !== shipment.Guid) throw new SandboxHttpError(400, 'Guid in the body does not match the URL');
  const rawStatus = fields.get('shipmentstatus');
  if (typeof rawStatus !== 'string' || !rawStatus) throw new SandboxHttpError(400, 'ShipmentStatus is required');
  const status = shipmentStatuses.find((s) => s.toLowerCase() === rawStatus.toLowerCase() && s !== 'Deleted');
  if (!status) throw new SandboxHttpError(400, `ShipmentStatus '${rawStatus}' is not valid`);
  if (status !== shipment.ShipmentStatus && !account.orderManagement) {
    // INVENTED wording: Unleashed's real answer here is undocumented (reference §4 "Order Management")
    throw new SandboxHttpError(400, `Shipment statuses are only available when Order Management is enabled; cannot change ShipmentStatus to ${status}`);
  }

  const lineNumbers = nextLineNumbers(shipment, fields.get('salesshipmentlines'), behaviour);
  if (status === 'Dispatched' && shipment.ShipmentStatus !== 'Dispatched') {
    for (const line of shipment.SalesShipmentLines) {
      const next = lineNumbers.get(line.Guid)!;
      const tracking = trackingOf(account, line.Product.ProductCode);
      if (tracking === 'batch' && next.BatchNumbers.reduce((sum, batch) => sum + batch.Quantity, 0) !== line.ShipmentQty) {
        throw new SandboxHttpError(400, BATCH_QUANTITY_MISMATCH);
      }
      if (tracking === 'serial' && next.SerialNumbers.length !== line.ShipmentQty) throw new SandboxHttpError(400, SERIAL_QUANTITY_MISMATCH);
    }
  }

  const next: Record<string, unknown> = { ShipmentStatus: status };
  for (const key of Object.keys(shipment)) {
    const lower = key.toLowerCase();
    if (READ_ONLY.has(lower) || lower === 'shipmentstatus') continue;
    if (!fields.has(lower)) {
      if (behaviour.putClearsOmittedFields) next[key] = null;
      continue;
    }
    next[key] = key === 'ShippingCompany' ? resolveShippingCompany(account, fields.get(lower), behaviour) : checkField(key, fields.get(lower));
  }

  Object.assign(shipment, next);
  for (const line of shipment.SalesShipmentLines) {
    const { BatchNumbers, SerialNumbers } = lineNumbers.get(line.Guid)!;
    // a line that never had any keeps having none (the API shows [] either way)
    if (BatchNumbers.length || line.BatchNumbers) line.BatchNumbers = BatchNumbers;
    if (SerialNumbers.length || line.SerialNumbers) line.SerialNumbers = SerialNumbers;
  }
  store.touch(shipment);
  if (behaviour.completeOrderWhenAllShipmentsDispatched) {
    const order = account.orders.get(shipment.OrderGuid);
    if (order && order.OrderStatus !== 'Completed' && store.shipmentsOf(account, order.Guid).every((s) => s.ShipmentStatus === 'Dispatched')) {
      store.setOrderStatus(account.apiId, order.Guid, 'Completed');
    }
  }
  return shipment;
}

type LineNumbers = { BatchNumbers: NonNullable<StoredShipment['SalesShipmentLines'][number]['BatchNumbers']>; SerialNumbers: NonNullable<StoredShipment['SalesShipmentLines'][number]['SerialNumbers']> };

/**
 * Each stored line's batch and serial numbers after the PUT: the body line's (matched by Guid, else
 * LineNumber) — omitted lists are cleared with `putClearsOmittedFields` — and a line missing from the
 * body keeps its own. Lines themselves (products, quantities) are never changed.
 */
function nextLineNumbers(shipment: StoredShipment, lines: unknown, behaviour: ShipmentPutBehaviour): Map<string, LineNumbers> {
  if (behaviour.requireLinesOnPut && (!Array.isArray(lines) || lines.length === 0)) throw new SandboxHttpError(400, 'SalesShipmentLines are required');
  const byLine = new Map<string, Map<string, unknown>>();
  for (const [index, line] of (Array.isArray(lines) ? lines : []).entries()) {
    if (line === null || typeof line !== 'object' || Array.isArray(line)) throw new SandboxHttpError(400, `SalesShipmentLines[${index}] must be an object`);
    const fields = new Map(Object.entries(line).map(([key, value]) => [key.toLowerCase(), value]));
    const lineGuid = fields.get('guid');
    const stored =
      lineGuid !== undefined && lineGuid !== null
        ? shipment.SalesShipmentLines.find((l) => l.Guid === String(lineGuid).toLowerCase())
        : shipment.SalesShipmentLines.find((l) => l.LineNumber === fields.get('linenumber'));
    if (!stored) throw new SandboxHttpError(400, `SalesShipmentLine ${String(lineGuid ?? fields.get('linenumber'))} does not belong to shipment ${shipment.ShipmentNumber}`);
    byLine.set(stored.Guid, fields);
  }
  const result = new Map<string, LineNumbers>();
  for (const line of shipment.SalesShipmentLines) {
    const fields = byLine.get(line.Guid);
    const kept = { BatchNumbers: line.BatchNumbers ?? [], SerialNumbers: line.SerialNumbers ?? [] };
    if (!fields) {
      result.set(line.Guid, kept);
      continue;
    }
    const where = `SalesShipmentLines line ${line.LineNumber}`;
    const cleared = behaviour.putClearsOmittedFields;
    result.set(line.Guid, {
      BatchNumbers: fields.has('batchnumbers') ? readBatches(fields.get('batchnumbers'), where) : cleared ? [] : kept.BatchNumbers,
      SerialNumbers: fields.has('serialnumbers') ? readSerials(fields.get('serialnumbers'), where) : cleared ? [] : kept.SerialNumbers,
    });
  }
  return result;
}

/** Unleashed's answer to a body it cannot bind to a shipment (reference §2 status codes: 500 "posted object could not be parsed"). */
export const POSTED_OBJECT_UNPARSEABLE = 'The posted object could not be parsed';

/**
 * One field of the body: a value of the wrong JSON type cannot be bound to Unleashed's model (500, as for
 * unreadable JSON — inferred); a well-typed value that breaks a rule is a 400 naming the field.
 */
function checkField(field: string, value: unknown): unknown {
  if (value === null) return null;
  const unparseable = () => new SandboxHttpError(500, POSTED_OBJECT_UNPARSEABLE);
  switch (field) {
    case 'DispatchDate': {
      const date = parseUnleashedDate(value);
      if (!date) throw unparseable();
      return date.getTime();
    }
    case 'NumberOfPackages':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw unparseable();
      if (value < 0) throw new SandboxHttpError(400, 'NumberOfPackages must be a whole number');
      return value;
    case 'TrackingNumber':
    case 'Comments':
    case 'CustomerRef':
      if (typeof value !== 'string') throw unparseable();
      if (field === 'Comments' && value.length > 2048) throw new SandboxHttpError(400, 'Comments is longer than 2048 characters');
      return value;
    default:
      // a delivery address line, or a field the sandbox does not model: stored as sent
      if (field.startsWith('Delivery') && field !== 'DeliveryContact' && typeof value !== 'string') throw unparseable();
      return value;
  }
}
