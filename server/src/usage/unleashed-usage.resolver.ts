import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Clock } from '../common/clock.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Integration } from '../integrations/integration.entity.js';
import { UnleashedCallUsage } from '../overview/overview.types.js';
import { BatchLoader } from '../common/batch-loader.js';
import type { LoaderFactory } from '../common/request-loaders.js';
import type { UnleashedCallsOfMonth, UnleashedUsage } from './unleashed-usage.js';

/** `Integration.unleashedCalls`: this month's Unleashed calls, the allowance and the projection to the month's end. */
@Resolver(() => Integration)
export class IntegrationUnleashedCallsResolver {
  /** one query per request for every integration in the response */
  private readonly loaders: LoaderFactory<BatchLoader<string, UnleashedCallsOfMonth>>;

  constructor(
    private readonly usage: UnleashedUsage,
    private readonly clock: Clock,
  ) {
    this.loaders = (em) => new BatchLoader((ids) => this.usage.ofIntegrations(em, ids, this.clock.now()), (id) => this.usage.usageOf(id, 0, this.clock.now()));
  }

  @FieldResolver(() => UnleashedCallUsage, {
    description: 'Unleashed API calls of this integration this calendar month (UTC), against the allowance (UNLEASHED_MONTHLY_ALLOWANCE), with the projection to the month\u2019s end.',
  })
  async unleashedCalls(@Root() integration: Integration, @Ctx() ctx: GraphQLContext): Promise<UnleashedCallUsage> {
    return Object.assign(new UnleashedCallUsage(), await ctx.loaders.of(this.loaders).load(integration.id));
  }
}
