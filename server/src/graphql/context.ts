import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import { admitted, oncePerEvent, type FanOut } from '../common/fan-out.js';
import { RequestLoaders } from '../common/request-loaders.js';

/** What every resolver gets: who is asking, one ORM context for the request, and per-request loaders. */
export interface GraphQLContext {
  viewer: Viewer | null;
  em: EntityManager;
  loaders: RequestLoaders;
  requestId: string;
  /** subscriptions (WebSocket) only: this process's cross-process events, to subscribe to */
  events?: FanOut;
}

/**
 * A subscription's source of events: those of `topic` this subscriber may have (`accept`, asked when the
 * event is published, synchronously: who may see it, which integration or customer was asked for) and that
 * are still there (`exists`, shared by every subscriber of the event).
 */
export function subscribeToEvents<E extends object>(ctx: GraphQLContext, topic: string, accept: (event: E) => boolean, exists: (event: E) => Promise<boolean>): AsyncIterableIterator<E> {
  if (!ctx.events) throw new Error('subscriptions are served over WebSocket only');
  const source = ctx.events.subscribe(topic, (payload) => typeof payload === 'object' && payload !== null && accept(payload as E)) as AsyncIterator<E>;
  return admitted(source, exists);
}

/**
 * A subscription's context lives as long as the subscription, yet each event it delivers must read the
 * rows as they are now: per event, a fresh ORM context and fresh loaders — shared by every subscriber of
 * that event in this process (one fan-out.ts payload object per event). Loaders hold no viewer (access is
 * decided by resolvers and filters), so a thousand subscribers of one event cost one query per field, not
 * a thousand. Called by a subscription's filter and root resolver; the resolver also makes it the
 * context its fields resolve in.
 */
export function eventContext(ctx: GraphQLContext, event: object): Promise<{ em: EntityManager; loaders: RequestLoaders }> {
  return oncePerEvent(event, 'context', async () => {
    const em = ctx.em.fork();
    return { em, loaders: new RequestLoaders(em) };
  });
}

/** The subscription's fields resolve in the event's shared context (see `eventContext`). */
export async function useEventContext(ctx: GraphQLContext, event: object): Promise<void> {
  const shared = await eventContext(ctx, event);
  ctx.em = shared.em;
  ctx.loaders = shared.loaders;
}
