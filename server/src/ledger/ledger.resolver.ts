import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Clock } from '../common/clock.js';
import { clampLimit } from '../common/validation.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Integration } from '../integrations/integration.entity.js';
import { integrationLoaders } from '../integrations/integration.loaders.js';
import { DailyActivity } from './daily-activity.type.js';
import { ATTENTION, attentionReason, AWAITING_SHIPMENT_ATTENTION_AFTER_MS } from './attention.js';
import { LedgerShipment } from './ledger-shipment.entity.js';
import { ledgerLoaders } from './ledger.loaders.js';
import { isRetryable } from './shipment-ledger.js';
import { publicState, SyncedShipmentState } from './shipment-state.js';

/** The ledger's fields on Integration (type-graphql merges them with the setup resolver's). */
@Resolver(() => Integration)
export class IntegrationShipmentsResolver {
  constructor(private readonly clock: Clock) {}

  @FieldResolver(() => [LedgerShipment], { description: 'Most recently changed first (limit 1–500); `orderNumber` answers "what happened to order X?".' })
  shipments(
    @Root() integration: Integration,
    @Arg('state', () => SyncedShipmentState, { nullable: true }) state: SyncedShipmentState | null,
    @Arg('limit', () => Int, { defaultValue: 50, nullable: true }) limit: number,
    @Arg('orderNumber', () => String, { nullable: true }) orderNumber: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<LedgerShipment[]> {
    return ctx.loaders.of(ledgerLoaders).shipments(state ?? null, clampLimit(limit, 50), orderNumber?.trim() || null).load(integration.id);
  }

  @FieldResolver(() => [DailyActivity], { description: 'Shipments per UTC day over the last `days` days (1–90), oldest first: the console\u2019s chart.' })
  activity(@Root() integration: Integration, @Arg('days', () => Int, { defaultValue: 14, nullable: true }) days: number, @Ctx() ctx: GraphQLContext): Promise<DailyActivity[]> {
    return ctx.loaders.of(ledgerLoaders).activity(Math.min(Math.max(days ?? 14, 1), 90), this.clock.now()).load(integration.id);
  }
}

/** `SyncedShipment.state` (CLAIMED shows as PENDING), its integration, and what a person must do about it. */
@Resolver(() => LedgerShipment)
export class LedgerShipmentResolver {
  constructor(
    private readonly clock: Clock,
    /** ATTENTION_AWAITING_SHIPMENT_HOURS: an order waiting for its shipment needs a person after this long */
    private readonly awaitingShipmentAfterMs = AWAITING_SHIPMENT_ATTENTION_AFTER_MS,
  ) {}

  @FieldResolver(() => String, { nullable: true, description: 'Why a person must act on this shipment, in plain words; null when nothing is needed of a person.' })
  attentionReason(@Root() shipment: LedgerShipment): string | null {
    return attentionReason(shipment, this.clock.now(), this.awaitingShipmentAfterMs);
  }

  @FieldResolver(() => String, { nullable: true, description: 'What to do about it (null when nothing is needed of a person).' })
  attentionAction(@Root() shipment: LedgerShipment): string | null {
    return shipment.attention && attentionReason(shipment, this.clock.now(), this.awaitingShipmentAfterMs) !== null ? ATTENTION[shipment.attention].action : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The reason in a few words, for lists and filters (e.g. "Rejected by CartonCloud"); null when nothing is needed of a person.' })
  attentionLabel(@Root() shipment: LedgerShipment): string | null {
    return shipment.attention && attentionReason(shipment, this.clock.now(), this.awaitingShipmentAfterMs) !== null ? ATTENTION[shipment.attention].label : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether retryShipment(s) would send it again now: FAILED, REJECTED or SKIPPED for a reason a retry can fix.' })
  retryable(@Root() shipment: LedgerShipment): boolean {
    return isRetryable(shipment);
  }

  @FieldResolver(() => Integration, { description: 'The integration it belongs to.' })
  async integration(@Root() shipment: LedgerShipment, @Ctx() ctx: GraphQLContext): Promise<Integration> {
    const integration = await ctx.loaders.of(integrationLoaders).integration.load(shipment.integration.id);
    if (!integration) throw new Error(`integration ${shipment.integration.id} of shipment ${shipment.id} is missing`);
    return integration;
  }

  @FieldResolver(() => String, { description: 'The Unleashed shipment number; "" while an order sent (or waiting) without a shipment has none in Unleashed yet.' })
  unleashedShipmentNumber(@Root() shipment: LedgerShipment): string {
    return shipment.unleashedShipmentNumber ?? '';
  }

  @FieldResolver(() => SyncedShipmentState, { description: 'PENDING while waiting for (or in) its create, or waiting for Unleashed to have a shipment for the order (attentionReason says so after a day).' })
  state(@Root() shipment: LedgerShipment): SyncedShipmentState {
    return publicState(shipment.state);
  }
}
