import type { SandboxFaults } from './cartoncloud-sandbox.store.js';

/** What an injected fault does to one API request before CartonCloud reads it. */
export type FaultVerdict = 'none' | 'rate-limited' | 'timeout' | 'error';

export const noFaults: SandboxFaults = {
  latencyMs: 0,
  errorRate: 0,
  timeoutRate: 0,
  rateLimitBurst: 0,
  errorBurst: 0,
  timeoutBurst: 0,
  lostAnswerBurst: 0,
  outageUntil: 0,
  outageKind: 'error',
  failingReferences: [],
};

/**
 * The fault for the next API request (the token endpoint included), consuming one of a burst: an outage
 * (until `outageUntil` on the sandbox clock) first, then 429 bursts, timeouts, 503s. `lostAnswerBurst`
 * is not decided here: that request is carried out and only its answer is lost.
 */
export function nextFault(faults: SandboxFaults, nowMs: number, random: () => number): FaultVerdict {
  if (nowMs < faults.outageUntil) return faults.outageKind === 'timeout' ? 'timeout' : 'error';
  if (faults.rateLimitBurst > 0) {
    faults.rateLimitBurst--;
    return 'rate-limited';
  }
  if (faults.timeoutBurst > 0 || (faults.timeoutRate > 0 && random() < faults.timeoutRate)) {
    if (faults.timeoutBurst > 0) faults.timeoutBurst--;
    return 'timeout';
  }
  if (faults.errorBurst > 0 || (faults.errorRate > 0 && random() < faults.errorRate)) {
    if (faults.errorBurst > 0) faults.errorBurst--;
    return 'error';
  }
  return 'none';
}

/** Whether this request's answer is to be lost (carried out, connection dropped), consuming one of the burst. */
export function loseAnswer(faults: SandboxFaults): boolean {
  if (faults.lostAnswerBurst <= 0) return false;
  faults.lostAnswerBurst--;
  return true;
}
