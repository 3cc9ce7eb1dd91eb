import type { EntityManager } from '@mikro-orm/postgresql';
import { canSeeCustomer, requireViewer } from '../auth/access-policy.js';
import type { Viewer } from '../auth/viewer.js';
import { SyncRun } from './sync-run.entity.js';

/** One run, if the viewer may see its integration (`Query.syncRun`). */
export async function visibleSyncRun(em: EntityManager, viewer: Viewer | null, id: string): Promise<SyncRun | null> {
  requireViewer(viewer);
  const run = await em.findOne(SyncRun, id, { populate: ['integration'] });
  return run && canSeeCustomer(viewer, run.integration.getEntity().customer.id) ? run : null;
}
