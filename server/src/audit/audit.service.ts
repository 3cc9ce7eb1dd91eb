import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import { AuditEvent } from './audit-event.entity.js';

/** Records who changed what. `details` must never hold a secret: callers pass only safe fields. */
export function recordAudit(
  em: EntityManager,
  viewer: Viewer,
  action: string,
  scope: { customerId?: string | null; integrationId?: string | null },
  details: Record<string, unknown> = {},
): AuditEvent {
  const event = em.create(AuditEvent, {
    actorSubject: viewer.subject,
    actorEmail: viewer.email,
    action,
    customerId: scope.customerId ?? null,
    integrationId: scope.integrationId ?? null,
    details,
  });
  em.persist(event);
  return event;
}
