import { z } from 'zod';
import { parseUnleashedDate } from './unleashed.dates.js';

/**
 * Response schemas, parsed where each response arrives (shared/reference/unleashed-api.md §2–§5).
 * - Keys are matched case-insensitively (`SalesPerson` 2014 vs `Salesperson` 2025): each object's keys
 *   are renamed to the casing declared here before parsing.
 * - Unknown fields pass through untouched, so a GET → modify → PUT round trip keeps them.
 * - Dates come out as `Date | null`; optional text comes out as `string | null`.
 */
function caseInsensitiveObject<T extends z.ZodRawShape>(shape: T) {
  const canonical = new Map(Object.keys(shape).map((key) => [key.toLowerCase(), key]));
  return z.preprocess((input) => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      const name = canonical.get(key.toLowerCase()) ?? key;
      // when two spellings are both present, the one with a value wins
      if (out[name] === undefined || out[name] === null) out[name] = value;
    }
    return out;
  }, z.object(shape).passthrough());
}

const date = z.unknown().transform(parseUnleashedDate);
const text = z
  .string()
  .nullish()
  .transform((value) => value ?? null);
const number = z
  .number()
  .nullish()
  .transform((value) => value ?? null);
const nullable = <T extends z.ZodTypeAny>(schema: T) =>
  schema.nullish().transform((value): z.output<T> | null => value ?? null);

const productRef = caseInsensitiveObject({ Guid: text, ProductCode: z.string(), ProductDescription: text });
const customerRef = caseInsensitiveObject({ Guid: text, CustomerCode: text, CustomerName: text });
const warehouseRef = caseInsensitiveObject({ Guid: text, WarehouseCode: z.string(), WarehouseName: text });
const contact = caseInsensitiveObject({ FirstName: text, LastName: text, EmailAddress: text, PhoneNumber: text });

/** Delivery address fields shared by sales orders and sales shipments; every one may be null. */
const deliveryFields = {
  DeliveryName: text,
  DeliveryStreetAddress: text,
  DeliveryStreetAddress2: text,
  DeliverySuburb: text,
  DeliveryCity: text,
  DeliveryRegion: text,
  DeliveryCountry: text,
  DeliveryPostCode: text,
  DeliveryInstruction: text,
  DeliveryMethod: text,
  DeliveryContact: nullable(contact),
};

export const paginationSchema = caseInsensitiveObject({
  NumberOfItems: z.number().int(),
  PageSize: z.number().int(),
  PageNumber: z.number().int(),
  NumberOfPages: z.number().int(),
});

/** `{Pagination, Items}`; items are parsed one by one by the caller so one bad row names itself. */
export const listEnvelopeSchema = caseInsensitiveObject({ Pagination: paginationSchema, Items: z.array(z.unknown()) });

export const warehouseSchema = caseInsensitiveObject({
  Guid: z.string(),
  WarehouseCode: z.string(),
  WarehouseName: text,
  IsDefault: z.boolean().nullish().transform((value) => value ?? false),
  Obsolete: z.boolean().nullish().transform((value) => value ?? false),
  StreetNo: text,
  AddressLine1: text,
  AddressLine2: text,
  Suburb: text,
  City: text,
  Region: text,
  Country: text,
  PostCode: text,
  PhoneNumber: text,
  ContactName: text,
  LastModifiedOn: date,
});

export const salesOrderLineSchema = caseInsensitiveObject({
  Guid: text,
  LineNumber: z.number().int(),
  LineType: text,
  Product: productRef,
  DueDate: date,
  OrderQuantity: z.number(),
  UnitPrice: number,
  LineTotal: number,
  Comments: text,
  LastModifiedOn: date,
});

export const salesOrderSchema = caseInsensitiveObject({
  Guid: z.string(),
  OrderNumber: z.string(),
  OrderStatus: z.string(),
  CustomOrderStatus: text,
  OrderDate: date,
  RequiredDate: date,
  CompletedDate: date,
  Customer: nullable(customerRef),
  CustomerRef: text,
  Comments: text,
  Warehouse: nullable(warehouseRef),
  ...deliveryFields,
  Salesperson: nullable(caseInsensitiveObject({ Guid: text, FullName: text, Email: text })),
  SourceId: text,
  SubTotal: number,
  TaxTotal: number,
  Total: number,
  SalesOrderLines: z
    .array(salesOrderLineSchema)
    .nullish()
    .transform((lines) => lines ?? []),
  CreatedOn: date,
  LastModifiedOn: date,
});

/**
 * A shipping company reference on a shipment: an object naming one of the account's shipping companies by
 * `Guid` or `Name` (reference §8: "by Guid or Name, e.g. {"Name":"FedEx"}, not a string"). Read leniently
 * (older traffic: null; one client saw a string); written only as `{Guid, Name}` of a company the account has.
 */
export const shippingCompanySchema = z
  .union([z.string(), caseInsensitiveObject({ Guid: text, Name: text })])
  .nullish()
  .transform((value) => value ?? null);

/**
 * One of the account's shipping companies (`GET /ShippingCompanies`, Settings → Shipping Companies). The
 * field names are not documented: `Name` as on a shipment's reference, `ShippingCompanyName` / `CompanyName`
 * tolerated.
 */
export const shippingCompanyRecordSchema = caseInsensitiveObject({
  Guid: z.string(),
  Name: text,
  ShippingCompanyName: text,
  CompanyName: text,
  Obsolete: z.boolean().nullish().transform((value) => value ?? false),
}).transform((company) => ({ ...company, Name: company.Name ?? company.ShippingCompanyName ?? company.CompanyName }));

/** Batch or serial numbers of a shipment line (read with `serialBatch=true`): kept exactly as read, shape not modelled. */
const serialBatchNumbers = z.array(z.unknown()).nullish();

export const salesShipmentLineSchema = caseInsensitiveObject({
  Guid: text,
  LineNumber: z.number().int().nullish().transform((value) => value ?? null),
  SalesOrderLineNumber: z.number().int().nullish().transform((value) => value ?? null),
  Product: productRef,
  ShipmentQty: z.number(),
  UnitCost: number,
  BatchNumbers: serialBatchNumbers,
  SerialNumbers: serialBatchNumbers,
});

export const salesShipmentSchema = caseInsensitiveObject({
  Guid: z.string(),
  OrderGuid: text,
  OrderNumber: z.string(),
  ShipmentNumber: z.string(),
  ShipmentStatus: z.string(),
  Warehouse: nullable(warehouseRef),
  Customer: nullable(customerRef),
  CustomerRef: text,
  ...deliveryFields,
  DispatchDate: date,
  TrackingNumber: text,
  ShippingCompany: shippingCompanySchema,
  NumberOfPackages: z.number().int().nullish().transform((value) => value ?? null),
  Comments: text,
  SalesShipmentLines: z
    .array(salesShipmentLineSchema)
    .nullish()
    .transform((lines) => lines ?? []),
  CreatedOn: date,
  LastModifiedOn: date,
});

/** Body of a 4xx: never parsed strictly; only a top-level `Description` string is used when present. */
export function errorDescription(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  for (const [key, value] of Object.entries(body)) {
    if (key.toLowerCase() === 'description' && typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

/** The carrier's name whichever shape `ShippingCompany` came in. */
export function shippingCompanyName(value: UnleashedShippingCompany): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value || null;
  if (value.Name) return value.Name;
  for (const key of ['ShippingCompanyName', 'CompanyName', 'Description']) {
    const candidate = Object.entries(value).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
    if (typeof candidate === 'string' && candidate) return candidate;
  }
  return null;
}

export type UnleashedPagination = z.output<typeof paginationSchema>;
export type UnleashedWarehouse = z.output<typeof warehouseSchema>;
export type UnleashedSalesOrder = z.output<typeof salesOrderSchema>;
export type UnleashedSalesOrderLine = z.output<typeof salesOrderLineSchema>;
export type UnleashedSalesShipment = z.output<typeof salesShipmentSchema>;
export type UnleashedSalesShipmentLine = z.output<typeof salesShipmentLineSchema>;
export type UnleashedShippingCompany = z.output<typeof shippingCompanySchema>;
export type UnleashedShippingCompanyRecord = z.output<typeof shippingCompanyRecordSchema>;

/** A webhook subscription as listed (reference §8 "Webhooks": camelCase; unknown fields kept). */
export const webhookSubscriptionSchema = z
  .object({ subscriptionId: z.string().min(1), notificationUrl: z.string().optional(), eventTypes: z.array(z.string()).optional(), description: z.string().nullish() })
  .passthrough();
export type UnleashedWebhookSubscription = z.infer<typeof webhookSubscriptionSchema>;

/** The answer to creating one: the signing key, returned this once only. */
export const webhookSubscriptionCreatedSchema = webhookSubscriptionSchema.extend({ signatureKey: z.string().min(1) });
export type UnleashedWebhookSubscriptionCreated = z.infer<typeof webhookSubscriptionCreatedSchema>;
