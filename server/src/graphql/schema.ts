import 'reflect-metadata';
import { DateTimeResolver } from 'graphql-scalars';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type ContainerType, type PubSub } from 'type-graphql';
import type { AppServices } from '../app/services.js';
import { AlertDeliveryResolver, AlertSubscriptionResolver } from '../alerts/alerts.resolver.js';
import { ViewerResolver } from '../auth/viewer.resolver.js';
import { BillingResolver } from '../billing/billing.resolver.js';
import { CustomerResolver } from '../customers/customer.resolver.js';
import { WarehouseResolver } from '../customers/warehouse.resolver.js';
import { IntegrationEventsResolver } from '../integrations/integration-events.resolver.js';
import { IntegrationResolver, WarehouseMappingResolver } from '../integrations/integration.resolver.js';
import { IntegrationActivityResolver, IntegrationSyncResolver, SyncedShipmentResolver, SyncRunResolver } from '../sync/sync.resolver.js';
import { authChecker } from './auth-checker.js';

export const resolvers = [
  ViewerResolver,
  CustomerResolver,
  WarehouseResolver,
  IntegrationResolver,
  WarehouseMappingResolver,
  IntegrationEventsResolver,
  BillingResolver,
  SyncRunResolver,
  IntegrationSyncResolver,
  IntegrationActivityResolver,
  SyncedShipmentResolver,
  AlertSubscriptionResolver,
  AlertDeliveryResolver,
] as const;

/** Resolvers are constructed once with the application's services (no DI framework needed). */
function containerFor(services: AppServices | null): ContainerType {
  const instances = new Map<unknown, unknown>();
  return {
    get(someClass: new (services: AppServices | null) => unknown) {
      if (!instances.has(someClass)) instances.set(someClass, new someClass(services));
      return instances.get(someClass);
    },
  } as ContainerType;
}

export async function buildConveyorSchema(services: AppServices | null, pubSub?: PubSub): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    container: containerFor(services),
    authChecker,
    authMode: 'error',
    pubSub,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    emitSchemaFile: false,
  });
}

/** The SDL committed as schema.graphql (sorted, so the file is stable). */
export async function printConveyorSchema(): Promise<string> {
  const schema = await buildConveyorSchema(null, { publish: () => undefined, subscribe: () => (async function* () {})() });
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
