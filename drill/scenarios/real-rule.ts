import { acceptedCreates, maxInAnyWindow } from '../../server/test-support/cartoncloud-record.js';
import { slotSpacingMs } from '../../server/src/sync/create-rate-limiter.js';
import type { DrillCluster } from '../support/cluster.js';
import { sleep } from '../support/conveyor-process.js';
import { exactlyOnce, settle, unheldClaims } from '../support/ledger-checks.js';
import { Orders, type DrillIntegration } from '../support/world.js';

export interface RealRulePlan {
  /** shipments of the one big integration, placed at the start */
  backlog: number;
  /** shipments of each other integration, placed `smallAfterS` later */
  smallShipments: number;
  smallAfterS: number;
  /** seconds into the phase at which worker #1 gets SIGTERM (then starts again) */
  sigtermAtS: number;
  settleTimeoutS: number;
}

export interface SigtermResult {
  exitMs: number;
  exitCode: number | null;
  /** CLAIMED rows with no live lease right after it exited (must be 0: every unsent claim handed back) */
  claimsLeftBehind: number;
  /** jobs it still had locked after it exited (must be 0) */
  jobsLeftLocked: number;
  /** order polls it was running when the signal came */
  pollsRunning: number;
  /** seconds from its exit until another worker started the poll it handed on (null: none was running) */
  handedOnPollStartedAfterS: number | null;
}

export interface RealRuleResult {
  shipments: number;
  ratePerMinute: number;
  /** the most creates CartonCloud accepted in any 60 s window (must be ≤ the limit) */
  maxIn60s: number;
  /** 429s CartonCloud answered (must be 0) */
  rateLimited: number;
  achievedPerMinute: number;
  /** creates by each worker (from its /metrics): both must have created */
  createsByWorker: number[];
  /** worst small integration: (last create − arrival in Unleashed) ÷ fair share */
  fairnessWorstRatio: number;
  fairnessWorstDelayS: number;
  settledS: number | null;
  sigterm: SigtermResult;
  exactlyOnce: ReturnType<typeof exactlyOnce>;
}

/**
 * CartonCloud's real rule — 30 sale-order creates per minute per API client — held by two workers together,
 * measured from CartonCloud's own record; fairness from when each order arrived in Unleashed; and a worker
 * stopped with SIGTERM in the middle of the backlog: it stops claiming at once, hands back what it had
 * claimed, exits 0 within the grace period, and the other worker carries on.
 */
export async function realRule(cluster: DrillCluster, integrations: DrillIntegration[], plan: RealRulePlan, log: (line: string) => void): Promise<RealRuleResult> {
  const ratePerMinute = 30;
  const orders = new Orders(cluster);
  if (!cluster.workers[0]!.running) await cluster.workers[0]!.start();
  const createsBefore = await Promise.all(cluster.workers.map(createdCount));
  cluster.cartonCloud.resetStats();
  const [big, ...smalls] = integrations;
  orders.place(big!, plan.backlog);
  const timers: Promise<unknown>[] = [];
  timers.push(sleep(plan.smallAfterS * 1000).then(() => smalls.forEach((s) => orders.place(s, plan.smallShipments))));

  let sigterm: SigtermResult | null = null;
  let firstIncarnationCreates = 0; // worker #1's creates before its SIGTERM (its counters restart with it)
  timers.push(
    sleep(plan.sigtermAtS * 1000).then(async () => {
      const worker = cluster.workers[0]!;
      const name = `:${worker.pid}`;
      firstIncarnationCreates = (await createdCount(worker)) - createsBefore[0]!;
      const running = await cluster.pg.query<{ n: string }>(
        // running, not just locked (a locked job may still be queued in the worker): started since it was locked, not finished since
        `select count(*) as n from agenda_jobs where name = 'orders.poll' and locked_at is not null and last_modified_by like $1
            and last_run_at >= locked_at and (last_finished_at is null or last_finished_at < last_run_at)`,
        [`%${name}`],
      );
      const pollsRunning = Number(running[0]?.n ?? 0);
      const stopped = await worker.terminate();
      const exitAt = Date.now();
      const claimsLeftBehind = await unheldClaims(cluster);
      const locked = await cluster.pg.query<{ n: string }>(`select count(*) as n from agenda_jobs where locked_at is not null and last_modified_by like $1`, [`%${name}`]);
      // back in service at once (a restarted process is another worker: it may carry the poll on too)
      const restarted = worker.start();
      // the poll it was running, queued again for another worker: when did that one start? (at once when the
      // other worker has a free poll slot; at the real rule its 4 slots may all be waiting for create slots,
      // and the handed-on poll then starts when one of them ends)
      let handedOnPollStartedAfterS: number | null = null;
      for (let i = 0; i < 480; i++) {
        const handed = await cluster.pg.query<{ last_run_at: Date | null }>(
          `select last_run_at from agenda_jobs where name = 'orders.poll' and repeat_interval is null and data->>'runId' is null and created_at >= $1 order by created_at limit 1`,
          [new Date(exitAt - stopped.ms - 1000)],
        );
        if (!handed.length) break;
        if (handed[0]!.last_run_at) {
          handedOnPollStartedAfterS = Math.round((new Date(handed[0]!.last_run_at).getTime() - exitAt) / 100) / 10;
          break;
        }
        await sleep(250);
      }
      sigterm = { exitMs: stopped.ms, exitCode: stopped.code, claimsLeftBehind, jobsLeftLocked: Number(locked[0]?.n ?? 0), pollsRunning, handedOnPollStartedAfterS };
      log(
        `  SIGTERM worker #1 (it had created ${firstIncarnationCreates}, was running ${pollsRunning} polls): exit ${stopped.code} after ${stopped.ms} ms, ` +
          `claims left ${claimsLeftBehind}, jobs left locked ${sigterm.jobsLeftLocked}, handed-on poll started after ${handedOnPollStartedAfterS ?? '-'} s`,
      );
      await restarted;
    }),
  );
  await Promise.all(timers);
  const ids = integrations.map((i) => i.id);
  const settledS = await settle(cluster, orders, ids, plan.settleTimeoutS * 1000, log);

  const record = acceptedCreates(cluster.cartonCloud, cluster.tenantId).filter((c) => orders.arrivals.has(`${c.cartonCloudCustomerId} ${c.reference}`));
  const times = record.map((c) => c.at);
  const achievedPerMinute = times.length > 1 ? ((times.length - 1) / (Math.max(...times) - Math.min(...times))) * 60_000 : 0;
  const createsAfter = await Promise.all(cluster.workers.map(createdCount));

  // fairness from arrival in Unleashed: a small integration's s shipments should be done within the poll
  // interval (the order has to be read first) plus s × n slots, n = integrations with work meanwhile
  const slotMs = slotSpacingMs(ratePerMinute);
  const pollMs = 5_000;
  let worstRatio = 0;
  let worstDelayMs = 0;
  const doneAt = new Map<string, number>();
  for (const c of record) doneAt.set(`${c.cartonCloudCustomerId} ${c.reference}`, c.at);
  const spans = integrations.map((integration) => {
    const mine = [...orders.arrivals].filter(([, a]) => a.integration.id === integration.id);
    return {
      integration,
      arrived: Math.min(...mine.map(([, a]) => a.at)),
      done: Math.max(...mine.map(([reference]) => doneAt.get(reference) ?? Number.POSITIVE_INFINITY)),
      n: mine.length,
    };
  });
  for (const span of spans.slice(1)) {
    const busy = spans.filter((o) => o.arrived <= span.done && o.done >= span.arrived).length;
    const delay = span.done - span.arrived;
    worstDelayMs = Math.max(worstDelayMs, delay);
    worstRatio = Math.max(worstRatio, delay / (pollMs + span.n * busy * slotMs));
  }
  return {
    shipments: orders.count,
    ratePerMinute,
    maxIn60s: maxInAnyWindow(times, 60_000),
    rateLimited: cluster.cartonCloud.stats().rateLimited,
    achievedPerMinute: round(achievedPerMinute),
    createsByWorker: [firstIncarnationCreates + createsAfter[0]!, createsAfter[1]! - createsBefore[1]!],
    fairnessWorstRatio: round(worstRatio),
    fairnessWorstDelayS: round(worstDelayMs / 1000),
    settledS,
    sigterm: sigterm ?? { exitMs: -1, exitCode: null, claimsLeftBehind: -1, jobsLeftLocked: -1, pollsRunning: 0, handedOnPollStartedAfterS: null },
    exactlyOnce: exactlyOnce(cluster, orders),
  };
}

/** Sale orders this worker process created or adopted since it started (its own /metrics). */
async function createdCount(worker: { url: string; running: boolean }): Promise<number> {
  if (!worker.running) return 0;
  const text = await fetch(`${worker.url}/metrics`).then((r) => r.text(), () => '');
  let total = 0;
  for (const line of text.split('\n')) {
    const match = /^conveyor_shipments_total\{[^}]*outcome="(created|adopted)"[^}]*\}\s+(\d+(\.\d+)?)/.exec(line);
    if (match) total += Number(match[2]);
  }
  return total;
}

const round = (n: number) => Math.round(n * 100) / 100;
