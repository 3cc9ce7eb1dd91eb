import { digestPayload, htmlOf, integrationPayload, subjectOf, textOf } from './alert-messages.js';

const facts = { customerId: 'c-1', customerName: 'Acme <Outdoor>', integrationId: 'i-1', integrationName: 'NZ store', lastSyncedAt: null };
const at = new Date('2026-12-01T10:00:00Z');

describe('alert messages', () => {
  it('say what happened, to which integration of which customer, and what to do — in the webhook data and the e-mail', () => {
    const payload = integrationPayload('integration.credentials_rejected', facts, at, 'https://conveyor.example.com', 'Unleashed said 403.');
    expect(payload).toMatchObject({
      type: 'integration.credentials_rejected',
      timestamp: '2026-12-01T10:00:00.000Z',
      data: { customerId: 'c-1', integrationId: 'i-1', integrationName: 'NZ store', url: 'https://conveyor.example.com/integrations/i-1' },
    });
    expect(payload.data.message).toMatch(/refused the stored API ID and key of integration "NZ store" of Acme <Outdoor>\..*Unleashed said 403\.$/);
    expect(subjectOf(payload)).toBe('[Conveyor] Unleashed refused the credentials of NZ store (Acme <Outdoor>)');
    const text = textOf(payload);
    expect(text).toContain('Customer: Acme <Outdoor>');
    expect(text).toContain('Integration: NZ store');
    expect(text).toMatch(/What to do: Open the integration .* step 2/);
    expect(text).toContain('https://conveyor.example.com/integrations/i-1');
    const html = htmlOf(payload);
    expect(html).toContain('Acme &lt;Outdoor&gt;');
    expect(html).not.toContain('<Outdoor>');
  });

  it('group a digest by reason and list references, saying when the list is cut', () => {
    const items = Array.from({ length: 20 }, (_, n) => ({ reference: `SO-${n} | SH-1`, customerId: 'c-1', customerName: 'Acme', integrationId: 'i-1', integrationName: 'NZ store', reason: 'Rejected by CartonCloud', since: at.toISOString() }));
    const payload = digestPayload({ id: 'c-1', name: 'Acme' }, { total: 100, reasons: [{ reason: 'Rejected by CartonCloud', count: 70 }, { reason: 'Failed to send', count: 30 }], items }, at, 'http://localhost:4000');
    expect(payload.type).toBe('shipments.need_attention');
    expect(payload.data.message).toBe('100 shipments of Acme newly need attention — Rejected by CartonCloud: 70; Failed to send: 30 (the first 20 are listed).');
    expect(payload.data.url).toBe('http://localhost:4000/attention');
    expect(subjectOf(payload)).toBe('[Conveyor] 100 shipments need attention (Acme)');
    expect(textOf(payload)).toContain('  70 × Rejected by CartonCloud');
    expect(textOf(payload)).toContain('  SO-19 | SH-1 — NZ store (Acme): Rejected by CartonCloud');
  });
});
