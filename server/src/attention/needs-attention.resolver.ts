import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { requireViewer } from '../auth/access-policy.js';
import type { Viewer } from '../auth/viewer.js';
import type { Clock } from '../common/clock.js';
import { clampLimit } from '../common/validation.js';
import type { GraphQLContext } from '../graphql/context.js';
import { ATTENTION, AttentionCode } from '../ledger/attention.js';
import { LedgerShipment } from '../ledger/ledger-shipment.entity.js';
import type { AttentionScope, NeedsAttention } from './needs-attention.query.js';
import { AttentionReasonCount } from './needs-attention.types.js';

/**
 * What the viewer may see of the inbox: admins every customer (or the one asked for), customer users their
 * own. A customer or integration the viewer may not see gives an empty answer, exactly as one that does
 * not exist (nothing about it is revealed); null means "nothing to read".
 */
export function attentionScope(viewer: Viewer | null, customerId: string | null, integrationId: string | null, reason: AttentionCode | null): AttentionScope | null {
  const v = requireViewer(viewer);
  if (v.isAdmin) return { customerIds: customerId ? [customerId] : null, integrationId, reason };
  if (!v.customerId || (customerId && customerId !== v.customerId)) return null;
  return { customerIds: [v.customerId], integrationId, reason };
}

/** The needs-attention inbox (CONTRACT §6 `needsAttention`), its badge count and its reason filter. */
@Resolver()
export class NeedsAttentionResolver {
  constructor(
    private readonly reader: NeedsAttention,
    private readonly clock: Clock,
  ) {}

  @Authorized()
  @Query(() => [LedgerShipment], {
    description:
      'Every shipment a person must act on (attentionReason, attentionAction, attentionSince say why, what to do and since when), longest waiting first; limit 1–500. Admins see every customer, customer users their own; filter by customer, integration and reason.',
  })
  needsAttention(
    @Arg('customerId', () => ID, { nullable: true }) customerId: string | null,
    @Arg('integrationId', () => ID, { nullable: true }) integrationId: string | null,
    @Arg('reason', () => AttentionCode, { nullable: true }) reason: AttentionCode | null,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 100 }) limit: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<LedgerShipment[]> {
    const scope = attentionScope(ctx.viewer, customerId, integrationId, reason);
    return scope ? this.reader.list(ctx.em, scope, this.clock.now(), clampLimit(limit, 100)) : Promise.resolve([]);
  }

  @Authorized()
  @Query(() => Int, { description: 'How many shipments needsAttention would list without a limit (the navigation badge).' })
  needsAttentionCount(
    @Arg('customerId', () => ID, { nullable: true }) customerId: string | null,
    @Arg('integrationId', () => ID, { nullable: true }) integrationId: string | null,
    @Arg('reason', () => AttentionCode, { nullable: true }) reason: AttentionCode | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<number> {
    const scope = attentionScope(ctx.viewer, customerId, integrationId, reason);
    return scope ? this.reader.count(ctx.em, scope, this.clock.now()) : Promise.resolve(0);
  }

  @Authorized()
  @Query(() => [AttentionReasonCount], { description: 'How many shipments need a person for each reason (reasons with none left out), most first, with the reason\u2019s words.' })
  async needsAttentionByReason(
    @Arg('customerId', () => ID, { nullable: true }) customerId: string | null,
    @Arg('integrationId', () => ID, { nullable: true }) integrationId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AttentionReasonCount[]> {
    const scope = attentionScope(ctx.viewer, customerId, integrationId, null);
    if (!scope) return [];
    const counts = await this.reader.byReason(ctx.em, scope, this.clock.now());
    return counts.map(({ code, count }) =>
      Object.assign(new AttentionReasonCount(), { code, count, label: ATTENTION[code].label, action: ATTENTION[code].action, retryable: ATTENTION[code].retryable }),
    );
  }
}
