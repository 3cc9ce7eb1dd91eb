import { breakerGate, CLOSED, nextBreakerState, probeDelayMs, type BreakerEvent, type BreakerState, type BreakerChange } from './create-breaker.js';

const T0 = new Date('2026-03-02T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const options = { threshold: 3, streakGapMs: 600_000, firstProbeMs: 30_000, maxProbeMs: 300_000 };

const unavailable: BreakerEvent = { kind: 'unavailable' };
const answered: BreakerEvent = { kind: 'answered' };
const refused: BreakerEvent = { kind: 'refused' };
const streak = (failures: number, lastFailureAt: Date): BreakerState => ({ ...CLOSED, failures, lastFailureAt });
const opened = (reason: 'UNAVAILABLE' | 'CLIENT_REFUSED', openedAt: Date, probeAt: Date, probesFailed = 0): BreakerState => ({
  status: 'OPEN',
  reason,
  failures: 0,
  lastFailureAt: openedAt,
  openedAt,
  probeAt,
  probesFailed,
});

describe('the create circuit breaker', () => {
  it.each<[string, BreakerState, BreakerEvent, Date, BreakerState, BreakerChange]>([
    ['a first failure starts a streak', CLOSED, unavailable, at(0), streak(1, at(0)), null],
    ['a second within the gap continues it', streak(1, at(0)), unavailable, at(300), streak(2, at(300)), null],
    ['the third in a row opens it (UNAVAILABLE, first probe in 30 s)', streak(2, at(300)), unavailable, at(600), opened('UNAVAILABLE', at(600), at(630)), 'opened'],
    ['failures five minutes apart (a quiet deployment, one create per poll) still open it', streak(2, at(300)), unavailable, at(900), opened('UNAVAILABLE', at(900), at(930)), 'opened'],
    ['a failure after more than the gap starts a new streak', streak(2, at(0)), unavailable, at(601), streak(1, at(601)), null],
    ['any answer ends the streak (a flaky CartonCloud that answers between failures never pauses)', streak(2, at(0)), answered, at(10), CLOSED, null],
    ['an answer with no streak changes nothing', CLOSED, answered, at(10), CLOSED, null],
    ['our client refused opens it at once (CLIENT_REFUSED)', CLOSED, refused, at(0), opened('CLIENT_REFUSED', at(0), at(30)), 'opened'],
    ['a create in flight failing after it opened changes nothing', opened('UNAVAILABLE', at(0), at(30)), unavailable, at(5), opened('UNAVAILABLE', at(0), at(30)), null],
    ['a refusal while unavailable changes the reason', opened('UNAVAILABLE', at(0), at(30)), refused, at(5), { ...opened('UNAVAILABLE', at(0), at(30)), reason: 'CLIENT_REFUSED' }, 'reason-changed'],
    ['a refusal while refused changes nothing', opened('CLIENT_REFUSED', at(0), at(30)), refused, at(5), opened('CLIENT_REFUSED', at(0), at(30)), null],
    ['a create in flight answered after it opened closes it', opened('UNAVAILABLE', at(0), at(30)), answered, at(5), CLOSED, 'closed'],
    ['a probe answered closes it', opened('CLIENT_REFUSED', at(0), at(30), 3), { kind: 'probe-answered' }, at(400), CLOSED, 'closed'],
    ['a failed probe waits twice as long for the next', opened('UNAVAILABLE', at(0), at(30)), { kind: 'probe-failed', failure: 'unavailable' }, at(30), opened('UNAVAILABLE', at(0), at(90), 1), 'probe-failed'],
    ['probes back off to at most five minutes', opened('UNAVAILABLE', at(0), at(30), 6), { kind: 'probe-failed', failure: 'unavailable' }, at(1000), opened('UNAVAILABLE', at(0), at(1300), 7), 'probe-failed'],
    ['a probe refused turns an outage into a refused client', opened('UNAVAILABLE', at(0), at(30)), { kind: 'probe-failed', failure: 'refused' }, at(30), { ...opened('UNAVAILABLE', at(0), at(90), 1), reason: 'CLIENT_REFUSED' }, 'reason-changed'],
    ['a probe result after another worker closed it changes nothing', CLOSED, { kind: 'probe-failed', failure: 'unavailable' }, at(30), CLOSED, null],
  ])('%s', (_case, state, event, now, expected, change) => {
    expect(nextBreakerState(state, event, now, options)).toEqual({ state: expected, change });
  });

  it.each<[string, BreakerState, Date, 'go' | 'paused' | 'probe']>([
    ['closed: create', streak(2, at(0)), at(1), 'go'],
    ['open before the probe: paused, nothing claimed', opened('UNAVAILABLE', at(0), at(30)), at(29), 'paused'],
    ['open at the probe time: probe', opened('UNAVAILABLE', at(0), at(30)), at(30), 'probe'],
  ])('gate: %s', (_case, state, now, expected) => {
    expect(breakerGate(state, now)).toBe(expected);
  });

  it('doubles the probe delay from 30 s and caps it at 5 minutes', () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => probeDelayMs(n, options) / 1000)).toEqual([30, 60, 120, 240, 300, 300]);
  });
});
