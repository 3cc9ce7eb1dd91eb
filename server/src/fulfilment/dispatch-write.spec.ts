import type { UnleashedSalesShipment } from '../providers/unleashed/unleashed.schemas.js';
import { runPool, Serial } from '../common/concurrency.js';
import {
  alreadyApplied,
  coveredBy,
  desiredWrite,
  carrierKey,
  isOrderManagementRefusal,
  retryDelayMs,
  shipmentChanges,
  withoutStatus,
  withoutStatusChange,
  writeBackGivenUpMessage,
} from './dispatch-write.js';

const STARTRACK = { Guid: '0b9d7c1e-0000-4000-8000-000000000001', Name: 'StarTrack' };

const consignment = { carrier: 'StarTrack', trackingNumber: 'ST123', packages: 3 };

describe('what a dispatch writes to the Unleashed shipment', () => {
  it('a dispatch at 23:30 UTC is dated the next day in Pacific/Auckland and the same day in UTC', () => {
    const dispatchedAt = new Date('2026-03-10T23:30:00Z');
    expect(desiredWrite({ dispatchedAt, timeZone: 'Pacific/Auckland', consignment, orderManagement: true }).dispatchDate).toBe('2026-03-11');
    expect(desiredWrite({ dispatchedAt, timeZone: 'UTC', consignment, orderManagement: true }).dispatchDate).toBe('2026-03-10');
  });

  it('with Order Management on (or not yet known) it writes status, date, packages, carrier and tracking', () => {
    expect(desiredWrite({ dispatchedAt: new Date('2026-03-10T01:00:00Z'), timeZone: 'UTC', consignment, orderManagement: null })).toEqual({
      shipmentStatus: 'Dispatched',
      dispatchDate: '2026-03-10',
      packages: 3,
      carrier: 'StarTrack',
      trackingNumber: 'ST123',
    });
  });

  it('with Order Management off it writes only the date and the packages', () => {
    expect(desiredWrite({ dispatchedAt: new Date('2026-03-10T01:00:00Z'), timeZone: 'UTC', consignment, orderManagement: false })).toEqual({
      dispatchDate: '2026-03-10',
      packages: 3,
    });
  });

  it('without a consignment yet, packages, carrier and tracking are unknown and left out of the changes', () => {
    const write = desiredWrite({ dispatchedAt: new Date('2026-03-10T01:00:00Z'), timeZone: 'UTC', consignment: null, orderManagement: true });
    expect(write).toMatchObject({ packages: null, carrier: null, trackingNumber: null });
    expect(Object.keys(shipmentChanges(write, 'UTC', STARTRACK)).sort()).toEqual(['DispatchDate', 'ShipmentStatus']);
  });

  it('DispatchDate goes out as local midnight of the date in the account time zone', () => {
    const write = desiredWrite({ dispatchedAt: new Date('2026-03-10T23:30:00Z'), timeZone: 'Pacific/Auckland', consignment, orderManagement: true });
    const changes = shipmentChanges(write, 'Pacific/Auckland', STARTRACK);
    expect(changes.DispatchDate?.toISOString()).toBe('2026-03-10T11:00:00.000Z'); // 11 March 00:00 NZDT
    expect(changes).toMatchObject({ ShipmentStatus: 'Dispatched', NumberOfPackages: 3, TrackingNumber: 'ST123', ShippingCompany: STARTRACK });
  });

  it('writes the carrier only as the account\u2019s shipping company {Guid, Name}, never as a bare name', () => {
    const write = desiredWrite({ dispatchedAt: new Date(), timeZone: 'UTC', consignment, orderManagement: true });
    expect(shipmentChanges(write, 'UTC', { ...STARTRACK, Obsolete: false }).ShippingCompany).toEqual(STARTRACK);
    expect('ShippingCompany' in shipmentChanges(write, 'UTC', null)).toBe(false); // no company of that name: left as it is
    expect('ShippingCompany' in shipmentChanges(write, 'UTC', undefined)).toBe(false); // the list could not be read
  });

  it('matches carrier names without regard to case or spaces', () => {
    expect(carrierKey('Star Track')).toBe(carrierKey('STARTRACK'));
    expect(carrierKey(' Australia  Post ')).toBe(carrierKey('australiapost'));
    expect(carrierKey('Aramex')).not.toBe(carrierKey('Aramex Express'));
  });

  it('after a refused status change it keeps writing carrier and tracking, never the status again', () => {
    const input = { dispatchedAt: new Date('2026-03-10T01:00:00Z'), timeZone: 'UTC', consignment, orderManagement: true };
    const refused = withoutStatusChange(desiredWrite(input), 'batch quantities');
    expect(refused).toEqual({ dispatchDate: '2026-03-10', packages: 3, carrier: 'StarTrack', trackingNumber: 'ST123', statusRefused: 'batch quantities' });
    expect(desiredWrite({ ...input, statusRefused: 'batch quantities' })).toEqual(refused);
    expect(coveredBy(desiredWrite({ ...input, statusRefused: 'batch quantities' }), refused)).toBe(true);
    expect(coveredBy(desiredWrite({ ...input, statusRefused: 'x', consignment: { ...consignment, trackingNumber: 'NEW' } }), refused)).toBe(false);
  });
});

describe('whether a write is needed', () => {
  const base = desiredWrite({ dispatchedAt: new Date('2026-03-10T01:00:00Z'), timeZone: 'UTC', consignment, orderManagement: true });

  it.each([
    ['the same values', base, true],
    ['a changed tracking number', { ...base, trackingNumber: 'ST999' }, false],
    ['a changed carrier', { ...base, carrier: 'Aramex' }, false],
    ['a changed package count', { ...base, packages: 4 }, false],
    ['tracking that became unknown', { ...base, trackingNumber: null }, true],
    ['the same values without the status (Order Management off)', withoutStatus(base), true],
  ])('after writing once, %s needs no write: %s', (_situation, next, covered) => {
    expect(coveredBy(next, base)).toBe(covered);
  });

  it('nothing written yet always needs a write', () => expect(coveredBy(base, null)).toBe(false));

  it('a shipment that already carries every change needs no PUT; one differing field does', () => {
    const changes = shipmentChanges(base, 'UTC', STARTRACK);
    const shipment = {
      ShipmentStatus: 'Dispatched',
      DispatchDate: changes.DispatchDate,
      NumberOfPackages: 3,
      TrackingNumber: 'ST123',
      ShippingCompany: { Guid: STARTRACK.Guid.toUpperCase(), Name: 'StarTrack' },
    } as UnleashedSalesShipment;
    expect(alreadyApplied(shipment, changes)).toBe(true);
    expect(alreadyApplied({ ...shipment, TrackingNumber: 'OLD' }, changes)).toBe(false);
    expect(alreadyApplied({ ...shipment, ShipmentStatus: 'Placed' }, changes)).toBe(false);
    expect(alreadyApplied({ ...shipment, ShippingCompany: { Guid: 'another', Name: 'StarTrack' } }, changes)).toBe(false);
    expect(alreadyApplied({ ...shipment, ShippingCompany: null }, changes)).toBe(false);
  });
});

describe('failures', () => {
  it('recognises the Order Management refusal', () => {
    expect(isOrderManagementRefusal('Shipment statuses are only available when Order Management is enabled; cannot change ShipmentStatus to Dispatched')).toBe(true);
    expect(isOrderManagementRefusal('Comments is longer than 2048 characters')).toBe(false);
  });

  it('says why a write-back was given up: an unreadable body at once, anything else after its attempts', () => {
    expect(writeBackGivenUpMessage('Unleashed PUT /SalesShipments/x answered 500: The posted object could not be parsed', null)).toMatch(/could not read the shipment Conveyor sent .*not retried/);
    expect(writeBackGivenUpMessage('Comments is longer than 2048 characters', 12)).toBe('Comments is longer than 2048 characters (given up after 12 attempts)');
  });

  it('backs off 1 min, 2 min, 4 min … up to 6 hours', () => {
    expect([1, 2, 3, 20].map((n) => retryDelayMs(n))).toEqual([60_000, 120_000, 240_000, 6 * 3_600_000]);
  });
});

describe('the pass helpers', () => {
  it('runPool never runs more than the limit at once and runs every item', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      done.push(n);
      running -= 1;
    });
    expect(peak).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('Serial runs tasks one after another even when one fails', async () => {
    const serial = new Serial();
    const order: string[] = [];
    const slow = serial.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push('a');
    });
    const failing = serial.run(async () => {
      order.push('b');
      throw new Error('boom');
    });
    const last = serial.run(async () => order.push('c'));
    await slow;
    await expect(failing).rejects.toThrow('boom');
    await last;
    expect(order).toEqual(['a', 'b', 'c']);
  });
});
