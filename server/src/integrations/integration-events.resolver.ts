import { Arg, Authorized, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { canSeeCustomer } from '../auth/access-policy.js';
import { Topics, type IntegrationEvent } from '../common/event-bus.js';
import { oncePerEvent } from '../common/fan-out.js';
import { eventContext, subscribeToEvents, useEventContext, type GraphQLContext } from '../graphql/context.js';
import { Integration } from './integration.entity.js';

/**
 * The integration an event is about, loaded once per event for every subscriber of this process (fan-out.ts),
 * in the event's shared context: null when it no longer exists (its event is then delivered to nobody).
 */
function eventIntegration(event: IntegrationEvent, ctx: GraphQLContext): Promise<Integration | null> {
  return oncePerEvent(event, 'integration', async () => (await eventContext(ctx, event)).em.findOne(Integration, { id: event.integrationId }));
}

@Resolver(() => Integration)
export class IntegrationEventsResolver {
  @Authorized()
  @Subscription(() => Integration, {
    description: 'Every change to a visible integration: a setup step, activation, deletion, health.',
    subscribe: ({ args, context }: { args: { customerId?: string | null }; context: GraphQLContext }) =>
      subscribeToEvents<IntegrationEvent>(
        context,
        Topics.INTEGRATION_UPDATED,
        (event) => canSeeCustomer(context.viewer, event.customerId) && (!args.customerId || args.customerId === event.customerId),
        // gone: delivered to nobody; a failed load goes on to the resolver, which reports it (masked) without ending the subscription
        async (event) => (await eventIntegration(event, context).catch(() => undefined)) !== null,
      ),
  })
  async integrationUpdated(
    @Root() event: IntegrationEvent,
    @Arg('customerId', () => ID, { nullable: true }) _customerId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Integration> {
    await useEventContext(ctx, event);
    const integration = await eventIntegration(event, ctx);
    if (!integration) throw new Error(`integration ${event.integrationId} vanished between its event's filter and its delivery`);
    return integration;
  }
}
