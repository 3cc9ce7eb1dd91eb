import type { IntegrationSetupFragment } from '../app/graphql/generated';

/** An integration as the setup wizard reads it (`fragment IntegrationSetup`): a draft that needs its credentials. */
export function setupOf(over: Partial<IntegrationSetupFragment> = {}): IntegrationSetupFragment {
  return {
    __typename: 'Integration',
    id: '5b0c7f0e-5d3e-4a43-9d3a-2f9c8f0e1a11',
    name: 'Unleashed NZ store',
    status: 'DRAFT',
    nextStep: 'AUTHENTICATION',
    health: 'NOT_ACTIVE',
    healthMessage: null,
    lastSyncedAt: null,
    activatedAt: null,
    unleashedApiId: null,
    fulfilmentEnabled: false,
    includeComments: true,
    sendOrdersWithoutShipment: false,
    unleashedTimeZone: 'Pacific/Auckland',
    credentialsRejectedAt: null,
    unleashedOrderManagement: null,
    fulfilmentNotice: null,
    skippedUnleashedWarehouseCodes: [],
    defaultWarehouse: null,
    warehouseMappings: [],
    customer: { __typename: 'Customer', id: 'c-acme', name: 'Acme Outdoor', selfManagedIntegrationsAllowed: true, warehouses: [] },
    ...over,
  };
}
