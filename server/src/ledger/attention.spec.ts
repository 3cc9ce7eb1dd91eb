import { AttentionCode, attentionReason, AWAITING_SHIPMENT_ATTENTION_AFTER_MS } from './attention.js';

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
