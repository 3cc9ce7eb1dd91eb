import type { MikroORM } from '@mikro-orm/postgresql';
import { Topics, type MissedEvent } from '../common/event-bus.js';

/**
 * The changes made since a moment, as the events that announced them (the event bus replays them to this
 * process's subscribers after its listener reconnects): integrations updated, integrations whose health
 * conditions were raised or cleared, runs started, progressing or finished. Reads only.
 */
export function missedEventsReader(orm: MikroORM): (since: Date) => Promise<MissedEvent[]> {
  return async (since) => {
    const connection = orm.em.fork().getConnection();
    const integrations = await connection.execute<{ id: string; customer_id: string }[]>(
      `select i.id, i.customer_id from integrations i
        where i.updated_at >= ?
           or exists (select 1 from health_conditions h where h.integration_id = i.id and (h.since >= ? or h.cleared_at >= ?))`,
      [since, since, since],
    );
    const runs = await connection.execute<{ id: string; integration_id: string; customer_id: string }[]>(
      `select r.id, r.integration_id, i.customer_id from sync_runs r join integrations i on i.id = r.integration_id
        where r.status in ('QUEUED', 'RUNNING') or r.finished_at >= ?`,
      [since],
    );
    return [
      ...integrations.map((row): MissedEvent => ({ topic: Topics.INTEGRATION_UPDATED, payload: { integrationId: row.id, customerId: row.customer_id } })),
      ...runs.map((row): MissedEvent => ({ topic: Topics.SYNC_RUN_UPDATED, payload: { syncRunId: row.id, integrationId: row.integration_id, customerId: row.customer_id } })),
    ];
  };
}
