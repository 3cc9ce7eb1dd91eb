import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Clock } from '../common/clock.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Integration } from '../integrations/integration.entity.js';
import { UnleashedCallUsage } from '../overview/overview.types.js';
import type { UnleashedUsage } from './unleashed-usage.js';

/** `Integration.unleashedCalls`: this month's Unleashed calls, the allowance and the projection to the month's end. */
@Resolver(() => Integration)
export class IntegrationUnleashedCallsResolver {
  constructor(
    private readonly usage: UnleashedUsage,
    private readonly clock: Clock,
  ) {}

  @FieldResolver(() => UnleashedCallUsage, {
    description: 'Unleashed API calls of this integration this calendar month (UTC), against the allowance (UNLEASHED_MONTHLY_ALLOWANCE), with the projection to the month\u2019s end.',
  })
  async unleashedCalls(@Root() integration: Integration, @Ctx() ctx: GraphQLContext): Promise<UnleashedCallUsage> {
    return Object.assign(new UnleashedCallUsage(), await this.usage.ofIntegration(ctx.em, integration.id, this.clock.now()));
  }
}
