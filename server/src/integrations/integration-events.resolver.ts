import { Arg, Authorized, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { canSeeCustomer } from '../auth/access-policy.js';
import { Topics, type IntegrationEvent } from '../common/event-bus.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Integration } from './integration.entity.js';

@Resolver(() => Integration)
export class IntegrationEventsResolver {
  @Authorized()
  @Subscription(() => Integration, {
    topics: Topics.INTEGRATION_UPDATED,
    description: 'Every change to a visible integration: a setup step, activation, deletion, health.',
    filter: ({ payload, args, context }: { payload: IntegrationEvent; args: { customerId?: string | null }; context: GraphQLContext }) =>
      canSeeCustomer(context.viewer, payload.customerId) && (!args.customerId || args.customerId === payload.customerId),
  })
  async integrationUpdated(
    @Root() event: IntegrationEvent,
    @Arg('customerId', () => ID, { nullable: true }) _customerId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Integration> {
    // a fresh context per event: the subscription's identity map would otherwise serve the first version
    return ctx.em.fork().findOneOrFail(Integration, { id: event.integrationId });
  }
}
