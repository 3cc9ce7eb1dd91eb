import type { Viewer } from './viewer.js';
import { forbidden, unauthenticated } from '../common/errors.js';

/**
 * Who may see and change what (CONTRACT §3). Every resolver and subscription goes through these, so the
 * same rules hold for queries, fields, mutations and events.
 */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

export function requireAdmin(viewer: Viewer | null): Viewer {
  const v = requireViewer(viewer);
  if (!v.isAdmin) throw forbidden('Only a 3PL administrator may do this.');
  return v;
}

export function canSeeCustomer(viewer: Viewer | null, customerId: string): boolean {
  if (!viewer) return false;
  return viewer.isAdmin || (viewer.customerId !== null && viewer.customerId === customerId);
}

/** Customers the viewer may see: null means all (admin). */
export function visibleCustomerIds(viewer: Viewer): string[] | null {
  if (viewer.isAdmin) return null;
  return viewer.customerId ? [viewer.customerId] : [];
}

export const ASK_ACCOUNT_OWNER =
  'Your organisation has not been allowed to manage its own integrations. Ask your account owner at the 3PL to turn on self-managed integrations for you.';

/** May this viewer create, configure or delete integrations of this customer? */
export function assertCanManageIntegrations(viewer: Viewer | null, customer: { id: string; selfManagedIntegrationsAllowed: boolean }): Viewer {
  const v = requireViewer(viewer);
  if (v.isAdmin) return v;
  if (v.customerId !== customer.id) throw forbidden('You can only manage the integrations of your own organisation.');
  if (!customer.selfManagedIntegrationsAllowed) throw forbidden(ASK_ACCOUNT_OWNER);
  return v;
}
