import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ViewerType } from '../auth/viewer.resolver.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Customer } from './customer.entity.js';
import { customerLoaders } from './customer.loaders.js';

/** `Viewer.customer` (auth does not know customers; type-graphql merges this field into the Viewer type). */
@Resolver(() => ViewerType)
export class ViewerCustomerResolver {
  @FieldResolver(() => Customer, { nullable: true, description: 'The customer a customer user belongs to (null for admins).' })
  customer(@Root() viewer: ViewerType, @Ctx() ctx: GraphQLContext): Promise<Customer | null> | null {
    return viewer.customerId ? ctx.loaders.of(customerLoaders).customer.load(viewer.customerId) : null;
  }
}
