import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import { actionFor, type ProviderError, type ProviderErrorAction } from '../providers/shared/provider-error.js';
import type { Integration } from './integration.entity.js';
import type { IntegrationUpdates } from './integration-updates.js';

/** Unleashed refused the stored credentials (order poll or fulfilment): both stop until step 2 is redone. */
export const CREDENTIALS_REJECTED_MESSAGE =
  'Unleashed refused the stored API ID and key, so order polling and fulfilment have stopped until the credentials are entered again (setup step 2).';

/** The watchdog found no order poll in three intervals. */
export const POLL_OVERDUE_MESSAGE = 'No order poll has run for more than three poll intervals. Conveyor has re-created the schedule; if this stays, check the workers.';

/** Fulfilment learnt that the Unleashed account has Order Management off. */
export const ORDER_MANAGEMENT_OFF_NOTICE =
  'Order Management is off in this Unleashed account, so Unleashed refuses to change a sales shipment\u2019s status. ' +
  'Conveyor writes only the dispatch date and the number of packages; shipments stay in their current status and ' +
  'carrier and tracking number are not written. Turn Order Management on in Unleashed (Settings \u2192 Company \u2192 ' +
  'Configuration) and save the fulfilment step again to have shipments marked Dispatched.';

export interface IntegrationHealthDeps {
  clock: Clock;
  logger: Logger;
  updates: IntegrationUpdates;
}

/**
 * The one home of an integration's health: the only writer of `credentialsRejectedAt`, `healthMessage`,
 * `unleashedOrderManagement` and `fulfilmentNotice`, with one wording per condition. What a provider
 * failure means comes from the one map (`actionFor` in providers/shared/provider-error.ts). Every change is
 * stored, the schedule re-synced when it matters, and announced through IntegrationUpdates.
 *
 * The setup service changes these fields only through the two static functions below, inside its own
 * audited flush (it announces the change itself, like every setup step).
 */
export class IntegrationHealth {
  constructor(private readonly deps: IntegrationHealthDeps) {}

  /**
   * A provider failure met by a poll or a fulfilment pass: does what it means for the integration
   * (credentials refused → stopped and flagged) and returns the action, for the caller's own part.
   */
  async providerFailed(em: EntityManager, integration: Integration, error: ProviderError, during: string): Promise<ProviderErrorAction> {
    const action = actionFor(error);
    if (action === 'credentials-rejected') {
      this.deps.logger.warn({ integrationId: integration.id, err: error.message, during }, 'Unleashed refused the credentials; polling and fulfilment stopped');
      integration.credentialsRejectedAt = this.deps.clock.now();
      integration.healthMessage = CREDENTIALS_REJECTED_MESSAGE;
      await em.flush();
      await this.deps.updates.rescheduled(integration); // cancels both jobs until step 2 is redone
    }
    return action;
  }

  /** Order polls run again: the watchdog's overdue flag goes (another problem's message stays). */
  async pollsResumed(em: EntityManager, integration: Integration): Promise<boolean> {
    if (integration.healthMessage !== POLL_OVERDUE_MESSAGE) return false;
    integration.healthMessage = null;
    await em.flush();
    await this.deps.updates.published(integration);
    return true;
  }

  /** The watchdog's verdict: flags an overdue integration (never over another problem's message); clears the flag otherwise. */
  async pollVerdict(em: EntityManager, integration: Integration, overdue: boolean): Promise<'flagged' | 'cleared' | null> {
    if (!overdue) return (await this.pollsResumed(em, integration)) ? 'cleared' : null;
    if (integration.healthMessage !== null) return null;
    integration.healthMessage = POLL_OVERDUE_MESSAGE;
    await em.flush();
    await this.deps.updates.published(integration);
    return 'flagged';
  }

  /** Fulfilment learnt whether the Unleashed account has Order Management (false: from its refusal). */
  async orderManagementLearnt(em: EntityManager, integration: Integration, on: boolean): Promise<void> {
    if (integration.unleashedOrderManagement === on) return;
    integration.unleashedOrderManagement = on;
    integration.fulfilmentNotice = on ? null : ORDER_MANAGEMENT_OFF_NOTICE;
    await em.flush();
    await this.deps.updates.published(integration);
  }

  /** Setup step 2 stored new credentials: a refusal is forgotten; another account's Order Management is learnt again. */
  static credentialsReplaced(integration: Integration, accountChanged: boolean): void {
    if (integration.credentialsRejectedAt !== null) integration.healthMessage = null;
    integration.credentialsRejectedAt = null;
    if (accountChanged) integration.unleashedOrderManagement = null;
  }

  /** Setup step 4 saved again: Order Management is learnt again (it may have been turned on), the notice goes. */
  static orderManagementToRelearn(integration: Integration): void {
    integration.unleashedOrderManagement = null;
    integration.fulfilmentNotice = null;
  }
}
