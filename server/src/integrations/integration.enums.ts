import { registerEnumType } from 'type-graphql';

export enum IntegrationStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  DELETED = 'DELETED',
}
registerEnumType(IntegrationStatus, { name: 'IntegrationStatus' });

export enum SetupStep {
  INITIAL = 'INITIAL',
  AUTHENTICATION = 'AUTHENTICATION',
  ORDER_CREATION = 'ORDER_CREATION',
  FULFILMENT = 'FULFILMENT',
  COMPLETE = 'COMPLETE',
}
registerEnumType(SetupStep, { name: 'SetupStep', description: 'The next setup step the integration needs (COMPLETE: all done).' });

/** How the integration is doing, as the console's health badge shows it. */
export enum IntegrationHealth {
  HEALTHY = 'HEALTHY',
  FAILING = 'FAILING',
  OVERDUE = 'OVERDUE',
  CREDENTIALS_REJECTED = 'CREDENTIALS_REJECTED',
  PAUSED = 'PAUSED',
  NOT_ACTIVE = 'NOT_ACTIVE',
}
registerEnumType(IntegrationHealth, { name: 'IntegrationHealth' });
