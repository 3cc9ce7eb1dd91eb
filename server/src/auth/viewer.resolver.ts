import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { requireViewer } from './access-policy.js';
import type { Viewer } from './viewer.js';

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

  /** Not a field here: `Viewer.customer` is resolved by the customers domain (customers/viewer-customer.resolver.ts). */
  customerId!: string | null;
}

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Query(() => ViewerType, { description: 'The signed-in user or API client (UNAUTHENTICATED without a valid token).' })
  viewer(@Ctx() ctx: { viewer: Viewer | null }): ViewerType {
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
}
