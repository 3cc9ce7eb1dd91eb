import { AttentionCode } from '../ledger/attention.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import type { Metrics } from '../common/metrics.js';
import type { ShipmentLedger } from '../ledger/shipment-ledger.js';
import { ShipmentState } from '../ledger/shipment-state.js';
import type { SaleOrder } from '../providers/cartoncloud/cartoncloud.schemas.js';
import { actionFor, failureMessage, isFinalForRecord, ProviderError } from '../providers/shared/provider-error.js';
import type { RunOutcome, SyncRunRecorder } from '../runs/sync-run.recorder.js';
import type { IntegrationSettings } from './integration-settings.js';
import type { CreatePause } from './create-pause.js';
import { describeForeign } from './order-stamp.js';

/** The row a create was about, as the queue read it under its lease. */
export interface CreateRow {
  id: string;
  customerReference: string;
  attempts: number;
  /** the order poll that queued the row: its outcome is counted there */
  syncRunId: string | null;
}

/** What CartonCloud answered for a row, or what a search found. */
export type CreateResult =
  | { kind: 'created'; id: string; status: string | null }
  | { kind: 'rejected'; id: string; status: string | null; reasons: string[] };

export interface CreateOutcomeDeps {
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  ledger: ShipmentLedger;
  runs: SyncRunRecorder;
  /** creation's circuit breaker: every create-path answer (or its absence) is recorded there */
  pause: CreatePause;
}

export interface CreateOutcomeOptions {
  maxAttempts: number;
  /** wait before retry number `attempt` (1-based) after a temporary failure */
  backoffMs: (attempt: number) => number;
}

export const defaultBackoffMs = (attempt: number) => Math.min(30 * 60_000, 30_000 * 2 ** Math.max(0, attempt - 1));

/**
 * Writes what became of one create: the ledger row (through ShipmentLedger, conditional on the state the
 * queue saw), the count on the row's run (through SyncRunRecorder), the shipments metric, and what the
 * answer tells creation's circuit breaker (create-pause.ts). A failure's consequence comes from the one
 * provider error-to-action map (`actionFor`) — unless the breaker is open after it: then CartonCloud is down
 * for everyone, and the shipment waits for creation to resume without using up an attempt.
 */
export class CreateOutcomes {
  constructor(
    private readonly deps: CreateOutcomeDeps,
    private readonly options: CreateOutcomeOptions,
  ) {}

  /** CLAIMED → CREATED or REJECTED. `how`: created now, or an earlier attempt's order found and adopted. */
  async settled(em: EntityManager, row: CreateRow, settings: IntegrationSettings, result: CreateResult, how: 'created' | 'adopted'): Promise<void> {
    await this.deps.pause.record(em);
    const now = this.deps.clock.now();
    if (result.kind === 'created') {
      await this.deps.ledger.settleCreated(em, row.id, { cartonCloudOrderId: result.id, cartonCloudStatus: result.status }, now);
      this.deps.metrics.shipmentsTotal.inc({ outcome: how });
      await this.count(em, row, settings, 'created');
      return;
    }
    const reason = result.reasons.length ? result.reasons.join('; ') : 'CartonCloud rejected the order.';
    await this.deps.ledger.settleRejected(em, row.id, { cartonCloudOrderId: result.id, cartonCloudStatus: result.status, reason }, now);
    this.deps.metrics.shipmentsTotal.inc({ outcome: 'rejected' });
    await this.count(em, row, settings, 'failed', `Rejected by CartonCloud: ${reason}`);
  }

  /** No warehouse for it: SKIPPED with the reason (`retryShipment` or reconfiguring step 3 sends it again). */
  async skipped(em: EntityManager, row: CreateRow, settings: IntegrationSettings, from: ShipmentState, reason: string): Promise<void> {
    await this.deps.ledger.skip(em, row.id, from, reason, AttentionCode.NO_WAREHOUSE, this.deps.clock.now());
    await this.count(em, row, settings, 'skipped', reason);
  }

  /**
   * CartonCloud refused the create as a DUPLICATE of an order this integration did not create (another
   * Unleashed account of the same customer uses the same numbers, and the customer refuses duplicate
   * references): FAILED with REFERENCE_COLLISION — never adopted, never sent again by itself.
   */
  async collision(em: EntityManager, row: CreateRow, settings: IntegrationSettings, foreign: SaleOrder): Promise<void> {
    await this.deps.pause.record(em);
    const reason = `${describeForeign(foreign)}, and CartonCloud refuses a second order with the same reference for this customer`;
    await this.deps.ledger.settleFailed(em, row.id, ShipmentState.CLAIMED, { reason, attention: AttentionCode.REFERENCE_COLLISION }, this.deps.clock.now());
    this.deps.metrics.shipmentsTotal.inc({ outcome: 'collision' });
    await this.count(em, row, settings, 'failed', `Reference collision: ${reason}.`);
  }

  /** A row without its Unleashed snapshot (a very old row): FAILED; the next poll reads it again. */
  async withoutSnapshot(em: EntityManager, row: CreateRow, settings: IntegrationSettings, from: ShipmentState): Promise<void> {
    const reason = 'No Unleashed snapshot was kept for this shipment; it will be read again by the next poll.';
    await this.deps.ledger.settleFailed(em, row.id, from, { reason }, this.deps.clock.now());
    await this.count(em, row, settings, 'failed', 'No Unleashed snapshot was kept for this shipment.');
  }

  /**
   * A create or search that failed. A final failure for the record, or attempts used up: FAILED. Anything
   * else: back to PENDING with backoff. `countsAttempt`: a failed search counts as an attempt too (a claim
   * already counted the create's). Not a provider answer (a bug, the database): the claim is left for the
   * next worker, which searches first.
   */
  async failed(em: EntityManager, row: CreateRow, settings: IntegrationSettings, from: ShipmentState, error: unknown, countsAttempt = false): Promise<void> {
    if (!(error instanceof ProviderError)) {
      this.deps.logger.error({ err: error, shipmentId: row.id }, 'order sync: unexpected error while creating');
      return;
    }
    const breaker = await this.deps.pause.record(em, error);
    const now = this.deps.clock.now();
    const reason = failureMessage(error);
    if (breaker.status === 'OPEN') {
      // an outage, not this shipment's failure: it goes when creation resumes, and this attempt does not count
      const nextAttemptAt = breaker.probeAt ?? now;
      const why = breaker.reason === 'CLIENT_REFUSED' ? 'CartonCloud refuses the 3PL\u2019s API client' : 'CartonCloud is unavailable';
      const paused = `${reason} (creating is paused while ${why}; this shipment goes by itself when it resumes)`;
      await this.deps.ledger.retryLater(em, row.id, from, { reason: paused, nextAttemptAt, refundsAttempt: !countsAttempt }, now);
      this.deps.metrics.shipmentsTotal.inc({ outcome: 'paused' });
      await this.count(em, row, settings, 'retry', paused);
      return;
    }
    const attempts = row.attempts + 1;
    if (isFinalForRecord(actionFor(error)) || attempts >= this.options.maxAttempts) {
      await this.deps.ledger.settleFailed(em, row.id, from, { reason, countsAttempt }, now);
      this.deps.metrics.shipmentsTotal.inc({ outcome: 'failed' });
      await this.count(em, row, settings, 'failed', reason);
      return;
    }
    const nextAttemptAt = new Date(now.getTime() + this.options.backoffMs(Math.max(1, attempts)));
    await this.deps.ledger.retryLater(em, row.id, from, { reason, nextAttemptAt, countsAttempt }, now);
    this.deps.metrics.shipmentsTotal.inc({ outcome: 'retry' });
    await this.count(em, row, settings, 'retry', `${reason} (will retry after ${nextAttemptAt.toISOString()})`);
  }

  /** Counts the outcome on the row's run ('retry': only the error; the row comes back). */
  private async count(em: EntityManager, row: CreateRow, settings: IntegrationSettings, outcome: RunOutcome | 'retry', message?: string): Promise<void> {
    if (!row.syncRunId) return;
    const run = { id: row.syncRunId, integrationId: settings.integrationId, customerId: settings.customerId };
    const error = message ? { reference: row.customerReference, message } : undefined;
    if (outcome !== 'retry') await this.deps.runs.count(em, run, outcome, error);
    else if (error) await this.deps.runs.addError(em, run, error);
  }
}

/** An order found by its customer reference, as if we had just created it. */
export function adoptResult(order: SaleOrder): CreateResult {
  if (order.status === 'REJECTED') {
    const reasons = (order.details.errors ?? []).filter((e) => !e.isResolved).map((e) => e.message);
    return { kind: 'rejected', id: order.id, status: order.status, reasons };
  }
  return { kind: 'created', id: order.id, status: order.status };
}
