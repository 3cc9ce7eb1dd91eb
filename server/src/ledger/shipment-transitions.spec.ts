import { ShipmentState } from './shipment-state.js';
import { assertTransition, canTransition, SHIPMENT_TRANSITIONS } from './shipment-transitions.js';

describe('shipment state transitions', () => {
  it.each([
    [ShipmentState.PENDING, ShipmentState.CLAIMED, true],
    [ShipmentState.CLAIMED, ShipmentState.CREATED, true],
    [ShipmentState.CLAIMED, ShipmentState.PENDING, true],
    [ShipmentState.PENDING, ShipmentState.PENDING, true],
    [ShipmentState.CREATED, ShipmentState.DISPATCHED, true],
    [ShipmentState.DISPATCHED, ShipmentState.FULFILLED, true],
    [ShipmentState.FULFILLED, ShipmentState.DISPATCHED, true],
    [ShipmentState.DISPATCHED, ShipmentState.FAILED, true],
    [ShipmentState.FULFILLED, ShipmentState.FAILED, false],
    [ShipmentState.PENDING, ShipmentState.CREATED, false],
    [ShipmentState.CREATED, ShipmentState.PENDING, false],
    [ShipmentState.FULFILLED, ShipmentState.CREATED, false],
    [ShipmentState.SKIPPED, ShipmentState.CREATED, false],
    [ShipmentState.AWAITING_SHIPMENT, ShipmentState.PENDING, true],
    [ShipmentState.AWAITING_SHIPMENT, ShipmentState.SKIPPED, true],
    [ShipmentState.AWAITING_SHIPMENT, ShipmentState.CLAIMED, false],
    [ShipmentState.PENDING, ShipmentState.AWAITING_SHIPMENT, false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
    if (!allowed) expect(() => assertTransition(from, to)).toThrow(`cannot go from ${from} to ${to}`);
  });

  it('lists every state', () => {
    expect(Object.keys(SHIPMENT_TRANSITIONS).sort()).toEqual(Object.values(ShipmentState).sort());
  });
});
