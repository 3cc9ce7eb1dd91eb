import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { AppServices } from '../app/services.js';
import { BatchLoader } from '../common/batch-loader.js';
import { Customer } from '../customers/customer.entity.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Integration } from '../integrations/integration.entity.js';
import { BillingLine } from './billing-line.entity.js';
import { BillingPreviewLine, BillingWeekTotal } from './billing.types.js';

/**
 * Billed lines reference integrations of any status (deleted ones included), so they get their own
 * per-request batch loader: one query for all the lines of a response.
 */
const integrationLoaders = new WeakMap<GraphQLContext, BatchLoader<string, Integration | null>>();
function integrationLoader(ctx: GraphQLContext): BatchLoader<string, Integration | null> {
  let loader = integrationLoaders.get(ctx);
  if (!loader) {
    loader = new BatchLoader(async (ids) => {
      const rows = await ctx.em.find(Integration, { id: { $in: [...ids] } });
      return new Map(rows.map((i) => [i.id, i]));
    }, () => null);
    integrationLoaders.set(ctx, loader);
  }
  return loader;
}

@Resolver(() => BillingLine)
export class BillingResolver {
  constructor(private readonly services: AppServices) {}

  @Authorized('ADMIN')
  @Query(() => [BillingLine], { description: 'Admin only. Billed lines whose week overlaps [from, to), newest week first.' })
  billingLines(
    @Arg('customerId', () => ID, { nullable: true }) customerId: string | null,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<BillingLine[]> {
    return this.services.billing.lines(ctx.em, ctx.viewer, { customerId, from, to });
  }

  @Authorized('ADMIN')
  @Query(() => [BillingWeekTotal], { description: 'Admin only. Per customer, per billing week totals of the lines overlapping [from, to), newest week first.' })
  billingSummary(
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Arg('customerId', () => ID, { nullable: true }) customerId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<BillingWeekTotal[]> {
    return this.services.billing.summary(ctx.em, ctx.viewer, { customerId, from, to });
  }

  @Authorized('ADMIN')
  @Query(() => [BillingPreviewLine], { description: 'Admin only. What the current, still-open billing week will bill if nothing changes.' })
  billingPreview(@Arg('customerId', () => ID, { nullable: true }) customerId: string | null, @Ctx() ctx: GraphQLContext): Promise<BillingPreviewLine[]> {
    return this.services.billing.preview(ctx.em, ctx.viewer, customerId);
  }

  @FieldResolver(() => Customer)
  async customer(@Root() line: BillingLine, @Ctx() ctx: GraphQLContext): Promise<Customer> {
    return (await ctx.loaders.customer.load(line.customer.id))!;
  }

  @FieldResolver(() => Integration)
  async integration(@Root() line: BillingLine, @Ctx() ctx: GraphQLContext): Promise<Integration> {
    return (await integrationLoader(ctx).load(line.integration.id))!;
  }
}
