import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { LedgerShipment } from '../ledger/ledger-shipment.entity.js';
import { SyncRun } from '../runs/sync-run.entity.js';
import type { SyncService } from './sync.service.js';

/** The order sync's mutations. */
@Resolver()
export class OrderSyncResolver {
  constructor(private readonly sync: SyncService) {}

  @Authorized()
  @Mutation(() => SyncRun, { description: 'An immediate order poll of an ACTIVE integration: returns its QUEUED run.' })
  syncNow(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<SyncRun> {
    return this.sync.syncNow(ctx.em, ctx.viewer, id);
  }

  @Authorized()
  @Mutation(() => LedgerShipment, { description: 'Send a FAILED, REJECTED or SKIPPED shipment again (it goes back to PENDING).' })
  retryShipment(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<LedgerShipment> {
    return this.sync.retryShipment(ctx.em, ctx.viewer, id);
  }
}
