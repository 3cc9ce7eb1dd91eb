import type { EntityManager } from '@mikro-orm/postgresql';
import { BatchLoader } from '../common/batch-loader.js';
import { pgArray } from '../common/pg-array.js';
import { groupBy, perArguments } from '../common/request-loaders.js';
import { SyncRun } from './sync-run.entity.js';

/** Per-request loaders of runs (`ctx.loaders.of(syncRunLoaders)`). */
export function syncRunLoaders(em: EntityManager) {
  return {
    /** The newest `limit` runs of each integration asked for: one query for all of them. */
    syncRuns: perArguments(
      (limit: number) =>
        new BatchLoader<string, SyncRun[]>(async (integrationIds) => {
          const ids = await em.getConnection().execute<{ id: string }[]>(
            `select id from (select id, row_number() over (partition by integration_id order by created_at desc, id) as n
               from sync_runs where integration_id = any(?::uuid[])) r where n <= ?`,
            [pgArray(integrationIds), limit],
          );
          const rows = ids.length ? await em.find(SyncRun, { id: { $in: ids.map((r) => r.id) } }, { orderBy: { createdAt: 'desc', id: 'asc' } }) : [];
          return groupBy(rows, (r) => r.integration.id);
        }, () => []),
    ),
  };
}
