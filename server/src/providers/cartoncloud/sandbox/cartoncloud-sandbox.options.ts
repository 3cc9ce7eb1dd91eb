import type { Clock } from '../../../common/clock.js';
import type { InvalidAddressAnswer } from './cartoncloud-sandbox.orders.js';
import type { SandboxFaults } from './cartoncloud-sandbox.store.js';

/** Every choice where the public docs are silent is a switch here (README "Behaviour where the docs are silent"). */
export interface CartonCloudSandboxOptions {
  clock?: Clock;
  /** drives errorRate/timeoutRate and the auto-progress carriers; inject for determinism */
  random?: () => number;
  /** `expires_in` of issued tokens, seconds (docs show 3600; the real value is unknown) */
  tokenExpiresInSeconds?: number;
  /** create limit per API client over a sliding window (documented: 30/minute); false turns it off */
  createRateLimit?: { limit: number; windowMs: number } | false;
  /** send Retry-After (seconds until the window frees a slot) with the create limit's 429 — undocumented, off */
  sendRetryAfter?: boolean;
  /** accept only the documented (and observed) search pointers; false accepts any JSON pointer */
  strictSearchPointers?: boolean;
  /** page size when `size` is absent (documented only as "varies") */
  defaultPageSize?: number;
  /** offset written into timestamps (CartonCloud writes the warehouse's local time) */
  utcOffset?: string;
  /** status of the Warehouse Fulfilment generated on dispatch (the API's mapping of "Shipped" is unknown) */
  consignmentStatusOnDispatch?: string;
  /** how an order whose address lookup failed is refused: 228 REJECTED (default) or 422 */
  invalidAddressAnswer?: InvalidAddressAnswer;
  /** refuse the undocumented `/status` search pointer with 400 (one script verified it live: accepted by default) */
  refuseStatusPointer?: boolean;
  /** refuse DateTimeComparisonCondition with 400 (the docs show it, one client found only STARTS_WITH works: accepted by default) */
  refuseDateTimeComparisons?: boolean;
  faults?: Partial<SandboxFaults>;
}

export type SandboxSettings = Required<Omit<CartonCloudSandboxOptions, 'clock' | 'random' | 'faults'>>;

/** The switches with their defaults: the documented value where there is one, else the harder choice. */
export function sandboxSettings(options: CartonCloudSandboxOptions): SandboxSettings {
  return {
    tokenExpiresInSeconds: options.tokenExpiresInSeconds ?? 3600,
    createRateLimit: options.createRateLimit ?? { limit: 30, windowMs: 60_000 },
    sendRetryAfter: options.sendRetryAfter ?? false,
    strictSearchPointers: options.strictSearchPointers ?? true,
    defaultPageSize: options.defaultPageSize ?? 20,
    utcOffset: options.utcOffset ?? '+10:00',
    consignmentStatusOnDispatch: options.consignmentStatusOnDispatch ?? 'IN_WAREHOUSE',
    invalidAddressAnswer: options.invalidAddressAnswer ?? 'rejected',
    refuseStatusPointer: options.refuseStatusPointer ?? false,
    refuseDateTimeComparisons: options.refuseDateTimeComparisons ?? false,
  };
}
