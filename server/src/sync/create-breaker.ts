/**
 * The circuit breaker of sale-order creation, as pure decisions (table-tested in create-breaker.spec.ts;
 * kept in PostgreSQL by create-pause.ts so every worker shares it).
 *
 * Outages are not failures: when CartonCloud fails for everyone — a streak of 5xx / timeouts across creates,
 * or our own API client refused even after a fresh token (a rotated secret) — creation PAUSES for the whole
 * deployment instead of each shipment using up its attempts. While OPEN nothing is claimed; at `probeAt` one
 * worker probes with one cheap call, and the first answer closes the breaker (creation resumes by itself).
 *
 *   CLOSED ──streak of `threshold` unavailable answers, each within `streakGapMs` of the last──▶ OPEN (UNAVAILABLE)
 *   CLOSED ──client refused──▶ OPEN (CLIENT_REFUSED)
 *   OPEN ──probe failed──▶ OPEN, next probe later (doubling from `firstProbeMs` to `maxProbeMs`; reason as the probe found it)
 *   OPEN ──probe answered, or a create in flight got an answer──▶ CLOSED
 *   CLOSED ──any answer──▶ CLOSED, streak reset
 */

export type BreakerStatus = 'CLOSED' | 'OPEN';
/** Why creation is paused (the deployment condition it raises: CARTONCLOUD_UNAVAILABLE / CARTONCLOUD_CLIENT_REFUSED). */
export type PauseReason = 'UNAVAILABLE' | 'CLIENT_REFUSED';

export interface BreakerState {
  status: BreakerStatus;
  reason: PauseReason | null;
  /** unavailable answers in the current streak (CLOSED), reset by any answer */
  failures: number;
  lastFailureAt: Date | null;
  openedAt: Date | null;
  /** OPEN: when the next probe is due */
  probeAt: Date | null;
  /** probes that failed since it opened (the next waits longer) */
  probesFailed: number;
}

/** What one create-path call (create, search before a retry, read of a duplicate) or one probe came to. */
export type BreakerEvent =
  /** CartonCloud answered (any status that is not a 5xx: 2xx, 228, 4xx, 429) */
  | { kind: 'answered' }
  /** 5xx, timeout or network error: CartonCloud did not answer properly */
  | { kind: 'unavailable' }
  /** our API client was refused even after a fresh token */
  | { kind: 'refused' }
  | { kind: 'probe-answered' }
  | { kind: 'probe-failed'; failure: 'unavailable' | 'refused' };

export interface BreakerOptions {
  /** unavailable answers in a row that open it */
  threshold: number;
  /** a failure further than this from the previous one starts a new streak */
  streakGapMs: number;
  /** wait before the first probe; doubles per failed probe */
  firstProbeMs: number;
  maxProbeMs: number;
}

/**
 * Three in a row: a busy deployment trips within seconds of an outage; a quiet one (a create every poll
 * interval, 5 minutes by default) within its first three failures — fewer than a shipment's five attempts.
 */
export const DEFAULT_BREAKER_OPTIONS: BreakerOptions = { threshold: 3, streakGapMs: 10 * 60_000, firstProbeMs: 30_000, maxProbeMs: 5 * 60_000 };

export const CLOSED: BreakerState = { status: 'CLOSED', reason: null, failures: 0, lastFailureAt: null, openedAt: null, probeAt: null, probesFailed: 0 };

/** What changed for the people watching: opened, its reason changed, a probe failed (the pause's end moved), closed. */
export type BreakerChange = 'opened' | 'reason-changed' | 'probe-failed' | 'closed' | null;

export interface BreakerDecision {
  state: BreakerState;
  change: BreakerChange;
}

export function probeDelayMs(probesFailed: number, options: BreakerOptions = DEFAULT_BREAKER_OPTIONS): number {
  return Math.min(options.maxProbeMs, options.firstProbeMs * 2 ** probesFailed);
}

function open(reason: PauseReason, now: Date, options: BreakerOptions): BreakerState {
  return { status: 'OPEN', reason, failures: 0, lastFailureAt: now, openedAt: now, probeAt: new Date(now.getTime() + options.firstProbeMs), probesFailed: 0 };
}

/** The next state after `event` at `now`, and what changed. */
export function nextBreakerState(state: BreakerState, event: BreakerEvent, now: Date, options: BreakerOptions = DEFAULT_BREAKER_OPTIONS): BreakerDecision {
  if (state.status === 'CLOSED') {
    switch (event.kind) {
      case 'answered':
        return { state: state.failures === 0 ? state : CLOSED, change: null };
      case 'unavailable': {
        const continues = state.lastFailureAt !== null && now.getTime() - state.lastFailureAt.getTime() <= options.streakGapMs;
        const failures = continues ? state.failures + 1 : 1;
        if (failures >= options.threshold) return { state: open('UNAVAILABLE', now, options), change: 'opened' };
        return { state: { ...state, failures, lastFailureAt: now }, change: null };
      }
      case 'refused':
        return { state: open('CLIENT_REFUSED', now, options), change: 'opened' };
      default:
        return { state, change: null }; // a probe's result after someone else closed it
    }
  }
  switch (event.kind) {
    case 'answered':
    case 'probe-answered':
      return { state: CLOSED, change: 'closed' };
    case 'unavailable':
      return { state, change: null }; // a create that was in flight when it opened: nothing new
    case 'refused':
      return state.reason === 'CLIENT_REFUSED' ? { state, change: null } : { state: { ...state, reason: 'CLIENT_REFUSED' }, change: 'reason-changed' };
    case 'probe-failed': {
      const reason: PauseReason = event.failure === 'refused' ? 'CLIENT_REFUSED' : 'UNAVAILABLE';
      const probesFailed = state.probesFailed + 1;
      const next = { ...state, reason, probesFailed, probeAt: new Date(now.getTime() + probeDelayMs(probesFailed, options)) };
      return { state: next, change: reason === state.reason ? 'probe-failed' : 'reason-changed' };
    }
  }
}

/** Whether a worker may create now: go; paused (nothing is claimed); or the probe is due. */
export function breakerGate(state: BreakerState, now: Date): 'go' | 'paused' | 'probe' {
  if (state.status === 'CLOSED') return 'go';
  return state.probeAt && state.probeAt.getTime() > now.getTime() ? 'paused' : 'probe';
}
