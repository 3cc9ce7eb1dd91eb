import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { AppServices } from '../app/services.js';
import { canSeeCustomer } from '../auth/access-policy.js';
import { Topics, type SyncRunEvent } from '../common/event-bus.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Integration } from '../integrations/integration.entity.js';
import { SyncRun } from '../runs/sync-run.entity.js';
import { DailyActivity } from './daily-activity.type.js';
import { clampLimit, createSyncLoaders } from './sync.service.js';
import { publicState, SyncedShipmentState } from './sync.enums.js';
import { SyncedShipment } from '../ledger/ledger-shipment.entity.js';

const loadersByRequest = new WeakMap<GraphQLContext, ReturnType<typeof createSyncLoaders>>();
function loaders(ctx: GraphQLContext) {
  let found = loadersByRequest.get(ctx);
  if (!found) {
    found = createSyncLoaders(ctx.em);
    loadersByRequest.set(ctx, found);
  }
  return found;
}

@Resolver(() => SyncRun)
export class SyncRunResolver {
  constructor(private readonly services: AppServices) {}

  @Authorized()
  @Query(() => SyncRun, { nullable: true, description: 'One order poll or fulfilment pass, if the viewer may see its integration.' })
  syncRun(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<SyncRun | null> {
    return this.services.orderSync.service.syncRun(ctx.em, ctx.viewer, id);
  }

  @Authorized()
  @Mutation(() => SyncRun, { description: 'An immediate order poll of an ACTIVE integration: returns its QUEUED run.' })
  syncNow(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<SyncRun> {
    return this.services.orderSync.service.syncNow(ctx.em, ctx.viewer, id);
  }

  @Authorized()
  @Mutation(() => SyncedShipment, { description: 'Send a FAILED, REJECTED or SKIPPED shipment again (it goes back to PENDING).' })
  retryShipment(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<SyncedShipment> {
    return this.services.orderSync.service.retryShipment(ctx.em, ctx.viewer, id);
  }

  @FieldResolver(() => Integration)
  async integration(@Root() run: SyncRun, @Ctx() ctx: GraphQLContext): Promise<Integration> {
    const integration = await loaders(ctx).integration.load(run.integration.id);
    if (!integration) throw new Error(`integration ${run.integration.id} of run ${run.id} is gone`);
    return integration;
  }

  @Authorized()
  @Subscription(() => SyncRun, {
    topics: Topics.SYNC_RUN_UPDATED,
    description: 'Each progress step of every run the viewer may see (of one integration, when given).',
    filter: ({ payload, args, context }: { payload: SyncRunEvent; args: { integrationId?: string | null }; context: GraphQLContext }) =>
      canSeeCustomer(context.viewer, payload.customerId) && (!args.integrationId || args.integrationId === payload.integrationId),
  })
  async syncRunUpdated(
    @Root() event: SyncRunEvent,
    @Arg('integrationId', () => ID, { nullable: true }) _integrationId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SyncRun> {
    // a fresh context per event: the subscription's identity map would otherwise serve the first version
    return ctx.em.fork().findOneOrFail(SyncRun, { id: event.syncRunId });
  }
}

/** The Integration fields of the order sync (type-graphql merges them with the setup resolver's). */
@Resolver(() => Integration)
export class IntegrationSyncResolver {
  @FieldResolver(() => [SyncRun], { description: 'Newest first (limit 1–500).' })
  syncRuns(
    @Root() integration: Integration,
    @Arg('limit', () => Int, { defaultValue: 20, nullable: true }) limit: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SyncRun[]> {
    return loaders(ctx).syncRuns(clampLimit(limit, 20)).load(integration.id);
  }

  @FieldResolver(() => [SyncedShipment], { description: 'Most recently changed first (limit 1–500); `orderNumber` answers "what happened to order X?".' })
  shipments(
    @Root() integration: Integration,
    @Arg('state', () => SyncedShipmentState, { nullable: true }) state: SyncedShipmentState | null,
    @Arg('limit', () => Int, { defaultValue: 50, nullable: true }) limit: number,
    @Arg('orderNumber', () => String, { nullable: true }) orderNumber: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SyncedShipment[]> {
    return loaders(ctx).shipments(state ?? null, clampLimit(limit, 50), orderNumber?.trim() || null).load(integration.id);
  }
}

@Resolver(() => Integration)
export class IntegrationActivityResolver {
  constructor(private readonly services: AppServices) {}

  @FieldResolver(() => [DailyActivity], { description: 'Shipments per UTC day over the last `days` days (1–90), oldest first: the console\u2019s chart.' })
  activity(@Root() integration: Integration, @Arg('days', () => Int, { defaultValue: 14, nullable: true }) days: number, @Ctx() ctx: GraphQLContext): Promise<DailyActivity[]> {
    return loaders(ctx).activity(Math.min(Math.max(days ?? 14, 1), 90), this.services.clock.now()).load(integration.id);
  }
}

@Resolver(() => SyncedShipment)
export class SyncedShipmentResolver {
  @FieldResolver(() => SyncedShipmentState, { description: 'PENDING while waiting for (or in) its create.' })
  state(@Root() shipment: SyncedShipment): SyncedShipmentState {
    return publicState(shipment.state);
  }
}
