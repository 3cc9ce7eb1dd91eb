import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { canSeeCustomer } from '../auth/access-policy.js';
import { Topics, type SyncRunEvent } from '../common/event-bus.js';
import { clampLimit } from '../common/validation.js';
import { oncePerEvent } from '../common/fan-out.js';
import { eventContext, subscribeToEvents, useEventContext, type GraphQLContext } from '../graphql/context.js';
import { Integration } from '../integrations/integration.entity.js';
import { integrationLoaders } from '../integrations/integration.loaders.js';
import { SyncRun } from './sync-run.entity.js';
import { syncRunLoaders } from './sync-run.loaders.js';
import { visibleSyncRun } from './sync-run.queries.js';

/** The run an event is about, loaded once per event for every subscriber of this process (null: gone). */
function eventSyncRun(event: SyncRunEvent, ctx: GraphQLContext): Promise<SyncRun | null> {
  return oncePerEvent(event, 'syncRun', async () => (await eventContext(ctx, event)).em.findOne(SyncRun, { id: event.syncRunId }));
}

/** Reading runs (order polls and fulfilment passes) and following their progress. */
@Resolver(() => SyncRun)
export class SyncRunResolver {
  @Authorized()
  @Query(() => SyncRun, { nullable: true, description: 'One order poll or fulfilment pass, if the viewer may see its integration.' })
  syncRun(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<SyncRun | null> {
    return visibleSyncRun(ctx.em, ctx.viewer, id);
  }

  @FieldResolver(() => Integration)
  async integration(@Root() run: SyncRun, @Ctx() ctx: GraphQLContext): Promise<Integration> {
    const integration = await ctx.loaders.of(integrationLoaders).integration.load(run.integration.id);
    if (!integration) throw new Error(`integration ${run.integration.id} of run ${run.id} is gone`);
    return integration;
  }

  @Authorized()
  @Subscription(() => SyncRun, {
    description: 'Each progress step of every run the viewer may see (of one integration, when given).',
    subscribe: ({ args, context }: { args: { integrationId?: string | null }; context: GraphQLContext }) =>
      subscribeToEvents<SyncRunEvent>(
        context,
        Topics.SYNC_RUN_UPDATED,
        (event) => canSeeCustomer(context.viewer, event.customerId) && (!args.integrationId || args.integrationId === event.integrationId),
        // gone: delivered to nobody; a failed load goes on to the resolver, which reports it (masked) without ending the subscription
        async (event) => (await eventSyncRun(event, context).catch(() => undefined)) !== null,
      ),
  })
  async syncRunUpdated(
    @Root() event: SyncRunEvent,
    @Arg('integrationId', () => ID, { nullable: true }) _integrationId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SyncRun> {
    await useEventContext(ctx, event);
    const run = await eventSyncRun(event, ctx);
    if (!run) throw new Error(`sync run ${event.syncRunId} vanished between its event's filter and its delivery`);
    return run;
  }
}

/** The runs of an Integration (type-graphql merges these fields with the setup resolver's). */
@Resolver(() => Integration)
export class IntegrationRunsResolver {
  @FieldResolver(() => [SyncRun], { description: 'Newest first (limit 1–500).' })
  syncRuns(
    @Root() integration: Integration,
    @Arg('limit', () => Int, { defaultValue: 20, nullable: true }) limit: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SyncRun[]> {
    return ctx.loaders.of(syncRunLoaders).syncRuns(clampLimit(limit, 20)).load(integration.id);
  }
}
