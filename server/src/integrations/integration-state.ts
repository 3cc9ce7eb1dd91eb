import type { Integration } from './integration.entity.js';
import { IntegrationHealth, IntegrationStatus, SetupStep } from './integration.enums.js';

/** The next setup step, derived from which steps have been saved. */
export function nextStepOf(integration: Pick<Integration, 'authenticationConfiguredAt' | 'orderCreationConfiguredAt' | 'fulfilmentConfiguredAt'>): SetupStep {
  if (!integration.authenticationConfiguredAt) return SetupStep.AUTHENTICATION;
  if (!integration.orderCreationConfiguredAt) return SetupStep.ORDER_CREATION;
  if (!integration.fulfilmentConfiguredAt) return SetupStep.FULFILMENT;
  return SetupStep.COMPLETE;
}

/**
 * The console's health badge. Paused: waiting for something that ends by itself (a PAUSED condition). Overdue: an ACTIVE integration with no poll in three intervals
 * (counted from activation when it never ran).
 */
export function healthOf(
  integration: Pick<Integration, 'status' | 'credentialsRejectedAt' | 'lastSyncedAt' | 'activatedAt'>,
  lastOrderRunFailed: boolean,
  now: Date,
  pollIntervalMs: number,
  /** a PAUSED condition is open (e.g. the Unleashed allowance is used up): polls wait, so none is overdue */
  paused = false,
): IntegrationHealth {
  if (integration.status !== IntegrationStatus.ACTIVE) return IntegrationHealth.NOT_ACTIVE;
  if (integration.credentialsRejectedAt) return IntegrationHealth.CREDENTIALS_REJECTED;
  if (paused) return IntegrationHealth.PAUSED;
  const since = integration.lastSyncedAt ?? integration.activatedAt;
  if (since && now.getTime() - since.getTime() > 3 * pollIntervalMs + 60_000) return IntegrationHealth.OVERDUE;
  if (lastOrderRunFailed) return IntegrationHealth.FAILING;
  return IntegrationHealth.HEALTHY;
}

/** Unleashed warehouse codes whose shipments would be SKIPPED: no mapped warehouse and no default. */
export function skippedWarehouseCodes(knownCodes: string[] | null, mappings: { unleashedWarehouseCode: string; warehouseId: string | null }[], hasDefault: boolean): string[] {
  if (hasDefault) return [];
  const mapped = new Set(mappings.filter((m) => m.warehouseId).map((m) => m.unleashedWarehouseCode));
  const codes = new Set([...(knownCodes ?? []), ...mappings.map((m) => m.unleashedWarehouseCode)]);
  return [...codes].filter((code) => !mapped.has(code)).sort();
}
