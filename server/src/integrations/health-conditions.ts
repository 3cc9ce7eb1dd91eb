import { registerEnumType } from 'type-graphql';

/**
 * Everything that can be wrong with an integration, or with the whole deployment, that a person should
 * know about: one code per condition, one wording per code (what happened, and what to do). Conditions are
 * rows of `health_conditions` (health-condition.entity.ts), raised and cleared only by IntegrationHealth.
 */
export enum HealthConditionCode {
  // one integration
  CREDENTIALS_REJECTED = 'CREDENTIALS_REJECTED',
  CREDENTIALS_SUSPECT = 'CREDENTIALS_SUSPECT',
  POLL_OVERDUE = 'POLL_OVERDUE',
  QUOTA_EXHAUSTED = 'QUOTA_EXHAUSTED',
  QUOTA_LOW = 'QUOTA_LOW',
  ORDER_MANAGEMENT_OFF = 'ORDER_MANAGEMENT_OFF',
  CARRIERS_UNKNOWN = 'CARRIERS_UNKNOWN',
  WEBHOOKS_UNAVAILABLE = 'WEBHOOKS_UNAVAILABLE',
  WEBHOOKS_SILENT = 'WEBHOOKS_SILENT',
  // the whole deployment (no integration)
  CARTONCLOUD_UNAVAILABLE = 'CARTONCLOUD_UNAVAILABLE',
  CARTONCLOUD_CLIENT_REFUSED = 'CARTONCLOUD_CLIENT_REFUSED',
  CARTONCLOUD_ROLE_MISSING = 'CARTONCLOUD_ROLE_MISSING',
}
registerEnumType(HealthConditionCode, { name: 'HealthConditionCode', description: 'What is wrong (see HealthCondition.message for the words).' });

/**
 * How much a condition stops: STOPPED — nothing syncs until a person acts; PAUSED — syncing waits and resumes
 * by itself; DEGRADED — syncing goes on, with something missing or slower; NOTICE — worth knowing, nothing lost.
 */
export enum HealthSeverity {
  STOPPED = 'STOPPED',
  PAUSED = 'PAUSED',
  DEGRADED = 'DEGRADED',
  NOTICE = 'NOTICE',
}
registerEnumType(HealthSeverity, { name: 'HealthSeverity' });

/** The alert a condition sends when raised (alerts/ — `integration.recovered` follows when the last one clears). */
export type ConditionAlert = 'integration.credentials_rejected' | 'integration.quota_exhausted' | 'integration.overdue';

export interface ConditionDetails {
  /** when a PAUSED condition ends by itself (quota reset, end of an outage pause) */
  until?: Date | null;
  /** words specific to this occurrence, appended to the catalogue's message (e.g. the carrier names) */
  detail?: string | null;
}

interface CatalogueEntry {
  scope: 'integration' | 'deployment';
  severity: HealthSeverity;
  alert?: ConditionAlert;
  message: (details: ConditionDetails) => string;
  action: string;
}

const at = (date: Date | null | undefined) => (date ? date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : 'later');
const plus = (details: ConditionDetails) => (details.detail ? ` ${details.detail}` : '');

export const HEALTH_CONDITIONS: Readonly<Record<HealthConditionCode, CatalogueEntry>> = {
  [HealthConditionCode.CREDENTIALS_REJECTED]: {
    scope: 'integration',
    severity: HealthSeverity.STOPPED,
    alert: 'integration.credentials_rejected',
    message: () => 'Unleashed refused the stored API ID and key, so order polling and fulfilment have stopped until the credentials are entered again (setup step 2).',
    action:
      'Copy the API ID and key again from Unleashed (Integrations → Unleashed API Access) and save setup step 2. If they are right, check the account\u2019s API usage in Unleashed: an account whose monthly allowance is used up is refused the same way until the 1st.',
  },
  [HealthConditionCode.CREDENTIALS_SUSPECT]: {
    scope: 'integration',
    severity: HealthSeverity.DEGRADED,
    message: (d) =>
      `Unleashed refused a request of this integration (403), which had worked before. The credentials were checked once more and not refused, so polling goes on; it stops only if Unleashed refuses the check too.${plus(d)}`,
    action: 'Nothing yet. If it stays, check the Unleashed account\u2019s API access (the key may be about to be replaced) — the integration stops and asks for the credentials if Unleashed refuses them.',
  },
  [HealthConditionCode.POLL_OVERDUE]: {
    scope: 'integration',
    severity: HealthSeverity.DEGRADED,
    alert: 'integration.overdue',
    message: () => 'No order poll has run for more than three poll intervals. Conveyor has re-created the schedule; if this stays, check the workers.',
    action: 'Check that at least one worker process is running and can reach the database.',
  },
  [HealthConditionCode.QUOTA_EXHAUSTED]: {
    scope: 'integration',
    severity: HealthSeverity.PAUSED,
    alert: 'integration.quota_exhausted',
    message: (d) => `The Unleashed account's monthly API allowance is used up: Unleashed blocks every call of this account (its other apps too) until ${at(d.until)}. Polling is paused and resumes by itself then.${plus(d)}`,
    action: 'Buy an extra API bundle in Unleashed, or wait for the allowance to reset on the 1st (00:00 UTC).',
  },
  [HealthConditionCode.QUOTA_LOW]: {
    scope: 'integration',
    severity: HealthSeverity.NOTICE,
    message: (d) => `The Unleashed account's monthly API allowance is running low.${plus(d)}`,
    action: 'Raise the allowance in Unleashed, or turn on webhooks so that polling can be rare.',
  },
  [HealthConditionCode.ORDER_MANAGEMENT_OFF]: {
    scope: 'integration',
    severity: HealthSeverity.NOTICE,
    message: () =>
      'Order Management is off in this Unleashed account, so Unleashed refuses to change a sales shipment\u2019s status. ' +
      'Conveyor writes only the dispatch date and the number of packages; shipments stay in their current status and ' +
      'carrier and tracking number are not written. Turn Order Management on in Unleashed (Settings \u2192 Company \u2192 ' +
      'Configuration) and save the fulfilment step again to have shipments marked Dispatched.',
    action: 'Turn Order Management on in Unleashed, then save setup step 4 again.',
  },
  [HealthConditionCode.CARRIERS_UNKNOWN]: {
    scope: 'integration',
    severity: HealthSeverity.NOTICE,
    message: (d) => `Some CartonCloud carriers have no shipping company of the same name in Unleashed, so dispatches were written without the carrier.${plus(d)}`,
    action: 'Add the carrier names as shipping companies in Unleashed (Settings → Shipping Companies); later dispatches will carry them.',
  },
  [HealthConditionCode.WEBHOOKS_UNAVAILABLE]: {
    scope: 'integration',
    severity: HealthSeverity.NOTICE,
    message: (d) => `Conveyor could not subscribe to this Unleashed account's webhooks, so new orders arrive by polling (slower).${plus(d)}`,
    action: 'Unleashed allows 5 webhook subscriptions per account: remove one you no longer use; Conveyor subscribes again by itself.',
  },
  [HealthConditionCode.WEBHOOKS_SILENT]: {
    scope: 'integration',
    severity: HealthSeverity.NOTICE,
    message: (d) => `Unleashed's webhook deliveries for this account stopped or failed, so Conveyor polls at the normal interval again.${plus(d)}`,
    action: 'Nothing: deliveries are checked again by themselves. If this stays, check that PUBLIC_URL is reachable from the internet.',
  },
  [HealthConditionCode.CARTONCLOUD_UNAVAILABLE]: {
    scope: 'deployment',
    severity: HealthSeverity.PAUSED,
    message: (d) =>
      `CartonCloud is failing or not answering, so creating sale orders is paused for every integration (next check ${at(d.until)}). ` +
      `It resumes by itself as soon as CartonCloud answers, and no shipment uses up its attempts meanwhile.${plus(d)}`,
    action: 'Nothing: Conveyor checks again by itself. If this lasts, check CartonCloud\u2019s status page.',
  },
  [HealthConditionCode.CARTONCLOUD_CLIENT_REFUSED]: {
    scope: 'deployment',
    severity: HealthSeverity.STOPPED,
    message: (d) =>
      `CartonCloud refused the 3PL's API client (client id and secret), so creating sale orders is paused for every integration. ` +
      `Conveyor checks again every few minutes and resumes by itself once CartonCloud accepts it; no shipment uses up its attempts meanwhile.${plus(d)}`,
    action: 'The client secret may have been rotated in CartonCloud: set CARTONCLOUD_CLIENT_ID and CARTONCLOUD_CLIENT_SECRET to the current values and restart.',
  },
  [HealthConditionCode.CARTONCLOUD_ROLE_MISSING]: {
    scope: 'deployment',
    severity: HealthSeverity.DEGRADED,
    message: (d) => `The 3PL's CartonCloud API client lacks a role Conveyor needs.${plus(d)}`,
    action: 'In CartonCloud, give the API client the role named above (Settings → API Clients).',
  },
};

/** Most severe first (the integration's headline message is its most severe condition's). */
export const SEVERITY_ORDER: readonly HealthSeverity[] = [HealthSeverity.STOPPED, HealthSeverity.PAUSED, HealthSeverity.DEGRADED, HealthSeverity.NOTICE];
