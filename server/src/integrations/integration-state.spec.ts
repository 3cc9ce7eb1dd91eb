import { IntegrationHealth, IntegrationStatus, SetupStep } from './integration.enums.js';
import { healthOf, nextStepOf, skippedWarehouseCodes } from './integration-state.js';

const t = new Date('2026-03-02T00:00:00Z');

describe('nextStepOf', () => {
  it('walks the steps in order', () => {
    expect(nextStepOf({ authenticationConfiguredAt: null, orderCreationConfiguredAt: null, fulfilmentConfiguredAt: null })).toBe(SetupStep.AUTHENTICATION);
    expect(nextStepOf({ authenticationConfiguredAt: t, orderCreationConfiguredAt: null, fulfilmentConfiguredAt: null })).toBe(SetupStep.ORDER_CREATION);
    expect(nextStepOf({ authenticationConfiguredAt: t, orderCreationConfiguredAt: t, fulfilmentConfiguredAt: null })).toBe(SetupStep.FULFILMENT);
    expect(nextStepOf({ authenticationConfiguredAt: t, orderCreationConfiguredAt: t, fulfilmentConfiguredAt: t })).toBe(SetupStep.COMPLETE);
  });
});

describe('healthOf', () => {
  const active = { status: IntegrationStatus.ACTIVE, credentialsRejectedAt: null, activatedAt: t, lastSyncedAt: t };
  const minute = 60_000;
  it('is healthy right after a poll', () => expect(healthOf(active, false, new Date(t.getTime() + minute), 5 * minute)).toBe(IntegrationHealth.HEALTHY));
  it('is overdue after three missed intervals', () => expect(healthOf(active, false, new Date(t.getTime() + 17 * minute), 5 * minute)).toBe(IntegrationHealth.OVERDUE));
  it('shows rejected credentials first', () => expect(healthOf({ ...active, credentialsRejectedAt: t }, true, t, minute)).toBe(IntegrationHealth.CREDENTIALS_REJECTED));
  it('is failing when the last order poll failed', () => expect(healthOf(active, true, t, minute)).toBe(IntegrationHealth.FAILING));
  it('is not active for drafts', () => expect(healthOf({ ...active, status: IntegrationStatus.DRAFT }, false, t, minute)).toBe(IntegrationHealth.NOT_ACTIVE));
});

describe('skippedWarehouseCodes', () => {
  it('lists codes with neither a mapping nor a default', () => {
    expect(skippedWarehouseCodes(['AKL', 'MEL', 'SYD'], [{ unleashedWarehouseCode: 'AKL', warehouseId: 'w1' }, { unleashedWarehouseCode: 'MEL', warehouseId: null }], false)).toEqual(['MEL', 'SYD']);
  });
  it('is empty when there is a default warehouse', () => {
    expect(skippedWarehouseCodes(['AKL'], [], true)).toEqual([]);
  });
});
