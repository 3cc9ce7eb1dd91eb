import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Customer } from '../customers/customer.entity.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Integration } from './integration.entity.js';
import { integrationLoaders } from './integration.loaders.js';

/** The integrations' fields on Customer (type-graphql merges them with the customer resolver's). */
@Resolver(() => Customer)
export class CustomerIntegrationsResolver {
  @FieldResolver(() => Int, { description: 'The number of ACTIVE integrations, shown under the customer name.' })
  activeIntegrationCount(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<number> {
    return ctx.loaders.of(integrationLoaders).activeIntegrationCount.load(customer.id);
  }

  @FieldResolver(() => Boolean, { description: 'The green dot: at least one ACTIVE integration.' })
  async hasLiveIntegration(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return (await ctx.loaders.of(integrationLoaders).activeIntegrationCount.load(customer.id)) > 0;
  }

  @FieldResolver(() => [Integration], { description: 'Integrations that are not DELETED.' })
  integrations(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<Integration[]> {
    return ctx.loaders.of(integrationLoaders).customerIntegrations.load(customer.id);
  }
}
