import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { canSeeCustomer } from '../auth/access-policy.js';
import { Topics, type SyncRunEvent } from '../common/event-bus.js';
import { clampLimit } from '../common/validation.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Integration } from '../integrations/integration.entity.js';
import { integrationLoaders } from '../integrations/integration.loaders.js';
import { SyncRun } from './sync-run.entity.js';
import { syncRunLoaders } from './sync-run.loaders.js';
import { visibleSyncRun } from './sync-run.queries.js';

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
