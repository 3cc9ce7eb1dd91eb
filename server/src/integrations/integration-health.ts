import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import { pgArray } from '../common/pg-array.js';
import type { Logger } from '../common/logger.js';
import { actionFor, ProviderError, type ProviderErrorAction } from '../providers/shared/provider-error.js';
import { HealthCondition } from './health-condition.entity.js';
import { HEALTH_CONDITIONS, HealthConditionCode, SEVERITY_ORDER, type ConditionAlert, type ConditionDetails } from './health-conditions.js';
import type { Integration } from './integration.entity.js';
import type { IntegrationUpdates } from './integration-updates.js';

/** The words of the credentials-rejected condition (one wording per condition: health-conditions.ts). */
export const CREDENTIALS_REJECTED_MESSAGE = HEALTH_CONDITIONS[HealthConditionCode.CREDENTIALS_REJECTED].message({});
/** The words of the overdue condition. */
export const POLL_OVERDUE_MESSAGE = HEALTH_CONDITIONS[HealthConditionCode.POLL_OVERDUE].message({});
/** The words of the Order-Management-off condition. */
export const ORDER_MANAGEMENT_OFF_NOTICE = HEALTH_CONDITIONS[HealthConditionCode.ORDER_MANAGEMENT_OFF].message({});

/** Who hears about conditions (the alerts domain, wired in app/: integrations cannot import it). */
export interface HealthListener {
  /** a condition that sends an alert was raised (not: was still open) */
  raised(event: { alert: ConditionAlert; integrationId: string; message: string }): Promise<void>;
  /** the last open alerting condition of an integration was cleared */
  recovered(event: { integrationId: string; message: string }): Promise<void>;
}

export interface IntegrationHealthDeps {
  clock: Clock;
  logger: Logger;
  updates: IntegrationUpdates;
  listener?: HealthListener;
}

type Scope = Pick<Integration, 'id' | 'customer'> | null;
const NO_INTEGRATION = '00000000-0000-0000-0000-000000000000';
const ALERTING = Object.values(HealthConditionCode).filter((code) => HEALTH_CONDITIONS[code].alert);

/**
 * The one home of health: the only writer of `health_conditions` and of the integration fields that stop
 * or shape its jobs (`credentialsRejectedAt`, `unleashedOrderManagement`). A condition is raised once (an
 * open row per integration and code; raising it again only refreshes its words and end) and cleared once;
 * every change is announced on INTEGRATION_UPDATED (through IntegrationUpdates) and, for the conditions
 * that alert, to the listener — `recovered` when the last alerting one clears. What a provider failure
 * means comes from the one map (`actionFor`).
 */
export class IntegrationHealth {
  constructor(private readonly deps: IntegrationHealthDeps) {}

  /** Opens `code` for the integration (null: the whole deployment). true when it was not open before. */
  async raise(em: EntityManager, integration: Scope, code: HealthConditionCode, details: ConditionDetails = {}): Promise<boolean> {
    const entry = HEALTH_CONDITIONS[code];
    if ((entry.scope === 'deployment') !== (integration === null)) throw new Error(`condition ${code} belongs to ${entry.scope === 'deployment' ? 'the deployment' : 'an integration'}`);
    const message = entry.message(details);
    const now = this.deps.clock.now();
    const rows = await em.getConnection().execute<{ inserted: boolean; changed: boolean }[]>(
      `with existing as (
         select id, message, until from health_conditions
          where coalesce(integration_id, ?::uuid) = ?::uuid and code = ? and cleared_at is null),
       inserted as (
         insert into health_conditions (id, integration_id, code, message, since, until, created_at)
         select gen_random_uuid(), ?, ?, ?, ?, ?, ? where not exists (select 1 from existing)
         on conflict do nothing returning id),
       updated as (
         update health_conditions h set message = ?, until = ? from existing e
          where h.id = e.id and (e.message is distinct from ? or e.until is distinct from ?) returning h.id)
       select exists (select 1 from inserted) as inserted, exists (select 1 from updated) as changed`,
      [NO_INTEGRATION, integration?.id ?? NO_INTEGRATION, code, integration?.id ?? null, code, message, now, details.until ?? null, now, message, details.until ?? null, message, details.until ?? null],
    );
    const inserted = Boolean(rows[0]?.inserted);
    if (!inserted && !rows[0]?.changed) return false;
    if (integration) await this.deps.updates.published(integration);
    if (inserted) {
      this.deps.logger.warn({ integrationId: integration?.id ?? null, code }, 'health condition raised');
      if (integration && entry.alert) await this.notify(() => this.deps.listener?.raised({ alert: entry.alert!, integrationId: integration.id, message }));
    }
    return inserted;
  }

  /** Closes `code` (a no-op when it is not open). true when it was open. */
  async clear(em: EntityManager, integration: Scope, code: HealthConditionCode): Promise<boolean> {
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `update health_conditions set cleared_at = ? where coalesce(integration_id, ?::uuid) = ?::uuid and code = ? and cleared_at is null returning id`,
      [this.deps.clock.now(), NO_INTEGRATION, integration?.id ?? NO_INTEGRATION, code],
    );
    if (rows.length === 0) return false;
    this.deps.logger.info({ integrationId: integration?.id ?? null, code }, 'health condition cleared');
    if (integration) {
      await this.deps.updates.published(integration);
      if (HEALTH_CONDITIONS[code].alert && (await this.openCodes(em, integration.id)).every((open) => !ALERTING.includes(open))) {
        const message = `The integration is working again (${code.toLowerCase().replace(/_/g, ' ')} cleared).`;
        await this.notify(() => this.deps.listener?.recovered({ integrationId: integration.id, message }));
      }
    }
    return true;
  }

  /** The open conditions' codes of an integration (null: the deployment's). */
  async openCodes(em: EntityManager, integrationId: string | null): Promise<HealthConditionCode[]> {
    const rows = await em.getConnection().execute<{ code: HealthConditionCode }[]>(
      `select code from health_conditions where coalesce(integration_id, ?::uuid) = ?::uuid and cleared_at is null`,
      [NO_INTEGRATION, integrationId ?? NO_INTEGRATION],
    );
    return rows.map((r) => r.code);
  }

  /** Is `code` open (e.g. a pause whose end has not come)? Returns the open row. */
  async open(em: EntityManager, integrationId: string | null, code: HealthConditionCode): Promise<HealthCondition | null> {
    return em.findOne(HealthCondition, { integrationId, code, clearedAt: null });
  }

  /**
   * A provider failure met by a poll or a fulfilment pass: does what it means for the integration and
   * returns the action, for the caller's own part.
   * - Unleashed refused the credentials: with a `recheck` (a cheap authenticated call after a short wait),
   *   CREDENTIALS_SUSPECT is raised and the refusal is checked once more — stopped (CREDENTIALS_REJECTED)
   *   only when the check is refused too; 'credentials-suspect' when it was not (the refusal was of that
   *   request, or could not be confirmed). Without one, stopped at once.
   * - The account's monthly allowance is used up: QUOTA_EXHAUSTED until it resets (00:00 UTC on the 1st);
   *   polling is paused until then (`pausedUntil`).
   */
  async providerFailed(
    em: EntityManager,
    integration: Integration,
    error: ProviderError,
    during: string,
    options: { recheck?: () => Promise<void> } = {},
  ): Promise<ProviderErrorAction | 'credentials-suspect'> {
    const action = actionFor(error);
    if (action === 'quota-exhausted') {
      const previous = await this.open(em, integration.id, HealthConditionCode.QUOTA_EXHAUSTED);
      const until = quotaResumesAt(this.deps.clock.now(), previous?.until ?? null);
      this.deps.logger.warn({ integrationId: integration.id, during, until }, 'the Unleashed account\u2019s monthly API allowance is used up; polling paused');
      await this.raise(em, integration, HealthConditionCode.QUOTA_EXHAUSTED, { until });
    }
    if (action !== 'credentials-rejected') return action;
    if (options.recheck) {
      await this.raise(em, integration, HealthConditionCode.CREDENTIALS_SUSPECT, { detail: `Refused: ${during} (${error.message}).` });
      try {
        await options.recheck();
        this.deps.logger.warn({ integrationId: integration.id, err: error.message, during }, 'Unleashed refused a request but accepted the credentials check: not stopped');
        return 'credentials-suspect';
      } catch (again) {
        if (!(again instanceof ProviderError)) return 'credentials-suspect';
        const confirmed = actionFor(again);
        if (confirmed === 'quota-exhausted') {
          await this.clear(em, integration, HealthConditionCode.CREDENTIALS_SUSPECT);
          return this.providerFailed(em, integration, again, during);
        }
        if (confirmed !== 'credentials-rejected') return 'credentials-suspect';
      }
    }
    this.deps.logger.warn({ integrationId: integration.id, err: error.message, during }, 'Unleashed refused the credentials; polling and fulfilment stopped');
    integration.credentialsRejectedAt = this.deps.clock.now();
    await em.flush();
    await this.raise(em, integration, HealthConditionCode.CREDENTIALS_REJECTED);
    await this.clear(em, integration, HealthConditionCode.CREDENTIALS_SUSPECT);
    await this.deps.updates.rescheduled(integration); // cancels both jobs until step 2 is redone
    return action;
  }

  /** Unleashed answered a whole poll: a refusal that was not confirmed and a used-up allowance are over. */
  async unleashedAnswered(em: EntityManager, integration: Integration): Promise<void> {
    await this.clear(em, integration, HealthConditionCode.CREDENTIALS_SUSPECT);
    await this.clear(em, integration, HealthConditionCode.QUOTA_EXHAUSTED);
  }

  /** Until when Unleashed calls of the integration are paused (its monthly allowance is used up); null: not paused. */
  async pausedUntil(em: EntityManager, integrationId: string): Promise<Date | null> {
    const until = (await this.quotaPauses(em, [integrationId])).get(integrationId);
    return until && until > this.deps.clock.now() ? until : null;
  }

  /**
   * The integrations among `ids` with an open used-up-allowance pause, and when it ends (or ended: it stays
   * open until a call succeeds after the renewal).
   */
  async quotaPauses(em: EntityManager, ids: readonly string[]): Promise<Map<string, Date>> {
    if (!ids.length) return new Map();
    const rows = await em.getConnection().execute<{ integration_id: string; until: Date }[]>(
      `select integration_id, until from health_conditions
        where code = 'QUOTA_EXHAUSTED' and cleared_at is null and until is not null and integration_id = any(?::uuid[])`,
      [pgArray(ids)],
    );
    return new Map(rows.map((r) => [r.integration_id, new Date(r.until)]));
  }

  /** An order poll ran: the watchdog's overdue flag goes, and a refusal that step 2 has since fixed is forgotten. */
  async pollsResumed(em: EntityManager, integration: Integration): Promise<boolean> {
    const cleared = await this.clear(em, integration, HealthConditionCode.POLL_OVERDUE);
    if (integration.credentialsRejectedAt === null) await this.clear(em, integration, HealthConditionCode.CREDENTIALS_REJECTED);
    return cleared;
  }

  /** The watchdog's verdict: flags an overdue integration, clears the flag otherwise. */
  async pollVerdict(em: EntityManager, integration: Integration, overdue: boolean): Promise<'flagged' | 'cleared' | null> {
    if (!overdue) return (await this.clear(em, integration, HealthConditionCode.POLL_OVERDUE)) ? 'cleared' : null;
    return (await this.raise(em, integration, HealthConditionCode.POLL_OVERDUE)) ? 'flagged' : null;
  }

  /** Fulfilment learnt whether the Unleashed account has Order Management (false: from its refusal). */
  async orderManagementLearnt(em: EntityManager, integration: Integration, on: boolean): Promise<void> {
    if (integration.unleashedOrderManagement === on) return;
    integration.unleashedOrderManagement = on;
    await em.flush();
    if (on) await this.clear(em, integration, HealthConditionCode.ORDER_MANAGEMENT_OFF);
    else await this.raise(em, integration, HealthConditionCode.ORDER_MANAGEMENT_OFF);
  }

  /**
   * Setup step 2 stored new credentials (the setup service flushed the integration): a refusal is forgotten,
   * and another account's Order Management is learnt again. Call `credentialsReplacedStored` after the flush.
   */
  static credentialsReplaced(integration: Integration, accountChanged: boolean): void {
    integration.credentialsRejectedAt = null;
    if (accountChanged) integration.unleashedOrderManagement = null;
  }

  /** After step 2's flush: the conditions the old credentials (or account) had are closed. */
  async credentialsReplacedStored(em: EntityManager, integration: Integration, accountChanged: boolean): Promise<void> {
    await this.clear(em, integration, HealthConditionCode.CREDENTIALS_REJECTED);
    await this.clear(em, integration, HealthConditionCode.CREDENTIALS_SUSPECT);
    if (accountChanged) for (const code of (await this.openCodes(em, integration.id)).filter((c) => c !== HealthConditionCode.POLL_OVERDUE)) await this.clear(em, integration, code);
  }

  /** Setup step 4 saved again: Order Management is learnt again (it may have been turned on). Call `orderManagementRelearnStored` after the flush. */
  static orderManagementToRelearn(integration: Integration): void {
    integration.unleashedOrderManagement = null;
  }

  /** After step 4's flush: the Order-Management notice goes until fulfilment learns again. */
  async orderManagementRelearnStored(em: EntityManager, integration: Integration): Promise<void> {
    await this.clear(em, integration, HealthConditionCode.ORDER_MANAGEMENT_OFF);
  }

  /** A listener's failure (an alert not queued) never fails the work that raised the condition. */
  private async notify(call: () => Promise<void> | undefined): Promise<void> {
    try {
      await call();
    } catch (error) {
      this.deps.logger.error({ err: error }, 'could not hand a health change to its listener');
    }
  }
}

/**
 * When a used-up Unleashed allowance renews: 00:00 UTC on the 1st of the next month (reference §6). Still
 * refused after a renewal that should have happened (clocks differ, Unleashed is late): look again in an hour.
 */
export function quotaResumesAt(now: Date, previousUntil: Date | null): Date {
  if (previousUntil && previousUntil <= now) return new Date(now.getTime() + 3_600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

/** Most severe first, then oldest. */
export function bySeverity(a: Pick<HealthCondition, 'code' | 'since'>, b: Pick<HealthCondition, 'code' | 'since'>): number {
  const rank = (c: Pick<HealthCondition, 'code'>) => SEVERITY_ORDER.indexOf(HEALTH_CONDITIONS[c.code].severity);
  return rank(a) - rank(b) || a.since.getTime() - b.since.getTime();
}
