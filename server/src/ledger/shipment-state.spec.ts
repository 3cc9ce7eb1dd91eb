import { internalStates, publicState, ShipmentState, SyncedShipmentState } from './shipment-state.js';

describe('ledger state ↔ public GraphQL state', () => {
  it('shows CLAIMED and AWAITING_SHIPMENT as PENDING and every other state as itself', () => {
    expect(publicState(ShipmentState.CLAIMED)).toBe(SyncedShipmentState.PENDING);
    expect(publicState(ShipmentState.AWAITING_SHIPMENT)).toBe(SyncedShipmentState.PENDING);
    for (const state of Object.values(ShipmentState).filter((s) => s !== ShipmentState.CLAIMED && s !== ShipmentState.AWAITING_SHIPMENT)) {
      expect(publicState(state)).toBe(state);
    }
  });

  it('selects AWAITING_SHIPMENT, PENDING and CLAIMED rows for a PENDING filter, one state for every other', () => {
    expect(internalStates(SyncedShipmentState.PENDING)).toEqual([ShipmentState.AWAITING_SHIPMENT, ShipmentState.PENDING, ShipmentState.CLAIMED]);
    expect(internalStates(SyncedShipmentState.FAILED)).toEqual([ShipmentState.FAILED]);
  });

  it('gives every public state at least one ledger state', () => {
    for (const state of Object.values(SyncedShipmentState)) expect(internalStates(state).length).toBeGreaterThan(0);
  });
});
