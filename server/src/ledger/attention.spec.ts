import { ATTENTION, AttentionCode, attentionDueAt, attentionReason, awaitingCutoff, AWAITING_SHIPMENT_ATTENTION_AFTER_MS, RETRYABLE_ATTENTION } from './attention.js';
import { isRetryable } from './shipment-ledger.js';
import { ShipmentState } from './shipment-state.js';

describe('why a shipment needs a person', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);

  it('names nothing for a row without a code', () => {
    expect(attentionReason({ attention: null, attentionSince: null, lastError: 'whatever' }, now)).toBeNull();
  });

  it('words a rejection with CartonCloud\u2019s own reason', () => {
    expect(attentionReason({ attention: AttentionCode.REJECTED, attentionSince: ago(1000), lastError: 'Ice Cream (IC-123) x 25 UNITS - Product not found' }, now)).toBe(
      'CartonCloud rejected the sale order: Ice Cream (IC-123) x 25 UNITS - Product not found',
    );
  });

  it('asks for a person about an order without a shipment only once it has waited long enough', () => {
    const waiting = (since: Date) => ({ attention: AttentionCode.AWAITING_SHIPMENT, attentionSince: since, lastError: null });
    expect(attentionReason(waiting(ago(AWAITING_SHIPMENT_ATTENTION_AFTER_MS - 1)), now)).toBeNull();
    expect(attentionReason(waiting(ago(AWAITING_SHIPMENT_ATTENTION_AFTER_MS)), now)).toMatch(/has no Placed sales shipment yet/);
    expect(attentionReason(waiting(ago(60_000)), now, 30_000)).toMatch(/has no Placed sales shipment yet/);
  });
});

describe('what a retry can fix, and when a wait starts to count', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('lets retryShipments send again only what a retry can fix, in a state that may go back to PENDING', () => {
    expect([...RETRYABLE_ATTENTION].sort()).toEqual(['CREATE_FAILED', 'NO_WAREHOUSE', 'REFERENCE_COLLISION', 'REJECTED']);
    expect(isRetryable({ state: ShipmentState.REJECTED, attention: AttentionCode.REJECTED })).toBe(true);
    expect(isRetryable({ state: ShipmentState.SKIPPED, attention: AttentionCode.NO_WAREHOUSE })).toBe(true);
    // the Unleashed shipment was deleted after dispatch: sending it again would send what nobody wants
    expect(isRetryable({ state: ShipmentState.FAILED, attention: AttentionCode.SHIPMENT_DELETED })).toBe(false);
    // skipped because its order was deleted before it was sent: nothing to act on
    expect(isRetryable({ state: ShipmentState.SKIPPED, attention: null })).toBe(false);
    expect(isRetryable({ state: ShipmentState.PENDING, attention: null })).toBe(false);
    expect(isRetryable({ state: ShipmentState.CREATED, attention: null })).toBe(false);
  });

  it('counts a wait for a shipment from when it crossed the threshold, everything else from when it began', () => {
    const since = new Date('2026-12-01T00:00:00Z');
    expect(attentionDueAt({ attention: AttentionCode.REJECTED, attentionSince: since })).toEqual(since);
    expect(attentionDueAt({ attention: AttentionCode.AWAITING_SHIPMENT, attentionSince: since }, 3_600_000)).toEqual(new Date('2026-12-01T01:00:00Z'));
    expect(attentionDueAt({ attention: null, attentionSince: null })).toBeNull();
    // the SQL's cutoff agrees with attentionReason: waiting exactly the threshold needs a person
    expect(awaitingCutoff(now, 3_600_000)).toEqual(new Date('2026-12-01T11:00:00Z'));
    expect(attentionReason({ attention: AttentionCode.AWAITING_SHIPMENT, attentionSince: awaitingCutoff(now, 3_600_000), lastError: null }, now, 3_600_000)).not.toBeNull();
  });

  it('has a label, a reason and an action for every code', () => {
    for (const code of Object.values(AttentionCode)) {
      expect(ATTENTION[code].label.length).toBeGreaterThan(3);
      expect(ATTENTION[code].reason('x')).toMatch(/\S/);
      expect(ATTENTION[code].action).toMatch(/\.$/);
    }
  });
});
