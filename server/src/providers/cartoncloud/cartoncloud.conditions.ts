/**
 * Search condition trees for `POST …/outbound-orders/search` and `…/consignments/search`
 * (api-docs.cartoncloud.com "Search Outbound Orders"; reference §3.3). The top level must be an
 * And/Or wrapper — a bare comparison is refused with "Missing field: conditions".
 */
export type TextMethod = 'EQUAL_TO' | 'NOT_EQUAL_TO' | 'CONTAINS' | 'DOES_NOT_CONTAIN' | 'STARTS_WITH';
export type OrderedMethod =
  | 'EQUAL_TO'
  | 'NOT_EQUAL_TO'
  | 'GREATER_THAN'
  | 'GREATER_THAN_OR_EQUAL_TO'
  | 'LESS_THAN'
  | 'LESS_THAN_OR_EQUAL_TO';

export interface JsonField {
  type: 'JsonField';
  pointer: string;
}
export interface ValueField<T> {
  type: 'ValueField';
  value: T;
}
export type ComparisonCondition =
  | { type: 'TextComparisonCondition'; field: JsonField; value: ValueField<string>; method: TextMethod }
  | { type: 'NumericComparisonCondition'; field: JsonField; value: ValueField<number>; method: OrderedMethod }
  | { type: 'DateComparisonCondition'; field: JsonField; value: ValueField<string>; method: OrderedMethod }
  | { type: 'DateTimeComparisonCondition'; field: JsonField; value: ValueField<string>; method: OrderedMethod };
export interface GroupCondition {
  type: 'AndCondition' | 'OrCondition';
  conditions: Condition[];
}
export type Condition = GroupCondition | ComparisonCondition;

const field = (pointer: string): JsonField => ({ type: 'JsonField', pointer });

export const and = (...conditions: Condition[]): GroupCondition => ({ type: 'AndCondition', conditions });
export const or = (...conditions: Condition[]): GroupCondition => ({ type: 'OrCondition', conditions });

export const text = (pointer: string, method: TextMethod, value: string): ComparisonCondition => ({
  type: 'TextComparisonCondition',
  field: field(pointer),
  value: { type: 'ValueField', value },
  method,
});

export const numeric = (pointer: string, method: OrderedMethod, value: number): ComparisonCondition => ({
  type: 'NumericComparisonCondition',
  field: field(pointer),
  value: { type: 'ValueField', value },
  method,
});

/** `iso` is an ISO 8601 date-time with offset, e.g. `2026-01-05T10:00:00+11:00` or `…Z`. */
export const dateTime = (pointer: string, method: OrderedMethod, iso: string): ComparisonCondition => ({
  type: 'DateTimeComparisonCondition',
  field: field(pointer),
  value: { type: 'ValueField', value: iso },
  method,
});

/** The order with this reference for this customer (reference §3.4 "Client strategy"). */
export const byCustomerReference = (reference: string, customerId: string): GroupCondition =>
  and(text('/references/customer', 'EQUAL_TO', reference), text('/customer/id', 'EQUAL_TO', customerId));

/**
 * This customer's orders with any of these references — documented pointers only (`/references/customer`,
 * `/customer/id`, reference §3.3), for when the `/status` pointer or DateTime comparisons are refused.
 */
export const byCustomerReferences = (references: readonly string[], customerId: string): GroupCondition =>
  and(text('/customer/id', 'EQUAL_TO', customerId), or(...references.map((reference) => text('/references/customer', 'EQUAL_TO', reference))));

/** This customer's orders dispatched at or after `iso` (reference §4 "Polling"). */
export const dispatchedSince = (iso: string, customerId: string): GroupCondition =>
  and(
    text('/customer/id', 'EQUAL_TO', customerId),
    dateTime('/timestamps/dispatched/time', 'GREATER_THAN_OR_EQUAL_TO', iso),
  );

/** The Warehouse Fulfilment consignment generated from a sale order (reference §4). */
export const fulfilmentOf = (saleOrderId: string): GroupCondition =>
  and(
    text('/generatedFromTask/id', 'EQUAL_TO', saleOrderId),
    text('/details/type', 'EQUAL_TO', 'WAREHOUSE_FULFILMENT'),
  );

/** This customer's warehouse products with any of these codes ("Search Warehouse Products": `/code`, `/customer/id`). */
export const productsByCode = (codes: readonly string[], customerId: string): GroupCondition =>
  and(text('/customer/id', 'EQUAL_TO', customerId), or(...codes.map((code) => text('/code', 'EQUAL_TO', code))));
