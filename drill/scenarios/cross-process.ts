import type { DrillCluster } from '../support/cluster.js';
import { sleep } from '../support/conveyor-process.js';
import { subscribe } from '../support/subscribers.js';
import { createIntegrations, type DrillIntegration, type Orders } from '../support/world.js';

export interface CrossProcessResult {
  /** integrationUpdated events received on api #1 for changes made through api #2 */
  integrationEventsFromApi2: number;
  /** syncRunUpdated events received on api #1 (customer-scoped token) for a run worker #2 executed */
  runProgressEvents: number;
  /** the run's last status as api #1's subscriber saw it */
  runFinalStatus: string | null;
  /** the worker that ran the poll, from the job table */
  runExecutedBy: string | null;
  expectedExecutor: string;
  /** the integrations created on the way (used by the next phases) */
  integrations: DrillIntegration[];
}

interface RunEvent {
  syncRunUpdated: { id: string; status: string; processed: number; created: number };
}
interface IntegrationEvent {
  integrationUpdated: { id: string; status: string };
}

/**
 * Events cross processes (CONTRACT §2 ROLE): with only worker #2 running, subscriptions on api #1 receive
 * the setup changes made through api #2 and the progress of a poll that worker #2 executes (asked for
 * with syncNow through api #2).
 */
export async function crossProcess(cluster: DrillCluster, orders: Orders, integrationCount: number): Promise<CrossProcessResult> {
  const api1 = cluster.apis[0]!;
  const changes = subscribe<IntegrationEvent>(api1.url, await cluster.token(), 'subscription { integrationUpdated { id status } }');
  await changes.ready;
  await sleep(200);
  const integrations = await createIntegrations(cluster, integrationCount, 'Drill');
  const viaApi2 = new Set(integrations.filter((_, i) => i % 2 === 1).map((i) => i.id));

  // worker #2 alone runs the poll of the Acme integration; api #1 streams it to Acme's own API client
  const acme = integrations[0]!;
  const runs = subscribe<RunEvent>(api1.url, await cluster.token('acme-cli'), 'subscription { syncRunUpdated { id status processed created } }');
  await runs.ready;
  await sleep(500); // let the first polls that finishIntegration queued run out
  orders.place(acme, 3);
  const { syncNow } = await cluster.mutate<{ syncNow: { id: string } }>(1, 'mutation($id: ID!) { syncNow(id: $id) { id } }', { id: acme.id });
  const deadline = Date.now() + 60_000;
  const mine = () => runs.deliveries.filter((d) => d.data.syncRunUpdated.id === syncNow.id);
  while (Date.now() < deadline && !['SUCCEEDED', 'PARTIAL', 'FAILED'].includes(mine().at(-1)?.data.syncRunUpdated.status ?? '')) await sleep(100);
  await sleep(300);
  const jobs = await cluster.pg.query<{ last_modified_by: string | null }>(
    `select last_modified_by from agenda_jobs where name = 'orders.poll' and data->>'runId' = $1`,
    [syncNow.id],
  );
  const integrationEventsFromApi2 = changes.deliveries.filter((d) => viaApi2.has(d.data.integrationUpdated.id)).length;
  await Promise.all([changes.close(), runs.close()]);
  return {
    integrationEventsFromApi2,
    runProgressEvents: mine().length,
    runFinalStatus: mine().at(-1)?.data.syncRunUpdated.status ?? null,
    runExecutedBy: jobs[0]?.last_modified_by ?? null,
    expectedExecutor: `:${cluster.workers[1]!.pid}`,
    integrations,
  };
}
