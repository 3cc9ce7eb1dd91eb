import type { SandboxApiBehaviour } from './unleashed-sandbox.queries.js';
import type { ShipmentPutBehaviour } from './unleashed-sandbox.shipments.js';

/**
 * Switches for every behaviour the public docs leave open (shared/reference/unleashed-api.md, the [I]
 * marks). Defaults are the STRICTER choice, so a client that passes here does not rely on leniency.
 */
export interface UnleashedSandboxOptions extends SandboxApiBehaviour, ShipmentPutBehaviour {
  /** missing/empty `client-type` → 400 (required since the 30 June 2025 breaking change; error undocumented) */
  requireClientType: boolean;
  /** `Accept` must name application/json (the sandbox speaks no XML) → else 400 */
  requireAccept: boolean;
  /** `Content-Type: application/json` required on every request, GET included → else 400 */
  requireContentType: boolean;
  /** modifiedSince: false = strictly after (default), true = at or after */
  modifiedSinceInclusive: boolean;
  /**
   * status of every request once the monthly quota is used up (undocumented: reference §6, §8): 403 (the
   * hard choice: the status of a refused signature) or 429. Either way no Retry-After, and a body naming
   * the allowance (QUOTA_EXHAUSTED_DESCRIPTION), so it is told apart from a refused signature's bare 403.
   */
  quotaStatus: 429 | 403;
  /**
   * `OrderGuid` on sales shipments: absent in recorded real responses (reference §4, 2014 traffic), present
   * in newer third-party clients' models. Default false (absent): shipments join their order by OrderNumber.
   */
  includeOrderGuid: boolean;
  /**
   * Order Management off: when Unleashed creates the one shipment of an order (reference §8: "when it is set
   * to Complete"; created Dispatched). 'on-completion' (default): none while the order is Placed, one with
   * every line, already Dispatched, when it is completed. 'with-the-order': the old choice, one Placed
   * shipment as soon as the order exists.
   */
  orderManagementOffShipments: 'on-completion' | 'with-the-order';
  /** PUT /SalesShipments: a field left out of the body (and a line's batch / serial numbers) is cleared (true) or kept (false) */
  putClearsOmittedFields: boolean;
  /** PUT /SalesShipments: `ShippingCompany` as a bare name is accepted (the old reading) instead of refused with 400 */
  acceptShippingCompanyText: boolean;
  /** PUT /SalesShipments: the body must carry SalesShipmentLines (the MindCloud docs list them as required) */
  requireLinesOnPut: boolean;
  /** when every shipment of an order is Dispatched the order becomes Completed (undocumented; off) */
  completeOrderWhenAllShipmentsDispatched: boolean;
  /** how many requests the request log keeps */
  requestLogLimit: number;
}

export const defaultSandboxOptions: UnleashedSandboxOptions = {
  requireClientType: true,
  requireAccept: true,
  requireContentType: true,
  modifiedSinceInclusive: false,
  quotaStatus: 403,
  includeOrderGuid: false,
  orderManagementOffShipments: 'on-completion',
  putClearsOmittedFields: true,
  requireLinesOnPut: true,
  completeOrderWhenAllShipmentsDispatched: false,
  acceptShippingCompanyText: false,
  requestLogLimit: 10_000,
};
