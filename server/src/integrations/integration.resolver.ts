import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { AuditEvent } from '../audit/audit-event.entity.js';
import type { Clock } from '../common/clock.js';
import type { Config } from '../config.js';
import { Customer } from '../customers/customer.entity.js';
import { customerLoaders } from '../customers/customer.loaders.js';
import { Warehouse } from '../customers/warehouse.entity.js';
import { AdminOnly } from '../graphql/field-permissions.js';
import type { GraphQLContext } from '../graphql/context.js';
import { severityOf } from './health-condition.entity.js';
import { HealthSeverity } from './health-conditions.js';
import { Integration } from './integration.entity.js';
import { IntegrationHealth, SetupStep } from './integration.enums.js';
import { AuthenticationInput, CreateIntegrationInput, FulfilmentInput, OrderCreationInput } from './integration.inputs.js';
import type { IntegrationSetupService } from './integration-setup.service.js';
import { integrationLoaders } from './integration.loaders.js';
import { healthOf, nextStepOf, skippedWarehouseCodes } from './integration-state.js';
import { WarehouseMapping } from './warehouse-mapping.entity.js';

@ObjectType({ description: 'A warehouse of the connected Unleashed account.' })
export class UnleashedWarehouse {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field()
  isDefault!: boolean;
}

@Resolver(() => Integration)
export class IntegrationResolver {
  constructor(
    private readonly integrations: IntegrationSetupService,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'pollIntervalMs'>,
  ) {}

  @Authorized()
  @Query(() => Integration, { nullable: true })
  integration(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Integration | null> {
    return this.integrations.get(ctx.em, ctx.viewer, id);
  }

  @Authorized()
  @Query(() => [UnleashedWarehouse], { description: 'The warehouses of the integration\u2019s Unleashed account, read live (setup step 3).' })
  unleashedWarehouses(@Arg('integrationId', () => ID) integrationId: string, @Ctx() ctx: GraphQLContext): Promise<UnleashedWarehouse[]> {
    return this.integrations.unleashedWarehouses(ctx.em, ctx.viewer, integrationId);
  }

  @Authorized()
  @Mutation(() => Integration, { description: 'Step 1: a named DRAFT integration for a customer.' })
  createIntegration(@Arg('input', () => CreateIntegrationInput) input: CreateIntegrationInput, @Ctx() ctx: GraphQLContext): Promise<Integration> {
    return this.integrations.create(ctx.em, ctx.viewer, input);
  }

  @Authorized()
  @Mutation(() => Integration, { description: 'Step 1 again: rename.' })
  renameIntegration(@Arg('id', () => ID) id: string, @Arg('name') name: string, @Ctx() ctx: GraphQLContext): Promise<Integration> {
    return this.integrations.rename(ctx.em, ctx.viewer, id, name);
  }

  @Authorized()
  @Mutation(() => Integration, { description: 'Step 2: Unleashed credentials, checked live before they are stored.' })
  configureAuthentication(@Arg('id', () => ID) id: string, @Arg('input', () => AuthenticationInput) input: AuthenticationInput, @Ctx() ctx: GraphQLContext): Promise<Integration> {
    return this.integrations.configureAuthentication(ctx.em, ctx.viewer, id, input);
  }

  @Authorized()
  @Mutation(() => Integration, { description: 'Step 3: comments, default warehouse, warehouse mappings.' })
  configureOrderCreation(@Arg('id', () => ID) id: string, @Arg('input', () => OrderCreationInput) input: OrderCreationInput, @Ctx() ctx: GraphQLContext): Promise<Integration> {
    return this.integrations.configureOrderCreation(ctx.em, ctx.viewer, id, input);
  }

  @Authorized()
  @Mutation(() => Integration, { description: 'Step 4: write dispatches back to Unleashed, or not.' })
  configureFulfilment(@Arg('id', () => ID) id: string, @Arg('input', () => FulfilmentInput) input: FulfilmentInput, @Ctx() ctx: GraphQLContext): Promise<Integration> {
    return this.integrations.configureFulfilment(ctx.em, ctx.viewer, id, input);
  }

  @Authorized()
  @Mutation(() => Integration, { description: 'DRAFT \u2192 ACTIVE: polling and billing start.' })
  finishIntegration(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Integration> {
    return this.integrations.finish(ctx.em, ctx.viewer, id);
  }

  @Authorized()
  @Mutation(() => Integration, { description: '\u2192 DELETED: polling and billing stop at once; the history is kept.' })
  deleteIntegration(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Integration> {
    return this.integrations.delete(ctx.em, ctx.viewer, id);
  }

  @FieldResolver(() => Customer)
  async customer(@Root() integration: Integration, @Ctx() ctx: GraphQLContext): Promise<Customer> {
    return (await ctx.loaders.of(customerLoaders).customer.load(integration.customer.id))!;
  }

  @FieldResolver(() => SetupStep)
  nextStep(@Root() integration: Integration): SetupStep {
    return nextStepOf(integration);
  }

  @FieldResolver(() => Warehouse, { nullable: true })
  defaultWarehouse(@Root() integration: Integration, @Ctx() ctx: GraphQLContext): Promise<Warehouse | null> | null {
    return integration.defaultWarehouse ? ctx.loaders.of(customerLoaders).warehouse.load(integration.defaultWarehouse.id) : null;
  }

  @FieldResolver(() => [WarehouseMapping])
  warehouseMappings(@Root() integration: Integration, @Ctx() ctx: GraphQLContext): Promise<WarehouseMapping[]> {
    return ctx.loaders.of(integrationLoaders).integrationMappings.load(integration.id);
  }

  @FieldResolver(() => [String], { description: 'Unleashed warehouse codes whose shipments will be SKIPPED: no mapping and no default warehouse.' })
  async skippedUnleashedWarehouseCodes(@Root() integration: Integration, @Ctx() ctx: GraphQLContext): Promise<string[]> {
    const mappings = await ctx.loaders.of(integrationLoaders).integrationMappings.load(integration.id);
    return skippedWarehouseCodes(
      integration.knownUnleashedWarehouseCodes,
      mappings.map((m) => ({ unleashedWarehouseCode: m.unleashedWarehouseCode, warehouseId: m.warehouse?.id ?? null })),
      integration.defaultWarehouse !== null,
    );
  }

  @FieldResolver(() => IntegrationHealth, { description: 'The health badge: healthy, failing, overdue, paused, credentials rejected (or not active).' })
  async health(@Root() integration: Integration, @Ctx() ctx: GraphQLContext): Promise<IntegrationHealth> {
    const loaders = ctx.loaders.of(integrationLoaders);
    const [failed, conditions] = await Promise.all([loaders.lastOrderRunFailed.load(integration.id), loaders.openConditions.load(integration.id)]);
    const paused = conditions.some((c) => severityOf(c) === HealthSeverity.PAUSED);
    return healthOf(integration, failed, this.clock.now(), this.config.pollIntervalMs, paused);
  }

  @AdminOnly()
  @FieldResolver(() => [AuditEvent], { description: 'Who changed the setup and when (admins only; never includes secrets).' })
  auditTrail(@Root() integration: Integration, @Arg('limit', () => Int, { defaultValue: 50, nullable: true }) limit: number, @Ctx() ctx: GraphQLContext): Promise<AuditEvent[]> {
    return ctx.em.find(AuditEvent, { integrationId: integration.id }, { orderBy: { at: 'desc' }, limit: Math.min(Math.max(limit, 1), 500) });
  }
}

@Resolver(() => WarehouseMapping)
export class WarehouseMappingResolver {
  @FieldResolver(() => Warehouse, { nullable: true, description: 'null: shipments from this Unleashed warehouse go to the default warehouse.' })
  warehouse(@Root() mapping: WarehouseMapping, @Ctx() ctx: GraphQLContext): Promise<Warehouse | null> | null {
    return mapping.warehouse ? ctx.loaders.of(customerLoaders).warehouse.load(mapping.warehouse.id) : null;
  }
}
