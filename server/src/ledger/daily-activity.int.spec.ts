import { ManualClock } from '../common/clock.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { makeDemoTenant } from '../../test-support/factories.js';
import { startTestConveyor, type TestConveyor } from '../../test-support/test-conveyor.js';
import { LedgerShipment } from '../ledger/ledger-shipment.entity.js';
import { ShipmentState } from '../ledger/shipment-state.js';

describe('Integration.activity', () => {
  let t: TestConveyor;
  const clock = new ManualClock(new Date('2026-11-27T09:00:00Z'));
  beforeAll(async () => {
    t = await startTestConveyor({ clock });
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts shipments per UTC day by outcome, with empty days, oldest first', async () => {
    const em = t.services.orm.em.fork();
    const { acme } = await makeDemoTenant(em);
    const integration = em.create(Integration, { customer: acme, name: 'Chart', status: IntegrationStatus.ACTIVE, activatedAt: new Date('2026-11-01T00:00:00Z') });
    let n = 0;
    const row = (state: ShipmentState, at: string) =>
      em.create(LedgerShipment, { integration, unleashedShipmentGuid: `g${++n}`, unleashedOrderNumber: `SO-${n}`, unleashedShipmentNumber: `SS-${n}`, customerReference: `SO-${n} | SS-${n}`, state, createdAt: new Date(at), writtenBack: null });
    row(ShipmentState.CREATED, '2026-11-25T23:59:00Z');
    row(ShipmentState.FULFILLED, '2026-11-27T00:10:00Z');
    row(ShipmentState.REJECTED, '2026-11-27T08:00:00Z');
    row(ShipmentState.PENDING, '2026-11-27T08:30:00Z');
    row(ShipmentState.CREATED, '2026-11-20T10:00:00Z'); // before the window
    await em.flush();

    const result = await t.gql<{ integration: { activity: unknown[] } }>('query($id: ID!) { integration(id: $id) { activity(days: 3) { day synced problems pending } } }', { id: integration.id }, await t.issuer.admin());
    expect(result.errors).toBeUndefined();
    expect(result.data!.integration.activity).toEqual([
      { day: '2026-11-25', synced: 1, problems: 0, pending: 0 },
      { day: '2026-11-26', synced: 0, problems: 0, pending: 0 },
      { day: '2026-11-27', synced: 1, problems: 1, pending: 1 },
    ]);
  });
});
