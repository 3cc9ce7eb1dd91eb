import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { NeedsAttention } from '../attention/needs-attention.query.js';
import type { Clock } from '../common/clock.js';
import { badInput } from '../common/errors.js';
import { isValidTimeZone } from '../config.js';
import { Customer } from '../customers/customer.entity.js';
import { customerLoaders } from '../customers/customer.loaders.js';
import type { GraphQLContext } from '../graphql/context.js';
import { AdminOnly } from '../graphql/field-permissions.js';
import { HealthCondition } from '../integrations/health-condition.entity.js';
import { Integration } from '../integrations/integration.entity.js';
import { bySeverity } from '../integrations/integration-health.js';
import { integrationLoaders } from '../integrations/integration.loaders.js';
import type { OverviewQuery } from './overview.query.js';
import { CreateBudget, CustomerAttentionCount, OrderActivity, Overview, UnleashedCallUsage } from './overview.types.js';

/**
 * Where the overview reads each integration's Unleashed calls this month against its quota. The call
 * counter of issue 13 plugs in here (app/ wires it); until then there is none and the field answers null.
 */
export interface UnleashedCallCounter {
  callsThisMonth(em: EntityManager, now: Date): Promise<UnleashedCallUsage[]>;
}

export interface OverviewDeps {
  query: OverviewQuery;
  needsAttention: NeedsAttention;
  clock: Clock;
  unleashedCalls: UnleashedCallCounter | null;
}

/**
 * `overview(timeZone)` (admins): what needs doing today in one query — integrations not healthy with their
 * conditions, the deployment's conditions, needs-attention per customer, orders created and dispatched
 * today and this week, the CartonCloud create budget in use. Every field is one SQL statement (nested
 * integrations, conditions and customers through the request's loaders), whatever the number of customers.
 */
@Resolver(() => Overview)
export class OverviewResolver {
  constructor(private readonly deps: OverviewDeps) {}

  @AdminOnly()
  @Query(() => Overview, { description: 'Admins: what needs doing today (the console\u2019s landing page for admins). `timeZone` (IANA) says when today and this week begin.' })
  overview(@Arg('timeZone', () => String, { defaultValue: 'UTC', nullable: true }) timeZone: string): Overview {
    const zone = (timeZone ?? 'UTC').trim();
    if (!isValidTimeZone(zone)) throw badInput('timeZone', `"${zone}" is not an IANA time zone such as Australia/Melbourne.`);
    return Object.assign(new Overview(), { generatedAt: this.deps.clock.now(), timeZone: zone });
  }

  @FieldResolver(() => [Integration], { description: 'Integrations with an open condition worse than a notice (see Integration.conditions), by name.' })
  unhealthyIntegrations(@Ctx() ctx: GraphQLContext): Promise<Integration[]> {
    return this.deps.query.unhealthyIntegrations(ctx.em);
  }

  @FieldResolver(() => [HealthCondition], { description: 'What is wrong with the whole deployment, most severe first.' })
  async platformConditions(@Ctx() ctx: GraphQLContext): Promise<HealthCondition[]> {
    return (await ctx.em.find(HealthCondition, { integrationId: null, clearedAt: null })).sort(bySeverity);
  }

  @FieldResolver(() => [CustomerAttentionCount], { description: 'Shipments needing a person, per customer (customers with none left out), most first.' })
  async needsAttention(@Root() overview: Overview, @Ctx() ctx: GraphQLContext): Promise<CustomerAttentionCount[]> {
    const counts = await this.deps.needsAttention.byCustomer(ctx.em, { customerIds: null }, overview.generatedAt);
    return counts.map((c) => Object.assign(new CustomerAttentionCount(), c));
  }

  @FieldResolver(() => OrderActivity)
  orders(@Root() overview: Overview, @Ctx() ctx: GraphQLContext): Promise<OrderActivity> {
    return this.deps.query.orderActivity(ctx.em, overview.generatedAt, overview.timeZone).then((counts) => Object.assign(new OrderActivity(), counts));
  }

  @FieldResolver(() => CreateBudget)
  createBudget(@Root() overview: Overview, @Ctx() ctx: GraphQLContext): Promise<CreateBudget> {
    return this.deps.query.createBudget(ctx.em, overview.generatedAt).then((budget) => Object.assign(new CreateBudget(), budget));
  }

  @FieldResolver(() => [UnleashedCallUsage], {
    nullable: true,
    description: 'Unleashed API calls this month per integration against its quota; null while this deployment does not count them.',
  })
  async unleashedCallsThisMonth(@Root() overview: Overview, @Ctx() ctx: GraphQLContext): Promise<UnleashedCallUsage[] | null> {
    return this.deps.unleashedCalls ? this.deps.unleashedCalls.callsThisMonth(ctx.em, overview.generatedAt) : null;
  }
}

@Resolver(() => CustomerAttentionCount)
export class CustomerAttentionCountResolver {
  @FieldResolver(() => Customer)
  async customer(@Root() row: CustomerAttentionCount, @Ctx() ctx: GraphQLContext): Promise<Customer> {
    return (await ctx.loaders.of(customerLoaders).customer.load(row.customerId))!;
  }
}

@Resolver(() => UnleashedCallUsage)
export class UnleashedCallUsageResolver {
  @FieldResolver(() => Integration, { nullable: true })
  integration(@Root() row: UnleashedCallUsage, @Ctx() ctx: GraphQLContext): Promise<Integration | null> {
    return ctx.loaders.of(integrationLoaders).integration.load(row.integrationId);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Calls left this month, when the quota is known.' })
  remaining(@Root() row: UnleashedCallUsage): number | null {
    return row.quota === null ? null : Math.max(0, row.quota - row.callsThisMonth);
  }
}
