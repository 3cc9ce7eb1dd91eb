/** Shapes of the Unleashed sandbox's in-memory data (API field names, dates as epoch milliseconds). */

/** A request the sandbox refuses: status + the `Description` of the error body. */
export class SandboxHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const orderStatuses = ['Parked', 'Placed', 'Backordered', 'Completed', 'Deleted'] as const;
/** Parked, Placed, Picking, Packed, Dispatched are confirmed by a carrier integration; Deleted is used on a deleted order [I]. */
export const shipmentStatuses = ['Parked', 'Placed', 'Picking', 'Packed', 'Dispatched', 'Deleted'] as const;

export interface SandboxAccountInput {
  apiId?: string;
  apiKey?: string;
  /** Settings → Company → Configuration; OFF by default in Unleashed */
  orderManagement?: boolean;
  /** IANA; date-only fields are local midnight in it */
  timeZone?: string;
  /** calls allowed per calendar month (UTC); null = unlimited */
  monthlyQuota?: number | null;
}

export interface SandboxAccount {
  apiId: string;
  apiKey: string;
  orderManagement: boolean;
  timeZone: string;
  monthlyQuota: number | null;
  callsThisMonth: number;
  /** `YYYY-MM` (UTC) that callsThisMonth counts */
  quotaMonth: string;
  callsByEndpoint: Record<string, number>;
  warehouses: StoredWarehouse[];
  /** product code → description */
  products: Map<string, string>;
  orders: Map<string, StoredOrder>;
  /** order numbers in use (unique per account) */
  orderNumbers: Set<string>;
  shipments: Map<string, StoredShipment>;
  nextOrderNumber: number;
  nextShipmentNumber: number;
  /** Settings → Shipping Companies (absent: none yet); a shipment's ShippingCompany must name one */
  shippingCompanies?: StoredShippingCompany[];
  /** lower-case product code → how it is tracked (absent: not tracked) */
  productTracking?: Map<string, ProductTracking>;
}

/** A batch-tracked product needs batch numbers adding up to each shipped quantity; a serial-tracked one a serial number per unit. */
export type ProductTracking = 'batch' | 'serial';

export interface StoredShippingCompany {
  Guid: string;
  Name: string;
  Obsolete: boolean;
  LastModifiedOn: number;
}

/** What a user changes on a shipment in the Unleashed UI (sandbox control `editShipment`). */
export interface SandboxShipmentEdit {
  /** any top-level fields, by API name (e.g. Comments, DeliveryInstruction, Incoterm) */
  fields?: Record<string, unknown>;
  /** batch / serial numbers picked for a line (API shapes: `{Number, Quantity}`, `{Identifier}`) */
  lines?: Array<{ lineNumber: number; batchNumbers?: unknown[]; serialNumbers?: unknown[] }>;
}

export interface StoredWarehouse {
  Guid: string;
  WarehouseCode: string;
  WarehouseName: string;
  IsDefault: boolean;
  Obsolete: boolean;
  AddressLine1: string | null;
  City: string | null;
  Country: string | null;
  LastModifiedOn: number;
}

export interface SandboxAddress {
  name?: string | null;
  streetAddress?: string | null;
  streetAddress2?: string | null;
  suburb?: string | null;
  city?: string | null;
  region?: string | null;
  country?: string | null;
  postCode?: string | null;
  instruction?: string | null;
  method?: string | null;
}

export interface SandboxOrderInput {
  orderNumber?: string;
  status?: string;
  warehouseCode?: string;
  customer?: { code: string; name?: string };
  customerRef?: string | null;
  comments?: string | null;
  /** calendar date in the account's time zone */
  requiredDate?: string;
  delivery?: SandboxAddress;
  lines: Array<{ productCode: string; description?: string; quantity: number; unitPrice?: number; comments?: string | null }>;
  /**
   * Order Management ON: the shipments to create (default: one for every line; [] for none).
   * Order Management OFF: refused — Unleashed makes the one shipment itself (when the order is completed,
   * or with the order under the sandbox option `orderManagementOffShipments: 'with-the-order'`).
   */
  shipments?: Array<SandboxShipmentInput & { lines: Array<{ lineNumber: number; quantity: number }> }>;
}

/** A shipment of an order (Order Management on): which lines (default: every line in full), comments, status (default Placed). */
export interface SandboxShipmentInput {
  lines?: Array<{ lineNumber: number; quantity: number }>;
  comments?: string | null;
  status?: string;
}

export interface SandboxOrderEdit {
  comments?: string | null;
  customerRef?: string | null;
  warehouseCode?: string;
  requiredDate?: string | null;
  delivery?: SandboxAddress;
}

export type Ref = { Guid: string; [key: string]: unknown };
export interface StoredOrder {
  Guid: string;
  OrderNumber: string;
  OrderStatus: string;
  OrderDate: number;
  RequiredDate: number | null;
  CompletedDate: number | null;
  Customer: Ref & { CustomerCode: string; CustomerName: string };
  CustomerRef: string | null;
  Comments: string | null;
  Warehouse: Ref & { WarehouseCode: string; WarehouseName: string };
  SalesOrderLines: Array<{
    Guid: string;
    LineNumber: number;
    Product: Ref & { ProductCode: string; ProductDescription: string };
    DueDate: number | null;
    OrderQuantity: number;
    UnitPrice: number;
    LineTotal: number;
    Comments: string | null;
    LastModifiedOn: number;
  }>;
  SubTotal: number;
  TaxTotal: number;
  Total: number;
  CreatedOn: number;
  LastModifiedOn: number;
  [delivery: `Delivery${string}`]: string | null;
}

export interface StoredShipment {
  Guid: string;
  OrderGuid: string;
  OrderNumber: string;
  ShipmentNumber: string;
  ShipmentStatus: string;
  Warehouse: StoredOrder['Warehouse'];
  Customer: StoredOrder['Customer'];
  CustomerRef: string | null;
  DispatchDate: number | null;
  TrackingNumber: string | null;
  ShippingCompany: unknown;
  NumberOfPackages: number | null;
  Comments: string | null;
  SalesShipmentLines: Array<{
    Guid: string;
    LineNumber: number;
    SalesOrderLineNumber: number;
    Product: StoredOrder['SalesOrderLines'][number]['Product'];
    ShipmentQty: number;
    UnitCost: number;
    /** shown only with `serialBatch=true` (shape inferred: `{Number, Quantity}`) */
    BatchNumbers?: Array<{ Number: string; Quantity: number }>;
    /** shown only with `serialBatch=true` (shape inferred: `{Identifier}`) */
    SerialNumbers?: Array<{ Identifier: string }>;
  }>;
  CreatedOn: number;
  LastModifiedOn: number;
  [delivery: `Delivery${string}`]: string | null;
}

export interface SandboxFaults {
  /** added before every API answer */
  latencyMs: number;
  /** share (0–1) of API requests answered 500 */
  errorRate: number;
  /** share (0–1) of API requests never answered (the client's timeout fires) */
  timeoutRate: number;
  /** the next N API requests get 429 */
  rateLimitBurst: number;
  /** the next N PUT / POST requests get 500 "The posted object could not be parsed" (a body Unleashed cannot read) */
  unparseableBurst: number;
  /** the next N API requests get a bare 403, as Unleashed refuses a request it will not authenticate (e.g. a signature it reads differently) */
  forbiddenBurst: number;
}

export interface SandboxRequest {
  at: Date;
  apiId: string | null;
  method: string;
  path: string;
  query: string;
  status: number | 'no answer';
}
