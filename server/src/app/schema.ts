import 'reflect-metadata';
import { DateTimeResolver } from 'graphql-scalars';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type ContainerType, type PubSub } from 'type-graphql';
import { AlertDeliveryResolver, AlertSubscriptionResolver } from '../alerts/alerts.resolver.js';
import { ViewerResolver } from '../auth/viewer.resolver.js';
import { BillingResolver } from '../billing/billing.resolver.js';
import { CustomerResolver } from '../customers/customer.resolver.js';
import { ViewerCustomerResolver } from '../customers/viewer-customer.resolver.js';
import { WarehouseResolver } from '../customers/warehouse.resolver.js';
import { authChecker } from '../graphql/auth-checker.js';
import { CustomerIntegrationsResolver } from '../integrations/customer-integrations.resolver.js';
import { HealthConditionResolver, IntegrationHealthResolver } from '../integrations/health.resolver.js';
import { IntegrationEventsResolver } from '../integrations/integration-events.resolver.js';
import { IntegrationResolver, WarehouseMappingResolver } from '../integrations/integration.resolver.js';
import { IntegrationShipmentsResolver, LedgerShipmentResolver } from '../ledger/ledger.resolver.js';
import { IntegrationRunsResolver, SyncRunResolver } from '../runs/sync-run.resolver.js';
import { OrderSyncResolver } from '../sync/sync.resolver.js';
import { NeedsAttentionResolver } from '../attention/needs-attention.resolver.js';
import { CustomerAttentionCountResolver, OverviewResolver, UnleashedCallUsageResolver } from '../overview/overview.resolver.js';
import { IntegrationUnleashedCallsResolver } from '../usage/unleashed-usage.resolver.js';
import { CartonCloudHintUrlResolver } from '../webhooks/cartoncloud-hint.js';
import type { AppServices } from './services.js';

/** Every resolver, constructed with exactly the services it declares (no DI framework needed). */
function resolverInstances(services: AppServices): object[] {
  return [
    new ViewerResolver(),
    new ViewerCustomerResolver(),
    new CustomerResolver(services.customers),
    new WarehouseResolver(services.customers),
    new CustomerIntegrationsResolver(),
    new IntegrationResolver(services.integrations, services.clock, services.config),
    new WarehouseMappingResolver(),
    new HealthConditionResolver(),
    new IntegrationHealthResolver(),
    new IntegrationEventsResolver(),
    new BillingResolver(services.billing),
    new SyncRunResolver(),
    new IntegrationRunsResolver(),
    new OrderSyncResolver(services.orderSync.service, services.orderSync.preview),
    new IntegrationShipmentsResolver(services.clock),
    new LedgerShipmentResolver(services.clock, services.config.awaitingShipmentAttentionMs),
    new NeedsAttentionResolver(services.needsAttention, services.clock),
    new OverviewResolver({ query: services.overview, needsAttention: services.needsAttention, clock: services.clock, unleashedCalls: services.unleashedCalls }),
    new CustomerAttentionCountResolver(),
    new UnleashedCallUsageResolver(),
    new IntegrationUnleashedCallsResolver(services.usage, services.clock),
    new CartonCloudHintUrlResolver(services.secretBox, () => services.publicUrl),
    new AlertSubscriptionResolver({ alerts: services.alerts, devMailCatcher: services.devMailCatcher }),
    new AlertDeliveryResolver(),
  ];
}

export const resolvers = [
  ViewerResolver,
  ViewerCustomerResolver,
  CustomerResolver,
  WarehouseResolver,
  CustomerIntegrationsResolver,
  IntegrationResolver,
  WarehouseMappingResolver,
  HealthConditionResolver,
  IntegrationHealthResolver,
  IntegrationEventsResolver,
  BillingResolver,
  SyncRunResolver,
  IntegrationRunsResolver,
  OrderSyncResolver,
  IntegrationShipmentsResolver,
  LedgerShipmentResolver,
  NeedsAttentionResolver,
  OverviewResolver,
  CustomerAttentionCountResolver,
  UnleashedCallUsageResolver,
  IntegrationUnleashedCallsResolver,
  CartonCloudHintUrlResolver,
  AlertSubscriptionResolver,
  AlertDeliveryResolver,
] as const;

/** type-graphql asks the container for a resolver's instance when a field runs. */
function containerFor(services: AppServices | null): ContainerType {
  const instances = new Map<unknown, object>(services ? resolverInstances(services).map((resolver) => [resolver.constructor, resolver]) : []);
  return {
    get(someClass: { name: string }) {
      const instance = instances.get(someClass);
      if (!instance) throw new Error(`no instance of resolver ${someClass.name}: add it to resolverInstances`);
      return instance;
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
