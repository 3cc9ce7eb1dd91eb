import { z } from 'zod';

/**
 * Response shapes of the CartonCloud public API (api-docs.cartoncloud.com; facts in
 * shared/reference/cartoncloud-api.md §3–§5), parsed where each response arrives. Every object passes
 * unknown fields through: CartonCloud's changes are additive and tenants add their own references.
 */

const nullableString = z.string().nullish();
const timestampSchema = z.object({ time: z.string() }).passthrough();

export const saleOrderStatuses = [
  'DRAFT',
  'AWAITING_STOCK',
  'AWAITING_PICK_AND_PACK',
  'PACKING_IN_PROGRESS',
  'PICKED',
  'PACKED',
  'DISPATCHED',
  'REJECTED',
] as const;
/** The documented enum (§3.5); other strings (e.g. an undocumented picking status) are still accepted. */
export type SaleOrderStatus = (typeof saleOrderStatuses)[number];

export const addressSchema = z
  .object({
    companyName: nullableString,
    contactName: nullableString,
    address1: nullableString,
    address2: nullableString,
    suburb: nullableString,
    city: nullableString,
    postcode: nullableString,
    phone: nullableString,
    email: nullableString,
  })
  .passthrough();

export const saleOrderErrorSchema = z.object({ message: z.string(), isResolved: z.boolean() }).passthrough();

export const saleOrderItemSchema = z
  .object({
    id: z.string().optional(),
    details: z
      .object({
        product: z
          .object({ id: z.string().optional(), name: nullableString, references: z.object({ code: nullableString }).passthrough().optional() })
          .passthrough(),
        unitOfMeasure: z.object({ type: z.string() }).passthrough().nullish(),
      })
      .passthrough(),
    measures: z.object({ quantity: z.number() }).passthrough(),
  })
  .passthrough();

export const saleOrderSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    status: z.string(),
    type: z.string().optional(),
    references: z
      .object({ customer: z.string(), numericId: nullableString, tracking: nullableString, alternateReference: nullableString })
      .passthrough(),
    customer: z
      .object({ id: z.string(), name: z.string().optional(), references: z.object({ code: nullableString }).passthrough().optional() })
      .passthrough(),
    warehouse: z.object({ id: z.string(), name: z.string().optional() }).passthrough().nullish(),
    details: z
      .object({
        instructions: nullableString,
        urgent: z.boolean().nullish(),
        errors: z.array(saleOrderErrorSchema).optional(),
        deliver: z
          .object({ address: addressSchema.nullish(), instructions: nullableString, requiredDate: nullableString })
          .passthrough()
          .nullish(),
        collect: z.object({ requiredDate: nullableString }).passthrough().nullish(),
      })
      .passthrough()
      .default({}),
    items: z.array(saleOrderItemSchema).default([]),
    timestamps: z
      .object({
        created: timestampSchema,
        modified: timestampSchema.nullish(),
        packed: timestampSchema.nullish(),
        dispatched: timestampSchema.nullish(),
      })
      .passthrough(),
  })
  .passthrough();
export type SaleOrder = z.infer<typeof saleOrderSchema>;
export const saleOrderListSchema = z.array(saleOrderSchema);

export const consignmentSchema = z
  .object({
    id: z.string(),
    status: z.string(),
    references: z.object({ tracking: nullableString }).passthrough().default({}),
    details: z
      .object({
        type: z.string(),
        tracking: z.object({ companyName: nullableString, url: nullableString }).passthrough().nullish(),
      })
      .passthrough(),
    generatedFromTask: z.object({ id: z.string() }).passthrough().nullish(),
    items: z.array(z.object({}).passthrough()).default([]),
  })
  .passthrough();
export type Consignment = z.infer<typeof consignmentSchema>;
export const consignmentListSchema = z.array(consignmentSchema);

/** A warehouse product as "Search Warehouse Products" returns it; only what Conveyor reads is typed. */
export const warehouseProductSchema = z
  .object({
    id: z.string(),
    name: z.string().nullish(),
    references: z.object({ code: z.string().nullish() }).passthrough(),
    details: z.object({ active: z.boolean().nullish() }).passthrough().nullish(),
  })
  .passthrough();
export type WarehouseProduct = z.infer<typeof warehouseProductSchema>;
export const warehouseProductListSchema = z.array(warehouseProductSchema);

export const customerSchema = z.object({ id: z.string(), name: z.string() }).passthrough();
export type Customer = z.infer<typeof customerSchema>;
export const customerListSchema = z.array(customerSchema);

/** Every error body is a JSON array (§5); 422 items carry a JSON pointer and sometimes a type. */
export const apiErrorItemSchema = z
  .object({
    field: z.string().optional(),
    message: z.string(),
    type: z.string().optional(),
    details: z.record(z.unknown()).optional(),
  })
  .passthrough();
export type ApiErrorItem = z.infer<typeof apiErrorItemSchema>;
export const apiErrorListSchema = z.array(apiErrorItemSchema);

export const tokenResponseSchema = z
  .object({ access_token: z.string().min(1), token_type: z.string(), expires_in: z.number().positive() })
  .passthrough();

/** The body we send to create a sale order (§3.1). Only the fields Conveyor fills are typed. */
export interface CustomerRef {
  id?: string;
  references?: { code: string };
  name?: string;
}
export interface WarehouseRef {
  id?: string;
  name?: string;
}
export interface AddressInput {
  companyName?: string | null;
  contactName?: string | null;
  address1?: string | null;
  address2?: string | null;
  suburb?: string | null;
  city?: string | null;
  state?: { code?: string; name?: string } | null;
  postcode?: string | null;
  country?: { iso2Code?: string; iso3Code?: string; name?: string } | null;
  phone?: string | null;
  email?: string | null;
}
export interface NewSaleOrderItem {
  details: {
    product: { id?: string; references?: { code?: string; barcode?: string }; name?: string };
    unitOfMeasure?: { type: string };
  };
  measures: { quantity: number };
  properties?: Record<string, unknown>;
}
export interface NewSaleOrder {
  type?: 'OUTBOUND';
  references: { customer: string; [key: string]: unknown };
  customer: CustomerRef;
  warehouse?: WarehouseRef;
  details: {
    urgent?: boolean;
    instructions?: string | null;
    collect?: { requiredDate?: string | null };
    deliver: {
      address: AddressInput;
      instructions?: string | null;
      requiredDate?: string | null;
      method?: { type: 'SHIPPING' | 'PICKUP'; requestedService?: string };
    };
    [key: string]: unknown;
  };
  items: NewSaleOrderItem[];
  properties?: Record<string, unknown>;
}
