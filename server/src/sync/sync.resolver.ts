import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { OrderCreationInput } from '../integrations/integration.inputs.js';
import { LedgerShipment } from '../ledger/ledger-shipment.entity.js';
import { SyncRun } from '../runs/sync-run.entity.js';
import type { OrderPreviewService } from './order-preview.service.js';
import { OrderCreationPreviewRow } from './order-preview.types.js';
import type { SyncService } from './sync.service.js';

/** The order sync's mutations, and the wizard's dry run. */
@Resolver()
export class OrderSyncResolver {
  constructor(
    private readonly sync: SyncService,
    private readonly previews: OrderPreviewService,
  ) {}

  @Authorized()
  @Mutation(() => SyncRun, {
    description:
      'An immediate order poll of an ACTIVE integration: returns its QUEUED run. While one is queued, asking again returns it; after one was asked for, the next may be asked for MANUAL_SYNC_COOLDOWN_SECONDS later (BAD_USER_INPUT on `id` with `extensions.retryAfterSeconds` before).',
  })
  syncNow(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<SyncRun> {
    return this.sync.syncNow(ctx.em, ctx.viewer, id);
  }

  @Authorized()
  @Mutation(() => LedgerShipment, { description: 'Send a FAILED, REJECTED or SKIPPED shipment again (it goes back to PENDING): retryShipments of one.' })
  retryShipment(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<LedgerShipment> {
    return this.sync.retryShipment(ctx.em, ctx.viewer, id);
  }

  @Authorized()
  @Mutation(() => [LedgerShipment], {
    description:
      'Send up to 500 shipments again once their cause is fixed (each goes back to PENDING, at most once in flight); every id is checked first and a refused request changes nothing (NOT_FOUND, FORBIDDEN, or BAD_USER_INPUT on `ids[i]` with the reason). Their integrations are asked to poll now.',
  })
  retryShipments(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: GraphQLContext): Promise<LedgerShipment[]> {
    return this.sync.retryShipments(ctx.em, ctx.viewer, ids);
  }

  @Authorized()
  @Query(() => [OrderCreationPreviewRow], {
    description:
      'Dry run of setup step 3: what would happen to the account\u2019s newest Placed orders (at most 20, newest first; at most 5 Unleashed calls) with these settings, before they are saved — the CartonCloud warehouse, or skipped and why, and product codes CartonCloud does not know. Writes nothing.',
  })
  previewOrderCreation(
    @Arg('integrationId', () => ID) integrationId: string,
    @Arg('input', () => OrderCreationInput) input: OrderCreationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<OrderCreationPreviewRow[]> {
    return this.previews.preview(ctx.em, ctx.viewer, integrationId, input);
  }
}
