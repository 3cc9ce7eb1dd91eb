import type { DrillCluster } from '../support/cluster.js';
import { sleep } from '../support/conveyor-process.js';
import { exactlyOnce, failedRows, ledgerStates, settle, type ExactlyOnce } from '../support/ledger-checks.js';
import { subscribe } from '../support/subscribers.js';
import { Orders, type DrillIntegration } from '../support/world.js';

/** What goes wrong while the shipments sync, at random moments (seeded) of `windowS`. */
export interface ChaosPlan {
  label: string;
  shipments: number;
  /** SIGKILL a random worker (and start it again) this many times */
  kills: number;
  /** `pg_terminate_backend` of every connection to the product's database this many times */
  terminations: number;
  /** PostgreSQL stopped and started again under load this many times (down `pgDownMs` each) */
  pgRestarts: number;
  pgDownMs: number;
  /** CartonCloud answering 5xx and never answering (timeouts) for this long, from `outageStartS` */
  cartonCloudOutageS: number;
  outageStartS: number;
  /** bursts of Unleashed 429s (each: the next 25 requests) */
  unleashed429Bursts: number;
  windowS: number;
  settleTimeoutS: number;
}

export interface ChaosResult extends ExactlyOnce {
  label: string;
  kills: number;
  terminations: number;
  terminatedConnections: number;
  pgRestarts: number;
  cartonCloudOutageS: number;
  unleashed429Bursts: number;
  /** seconds until everything was created and the ledger had nothing open (null: not within the timeout) */
  settledS: number | null;
  ledger: Record<string, number>;
  /** FAILED or REJECTED rows, with why (must be none: every fault here is temporary) */
  failed: string[];
  /** after each PostgreSQL restart: seconds until every process answered /readyz 200 by itself (the worst) */
  readyzRecoveredS: number | null;
  /** a subscription opened on api #1 before the faults received a change made through api #2 after them */
  subscriptionRecovered: boolean;
  subscriptionRecoveryS: number | null;
}

interface Fault {
  atMs: number;
  kind: 'kill' | 'terminate' | 'pg-restart' | 'outage-start' | 'outage-end' | 'unleashed-429';
}

/** A small seeded PRNG (mulberry32): a drill's random moments can be replayed with DRILL_SEED. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function schedule(plan: ChaosPlan, random: () => number): Fault[] {
  const window = plan.windowS * 1000;
  const at = (from = 0.05, to = 1) => Math.round(window * (from + random() * (to - from)));
  const faults: Fault[] = [];
  for (let i = 0; i < plan.kills; i++) faults.push({ atMs: at(), kind: 'kill' });
  for (let i = 0; i < plan.terminations; i++) faults.push({ atMs: at(), kind: 'terminate' });
  for (let i = 0; i < plan.pgRestarts; i++) faults.push({ atMs: at(0.3, 0.9), kind: 'pg-restart' });
  for (let i = 0; i < plan.unleashed429Bursts; i++) faults.push({ atMs: at(), kind: 'unleashed-429' });
  if (plan.cartonCloudOutageS > 0) {
    faults.push({ atMs: plan.outageStartS * 1000, kind: 'outage-start' });
    faults.push({ atMs: (plan.outageStartS + plan.cartonCloudOutageS) * 1000, kind: 'outage-end' });
  }
  return faults.sort((a, b) => a.atMs - b.atMs);
}

/**
 * Kill and outage drills: `plan.shipments` spread over the integrations, then faults at random moments
 * while they sync. Result: every shipment created exactly once — counted from CartonCloud's record of
 * creates per reference — none lost, none FAILED, and the processes, /readyz and subscriptions back by
 * themselves.
 */
export async function chaos(cluster: DrillCluster, integrations: DrillIntegration[], plan: ChaosPlan, random: () => number, log: (line: string) => void): Promise<ChaosResult> {
  const orders = new Orders(cluster);
  const per = Math.floor(plan.shipments / integrations.length);
  integrations.forEach((integration, i) => orders.place(integration, per + (i < plan.shipments - per * integrations.length ? 1 : 0)));
  const faults = schedule(plan, random);
  log(`  ${plan.label}: ${orders.count} shipments over ${integrations.length} integrations; faults at ${faults.map((f) => `${(f.atMs / 1000).toFixed(1)}s ${f.kind}`).join(', ')}`);

  const watcher = subscribe<{ integrationUpdated: { id: string } }>(cluster.apis[0]!.url, await cluster.token(), 'subscription { integrationUpdated { id } }');
  await watcher.ready;
  const baseLatency = { latencyMs: cluster.cartonCloud.setFaults({}).latencyMs };
  const started = Date.now();
  let kills = 0;
  let terminations = 0;
  let terminatedConnections = 0;
  let pgRestarts = 0;
  let bursts = 0;
  let readyzWorstMs: number | null = null;
  for (const fault of faults) {
    const wait = started + fault.atMs - Date.now();
    if (wait > 0) await sleep(wait);
    if (fault.kind === 'kill') {
      const running = cluster.workers.filter((w) => w.running);
      const victim = running[Math.floor(random() * running.length)];
      if (!victim) continue;
      await victim.kill();
      kills++;
      await victim.start();
    } else if (fault.kind === 'terminate') {
      terminatedConnections += await cluster.pg.terminateBackends();
      terminations++;
    } else if (fault.kind === 'pg-restart') {
      await cluster.pg.restart(plan.pgDownMs);
      pgRestarts++;
      const ms = await cluster.allReady(120_000);
      readyzWorstMs = Math.max(readyzWorstMs ?? 0, ms);
    } else if (fault.kind === 'unleashed-429') {
      cluster.unleashed.setFaults({ rateLimitBurst: 25 });
      bursts++;
    } else if (fault.kind === 'outage-start') {
      cluster.cartonCloud.setFaults({ errorRate: 1, timeoutRate: 0.3 });
    } else {
      cluster.cartonCloud.setFaults({ ...baseLatency, errorRate: 0, timeoutRate: 0 });
    }
  }
  cluster.cartonCloud.setFaults({ ...baseLatency, errorRate: 0, timeoutRate: 0 });

  // the subscription opened before the faults still delivers: a change through api #2 reaches api #1. A
  // NOTIFY sent while api #1's listener is reconnecting (a termination just before) is not buffered by
  // PostgreSQL, so the change is repeated every 3 s until one arrives (recovery is what is proven)
  const before = watcher.deliveries.length;
  const target = integrations[0]!;
  const changedAt = Date.now();
  const delivered = () => watcher.deliveries.slice(before).some((d) => d.data.integrationUpdated.id === target.id);
  for (let change = 0; Date.now() - changedAt < 30_000 && !delivered(); change++) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const mutation = `mutation($id: ID!) { configureFulfilment(id: $id, input: { enabled: ${change % 2 === 1} }) { id } }`;
      const answer = await cluster.gql(1, mutation, { id: target.id }).catch((error: unknown) => ({ errors: [{ message: String(error) }] }));
      if (!answer.errors?.length) break;
      await sleep(500);
    }
    const changed = Date.now();
    while (Date.now() - changed < 3_000 && !delivered()) await sleep(100);
  }
  const received = watcher.deliveries.slice(before).find((d) => d.data.integrationUpdated.id === target.id);
  await watcher.close();

  const ids = integrations.map((i) => i.id);
  const settledS = await settle(cluster, orders, ids, plan.settleTimeoutS * 1000, log);
  await sleep(1_000); // a late duplicate would show now
  return {
    label: plan.label,
    ...exactlyOnce(cluster, orders),
    kills,
    terminations,
    terminatedConnections,
    pgRestarts,
    cartonCloudOutageS: plan.cartonCloudOutageS,
    unleashed429Bursts: bursts,
    settledS,
    ledger: await ledgerStates(cluster, ids),
    failed: await failedRows(cluster, ids),
    readyzRecoveredS: readyzWorstMs === null ? null : Math.round(readyzWorstMs / 100) / 10,
    subscriptionRecovered: !!received,
    subscriptionRecoveryS: received ? Math.round((received.at - changedAt) / 100) / 10 : null,
  };
}
