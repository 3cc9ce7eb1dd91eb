import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Customer } from '../customers/customer.entity.js';
import { customerLoaders } from '../customers/customer.loaders.js';
import { AdminOnly } from '../graphql/field-permissions.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Integration } from '../integrations/integration.entity.js';
import { integrationLoaders } from '../integrations/integration.loaders.js';
import { BillingLine } from './billing-line.entity.js';
import type { BillingService } from './billing.service.js';
import { BillingPreviewLine, BillingWeekTotal } from './billing.types.js';

@Resolver(() => BillingLine)
export class BillingResolver {
  constructor(private readonly billing: BillingService) {}

  @AdminOnly()
  @Query(() => [BillingLine], { description: 'Admin only. Billed lines whose week overlaps [from, to), newest week first.' })
  billingLines(
    @Arg('customerId', () => ID, { nullable: true }) customerId: string | null,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<BillingLine[]> {
    return this.billing.lines(ctx.em, ctx.viewer, { customerId, from, to });
  }

  @AdminOnly()
  @Query(() => [BillingWeekTotal], { description: 'Admin only. Per customer, per billing week totals of the lines overlapping [from, to), newest week first.' })
  billingSummary(
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Arg('customerId', () => ID, { nullable: true }) customerId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<BillingWeekTotal[]> {
    return this.billing.summary(ctx.em, ctx.viewer, { customerId, from, to });
  }

  @AdminOnly()
  @Query(() => [BillingPreviewLine], { description: 'Admin only. What the current, still-open billing week will bill if nothing changes.' })
  billingPreview(@Arg('customerId', () => ID, { nullable: true }) customerId: string | null, @Ctx() ctx: GraphQLContext): Promise<BillingPreviewLine[]> {
    return this.billing.preview(ctx.em, ctx.viewer, customerId);
  }

  @FieldResolver(() => Customer)
  async customer(@Root() line: BillingLine, @Ctx() ctx: GraphQLContext): Promise<Customer> {
    return (await ctx.loaders.of(customerLoaders).customer.load(line.customer.id))!;
  }

  @FieldResolver(() => Integration)
  async integration(@Root() line: BillingLine, @Ctx() ctx: GraphQLContext): Promise<Integration> {
    // billed lines point at integrations of any status, deleted ones included
    return (await ctx.loaders.of(integrationLoaders).integration.load(line.integration.id))!;
  }
}
