import { Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from './access-policy.js';
import { Customer } from '../customers/customer.entity.js';
import type { GraphQLContext } from '../graphql/context.js';

@ObjectType('Viewer', { description: 'Who the access token belongs to.' })
export class ViewerType {
  @Field()
  subject!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Display name, when the token carries one.' })
  name!: string | null;

  @Field({ description: 'A 3PL administrator: sees and manages every customer.' })
  isAdmin!: boolean;

  @Field(() => String, { nullable: true, description: 'The OAuth client the token was issued to (API clients).' })
  clientId!: string | null;

  customerId!: string | null;
}

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Query(() => ViewerType, { description: 'The signed-in user or API client (UNAUTHENTICATED without a valid token).' })
  viewer(@Ctx() ctx: GraphQLContext): ViewerType {
    const v = requireViewer(ctx.viewer);
    return Object.assign(new ViewerType(), {
      subject: v.subject,
      email: v.email,
      name: v.name,
      isAdmin: v.isAdmin,
      clientId: v.clientId,
      customerId: v.customerId,
    });
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'The customer a customer user belongs to (null for admins).' })
  customer(@Root() viewer: ViewerType, @Ctx() ctx: GraphQLContext): Promise<Customer | null> | null {
    return viewer.customerId ? ctx.loaders.customer.load(viewer.customerId) : null;
  }
}
