import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import { HEALTH_CONDITIONS, HealthConditionCode } from '../integrations/health-conditions.js';
import type { IntegrationHealth } from '../integrations/integration-health.js';
import { actionFor, ProviderError } from '../providers/shared/provider-error.js';
import {
  breakerGate,
  CLOSED,
  DEFAULT_BREAKER_OPTIONS,
  nextBreakerState,
  type BreakerChange,
  type BreakerEvent,
  type BreakerOptions,
  type BreakerState,
  type PauseReason,
} from './create-breaker.js';

export const CARTONCLOUD_CREATE_BREAKER = 'cartoncloud:create';
/** How long a worker's claim on a probe holds (a probe during a timeout outage waits for its timeouts). */
const PROBE_CLAIM_MS = 5 * 60_000;

export interface CreatePauseDeps {
  clock: Clock;
  logger: Logger;
  /** the only writer of health conditions: the pause is shown as CARTONCLOUD_UNAVAILABLE / CARTONCLOUD_CLIENT_REFUSED */
  health: IntegrationHealth;
}

export interface PauseView {
  gate: 'go' | 'paused' | 'probe';
  reason: PauseReason | null;
  /** when the next probe is due */
  until: Date | null;
}

interface Row {
  status: string;
  reason: string | null;
  failures: number;
  last_failure_at: Date | null;
  opened_at: Date | null;
  probe_at: Date | null;
  probes_failed: number;
  version: number;
}

const date = (value: Date | string | null) => (value === null ? null : new Date(value));

/** What a call's failure means to the breaker (from the one error-to-action map); null: not CartonCloud's answer at all (a bug). */
export function breakerEventFor(error: unknown): BreakerEvent | null {
  if (!(error instanceof ProviderError)) return null;
  switch (actionFor(error)) {
    case 'retry-later':
      return { kind: 'unavailable' };
    case 'client-refused':
      return { kind: 'refused' };
    default:
      return { kind: 'answered' }; // a 4xx or 429 is an answer: CartonCloud is there
  }
}

/**
 * Creation's circuit breaker kept in PostgreSQL (`create_breakers`, one row per API client; its only
 * writer), so a pause holds for every worker process and survives restarts. The decisions are
 * create-breaker.ts's; this class reads and writes the row (optimistic, on `version`: a worker that lost a
 * race decides again on what the winner wrote), lets one worker at a time probe, and shows the pause to
 * admins as a deployment condition (through IntegrationHealth, `platformConditions`).
 */
export class CreatePause {
  /** the state as this process last read or wrote it: an answer with no streak to reset costs no write */
  private last: BreakerState = CLOSED;

  constructor(
    private readonly deps: CreatePauseDeps,
    private readonly options: BreakerOptions = DEFAULT_BREAKER_OPTIONS,
    private readonly key = CARTONCLOUD_CREATE_BREAKER,
  ) {}

  /** May a worker create now? One primary-key read. */
  async view(em: EntityManager): Promise<PauseView> {
    const { state } = await this.read(em);
    this.last = state;
    return { gate: breakerGate(state, this.deps.clock.now()), reason: state.reason, until: state.probeAt };
  }

  /** The pause in words (the deployment condition's), for a run that stopped creating because of it. */
  async describe(em: EntityManager): Promise<string> {
    const { reason, until } = await this.view(em);
    if (reason === 'CLIENT_REFUSED') return HEALTH_CONDITIONS[HealthConditionCode.CARTONCLOUD_CLIENT_REFUSED].message({});
    return HEALTH_CONDITIONS[HealthConditionCode.CARTONCLOUD_UNAVAILABLE].message({ until });
  }

  /** What a create-path call came to (no error: CartonCloud answered); returns the state after it. */
  async record(em: EntityManager, error?: unknown): Promise<BreakerState> {
    const event: BreakerEvent | null = error === undefined ? { kind: 'answered' } : breakerEventFor(error);
    if (!event) return this.last;
    if (event.kind === 'answered' && this.last.status === 'CLOSED' && this.last.failures === 0) return this.last;
    return this.apply(em, event, error instanceof ProviderError ? error.message : null);
  }

  /**
   * The probe, when it is due: one worker claims it (the others stay paused meanwhile), calls CartonCloud
   * once (`call`: the client's `probe()`), and records the answer — an answer closes the breaker.
   */
  async probe(em: EntityManager, call: () => Promise<void>): Promise<'answered' | 'failed' | 'not-due'> {
    const now = this.deps.clock.now();
    const claimed = await em.getConnection().execute<{ key: string }[]>(
      `update create_breakers set probe_at = ?, version = version + 1
        where key = ? and status = 'OPEN' and (probe_at is null or probe_at <= ?) returning key`,
      [new Date(now.getTime() + PROBE_CLAIM_MS), this.key, now],
    );
    if (claimed.length === 0) return 'not-due';
    try {
      await call();
    } catch (error) {
      const event = breakerEventFor(error);
      if (!event) {
        this.deps.logger.error({ err: error }, 'create breaker: the probe failed unexpectedly');
        return 'failed'; // the claim holds: the next probe comes when it runs out
      }
      if (event.kind !== 'answered') {
        const failure = event.kind === 'refused' ? 'refused' : 'unavailable';
        await this.apply(em, { kind: 'probe-failed', failure }, error instanceof Error ? error.message : null);
        return 'failed';
      }
    }
    await this.apply(em, { kind: 'probe-answered' }, null);
    return 'answered';
  }

  private async read(em: EntityManager): Promise<{ state: BreakerState; version: number | null }> {
    const [row] = await em.getConnection().execute<Row[]>(
      `select status, reason, failures, last_failure_at, opened_at, probe_at, probes_failed, version from create_breakers where key = ?`,
      [this.key],
    );
    if (!row) return { state: CLOSED, version: null };
    return {
      version: row.version,
      state: {
        status: row.status === 'OPEN' ? 'OPEN' : 'CLOSED',
        reason: row.reason === 'CLIENT_REFUSED' || row.reason === 'UNAVAILABLE' ? row.reason : null,
        failures: row.failures,
        lastFailureAt: date(row.last_failure_at),
        openedAt: date(row.opened_at),
        probeAt: date(row.probe_at),
        probesFailed: row.probes_failed,
      },
    };
  }

  /** Decide on the stored state and write the decision, conditional on the version read; again when another worker won. */
  private async apply(em: EntityManager, event: BreakerEvent, detail: string | null): Promise<BreakerState> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const { state, version } = await this.read(em);
      const now = this.deps.clock.now();
      const { state: next, change } = nextBreakerState(state, event, now, this.options);
      if (next === state) {
        this.last = state;
        return state;
      }
      const values = [next.status, next.reason, next.failures, next.lastFailureAt, next.openedAt, next.probeAt, next.probesFailed, detail];
      const written = await em.getConnection().execute<{ key: string }[]>(
        version === null
          ? `insert into create_breakers (key, status, reason, failures, last_failure_at, opened_at, probe_at, probes_failed, last_error, version)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1) on conflict (key) do nothing returning key`
          : `update create_breakers set status = ?, reason = ?, failures = ?, last_failure_at = ?, opened_at = ?, probe_at = ?, probes_failed = ?,
               last_error = coalesce(?, last_error), version = version + 1 where key = ? and version = ? returning key`,
        version === null ? [this.key, ...values] : [...values, this.key, version],
      );
      if (written.length === 0) continue;
      this.last = next;
      await this.announce(em, next, change, detail);
      return next;
    }
    throw new Error('create breaker: could not record an outcome (too many concurrent writers)');
  }

  /** The pause as a deployment condition: raised (or its next check moved) while OPEN, cleared when CLOSED. */
  private async announce(em: EntityManager, state: BreakerState, change: BreakerChange, detail: string | null): Promise<void> {
    const { health, logger } = this.deps;
    if (!change) return;
    if (change === 'closed') {
      await health.clear(em, null, HealthConditionCode.CARTONCLOUD_UNAVAILABLE);
      await health.clear(em, null, HealthConditionCode.CARTONCLOUD_CLIENT_REFUSED);
      logger.info('CartonCloud answers again: creating sale orders resumed');
      return;
    }
    const refused = state.reason === 'CLIENT_REFUSED';
    const code = refused ? HealthConditionCode.CARTONCLOUD_CLIENT_REFUSED : HealthConditionCode.CARTONCLOUD_UNAVAILABLE;
    await health.clear(em, null, refused ? HealthConditionCode.CARTONCLOUD_UNAVAILABLE : HealthConditionCode.CARTONCLOUD_CLIENT_REFUSED);
    await health.raise(em, null, code, { until: refused ? null : state.probeAt, detail: detail ? `Last answer: ${detail}.` : null });
    if (change !== 'probe-failed') logger.warn({ reason: state.reason, probeAt: state.probeAt }, 'creating sale orders paused: CartonCloud is unavailable or refuses the API client');
  }
}
