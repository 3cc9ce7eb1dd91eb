import type { EntityManager } from '@mikro-orm/postgresql';
import { HealthConditionCode } from '../integrations/health-conditions.js';
import type { Integration } from '../integrations/integration.entity.js';
import type { IntegrationHealth } from '../integrations/integration-health.js';
import { CONSIGNMENT_SEARCH_ROLE } from '../providers/cartoncloud/cartoncloud.client.js';
import type { RunRef, SyncRunRecorder } from '../runs/sync-run.recorder.js';
import type { ConsignmentAccess } from './fulfilment-writer.js';
import type { CarrierLookup } from './shipping-companies.js';

/**
 * What one fulfilment pass learnt that a person must know, kept as health conditions (IntegrationHealth is
 * their only writer) and as errors on the pass's run:
 * - carriers the Unleashed account has no shipping company for: CARRIERS_UNKNOWN on the integration,
 *   naming them; cleared by a pass in which every carrier matched (a pass with no carrier says nothing);
 * - a CartonCloud API client without the role to read consignments: CARTONCLOUD_ROLE_MISSING for the
 *   whole deployment, naming the role; cleared by a pass in which a consignment search worked.
 */
export async function recordPassVerdicts(
  em: EntityManager,
  deps: { health: IntegrationHealth; runs: SyncRunRecorder },
  run: RunRef,
  integration: Integration,
  found: { carriers: CarrierLookup; consignments: ConsignmentAccess },
): Promise<void> {
  const { health, runs } = deps;
  const { carriers, consignments } = found;
  if (carriers.unknown.size > 0) {
    const names = [...carriers.unknown].sort().map((name) => `"${name}"`).join(', ');
    const detail = `Add ${carriers.unknown.size === 1 ? 'this shipping company' : 'these shipping companies'} in Unleashed: ${names}.`;
    await health.raise(em, integration, HealthConditionCode.CARRIERS_UNKNOWN, { detail });
  } else if (carriers.matched > 0) {
    await health.clear(em, integration, HealthConditionCode.CARRIERS_UNKNOWN);
  }
  if (carriers.unavailable) {
    await runs.addError(em, run, { reference: null, message: `Could not read the Unleashed shipping companies, so carriers were not written this time: ${carriers.unavailable}` });
  }
  if (consignments.refused) {
    const detail =
      `It needs "${CONSIGNMENT_SEARCH_ROLE}" to read consignments: until then dispatches are written back to Unleashed with their ` +
      'status and date but without carrier, tracking number and packages, which follow once the role is given.';
    await health.raise(em, null, HealthConditionCode.CARTONCLOUD_ROLE_MISSING, { detail });
    await runs.addError(em, run, { reference: null, message: `${consignments.refused}: status and dispatch date were written without carrier, tracking number and packages.` });
  } else if (consignments.worked) {
    await health.clear(em, null, HealthConditionCode.CARTONCLOUD_ROLE_MISSING);
  }
}
