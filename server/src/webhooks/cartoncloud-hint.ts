import { timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Ctx, FieldResolver, Resolver } from 'type-graphql';
import type { Logger } from '../common/logger.js';
import { pgArray } from '../common/pg-array.js';
import type { SecretBox } from '../common/secret-box.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { JobScheduler } from '../jobs/job-scheduler.js';
import { Overview } from '../overview/overview.types.js';

/**
 * CartonCloud "order status changed" deliveries (issue 13): CartonCloud's staff set its webhooks up on
 * request and they carry no documented signature, so the URL is the secret — one per deployment (the 3PL's
 * tenant), `{PUBLIC_URL}/webhooks/cartoncloud/{token}`, the token derived from the encryption key, shown to
 * admins (`Overview.cartonCloudWebhookUrl`). A delivery is only a hint: its body is never trusted beyond the
 * order ids it names, which pick the integrations whose sale orders they are; each of those runs its
 * write-back (`fulfilment.poll`, which reads CartonCloud itself) now — at most once per 5 s per integration
 * and process. A wrong token gets 404, like any unknown path.
 */
export const CARTONCLOUD_HINT_LABEL = 'cartoncloud webhook url';
export const HINT_DEBOUNCE_MS = 5_000;

export interface CartonCloudHintDeps {
  orm: MikroORM;
  logger: Logger;
  secretBox: SecretBox;
  scheduler: Pick<JobScheduler, 'now'>;
}

export function cartonCloudHintRouter(deps: CartonCloudHintDeps): express.Router {
  const router = express.Router();
  const token = Buffer.from(deps.secretBox.derive(CARTONCLOUD_HINT_LABEL));
  const lastRun = new Map<string, number>();
  router.post('/cartoncloud/:token', express.json({ limit: '256kb', type: () => true }), (req, res, next) => {
    const given = Buffer.from(String(req.params.token ?? ''));
    if (given.length !== token.length || !timingSafeEqual(given, token)) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    hint(deps, lastRun, req, res).catch(next);
  });
  return router;
}

async function hint(deps: CartonCloudHintDeps, lastRun: Map<string, number>, req: Request, res: Response): Promise<void> {
  const ids = orderIdsOf(req.body);
  if (ids.length === 0) {
    res.status(202).json({ accepted: true, integrations: 0 });
    return;
  }
  const em = deps.orm.em.fork() as EntityManager;
  const rows = await em.getConnection().execute<{ integration_id: string }[]>(
    `select distinct s.integration_id from synced_shipments s join integrations i on i.id = s.integration_id
      where s.carton_cloud_order_id = any(?::text[]) and i.status = 'ACTIVE' and i.fulfilment_enabled and i.credentials_rejected_at is null`,
    [pgArray(ids)],
  );
  const now = Date.now();
  for (const { integration_id: integrationId } of rows) {
    if (now - (lastRun.get(integrationId) ?? 0) < HINT_DEBOUNCE_MS) continue;
    lastRun.set(integrationId, now);
    await deps.scheduler.now('fulfilment.poll', { integrationId });
  }
  res.status(202).json({ accepted: true, integrations: rows.length });
}

/** The CartonCloud order ids a delivery names, wherever its (undocumented) shape puts them. */
export function orderIdsOf(body: unknown): string[] {
  const ids = new Set<string>();
  const visit = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || depth > 3) return;
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (/^(id|orderId|outboundOrderId|saleOrderId)$/i.test(key) && typeof inner === 'string' && /^[\w-]{8,64}$/.test(inner)) ids.add(inner);
      else if (typeof inner === 'object') visit(inner, depth + 1);
    }
  };
  visit(body, 0);
  return [...ids].slice(0, 100);
}

/** `Overview.cartonCloudWebhookUrl` (admins only, like the overview): the URL to give CartonCloud's staff. */
@Resolver(() => Overview)
export class CartonCloudHintUrlResolver {
  constructor(
    private readonly secretBox: SecretBox,
    private readonly publicUrl: () => string,
  ) {}

  @FieldResolver(() => String, {
    description: 'Where CartonCloud should send "order status changed" webhooks (ask CartonCloud support to set it up): each delivery makes the integrations of the orders it names write their dispatches back at once. Secret: treat it like a password.',
  })
  cartonCloudWebhookUrl(@Ctx() _ctx: GraphQLContext): string {
    return `${this.publicUrl()}/webhooks/cartoncloud/${this.secretBox.derive(CARTONCLOUD_HINT_LABEL)}`;
  }
}
