import { Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { AdminOnly } from '../graphql/field-permissions.js';
import { HealthCondition, severityOf } from './health-condition.entity.js';
import { HEALTH_CONDITIONS, HealthConditionCode, HealthSeverity } from './health-conditions.js';
import { Integration } from './integration.entity.js';
import { bySeverity } from './integration-health.js';
import { integrationLoaders } from './integration.loaders.js';

@Resolver(() => HealthCondition)
export class HealthConditionResolver {
  @FieldResolver(() => HealthSeverity, { description: 'STOPPED: nothing syncs until someone acts; PAUSED: waits and resumes by itself; DEGRADED: syncs with something missing; NOTICE: worth knowing.' })
  severity(@Root() condition: HealthCondition): HealthSeverity {
    return severityOf(condition);
  }

  @FieldResolver(() => String, { description: 'What to do about it, in plain words.' })
  action(@Root() condition: HealthCondition): string {
    return HEALTH_CONDITIONS[condition.code].action;
  }

  @AdminOnly()
  @Query(() => [HealthCondition], { description: 'Admins: what is wrong with the whole deployment (e.g. CartonCloud unavailable, the 3PL\u2019s API client refused or missing a role), most severe first.' })
  async platformConditions(@Ctx() ctx: GraphQLContext): Promise<HealthCondition[]> {
    return (await ctx.em.find(HealthCondition, { integrationId: null, clearedAt: null })).sort(bySeverity);
  }
}

@Resolver(() => Integration)
export class IntegrationHealthResolver {
  @Authorized()
  @FieldResolver(() => [HealthCondition], { description: 'What a person should know about this integration now, most severe first (empty when all is well).' })
  conditions(@Root() integration: Integration, @Ctx() ctx: GraphQLContext): Promise<HealthCondition[]> {
    return ctx.loaders.of(integrationLoaders).openConditions.load(integration.id);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The most severe problem the integration\u2019s users should know about, in plain words (the first of `conditions`, leaving out the Order Management notice, which is `fulfilmentNotice`).' })
  async healthMessage(@Root() integration: Integration, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    const open = await ctx.loaders.of(integrationLoaders).openConditions.load(integration.id);
    return open.find((c) => c.code !== HealthConditionCode.ORDER_MANAGEMENT_OFF)?.message ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why fulfilment cannot write everything back to Unleashed (for example Order Management is off), in plain words; null when it can.' })
  async fulfilmentNotice(@Root() integration: Integration, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    const open = await ctx.loaders.of(integrationLoaders).openConditions.load(integration.id);
    return open.find((c) => c.code === HealthConditionCode.ORDER_MANAGEMENT_OFF)?.message ?? null;
  }
}
