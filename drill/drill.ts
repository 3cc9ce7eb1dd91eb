import os from 'node:os';
import { chaos, seededRandom, type ChaosPlan, type ChaosResult } from './scenarios/chaos.js';
import { crossProcess, type CrossProcessResult } from './scenarios/cross-process.js';
import { fanOut, type FanOutPlan, type FanOutResult } from './scenarios/fan-out.js';
import { realRule, type RealRulePlan, type RealRuleResult } from './scenarios/real-rule.js';
import { DrillCluster } from './support/cluster.js';
import { createIntegrations, Orders } from './support/world.js';

/**
 * The multi-process drills (README "Many processes"), in two sizes: `short` runs inside `npm test` (the
 * jest project `drill`, under three minutes here), `full` is `npm run drill`. Both start one PostgreSQL,
 * two API and two worker processes of the built product and the sandboxes, then, in order:
 *  1. events cross processes (only worker #2 running);
 *  2. CartonCloud's real rule (30 creates/minute per API client) held by both workers, fairness from
 *     arrival in Unleashed, and a SIGTERM in the middle of the backlog;
 *  3. kill drill and 4. outage drill at a raised create limit that CartonCloud and the product agree on
 *     (the short form does both in one window);
 *  5. fan-out: graphql-ws subscribers on api #1 timed from publish to delivery.
 */
export interface DrillPlan {
  name: 'short' | 'full';
  /** integrations of phases 1–2 (the first is Acme's, the second Globex's) */
  integrations: number;
  realRule: RealRulePlan;
  /** the raised limit of phases 3–5, per minute (sandbox and product alike) */
  raisedRatePerMinute: number;
  /** more integrations for phases 3–4 */
  extraIntegrations: number;
  chaos: ChaosPlan[];
  fanOut: FanOutPlan;
}

export const SHORT: DrillPlan = {
  name: 'short',
  integrations: 6,
  realRule: { backlog: 22, smallShipments: 2, smallAfterS: 8, sigtermAtS: 18, settleTimeoutS: 150 },
  raisedRatePerMinute: 600,
  extraIntegrations: 0,
  chaos: [
    {
      label: 'kills, terminations and outages together',
      shipments: 120,
      kills: 3,
      terminations: 1,
      pgRestarts: 1,
      pgDownMs: 1_500,
      cartonCloudOutageS: 8,
      outageStartS: 2,
      unleashed429Bursts: 2,
      windowS: 12,
      settleTimeoutS: 150,
    },
  ],
  fanOut: { subscribers: 100, runs: 2, ordersPerRun: 2 },
};

const outageS = Number(process.env.DRILL_OUTAGE_S ?? 600);
export const FULL: DrillPlan = {
  name: 'full',
  integrations: 6,
  realRule: { backlog: 60, smallShipments: 4, smallAfterS: 20, sigtermAtS: 45, settleTimeoutS: 400 },
  raisedRatePerMinute: 600,
  extraIntegrations: 14,
  chaos: [
    {
      label: 'kill drill',
      shipments: 1000,
      kills: 20,
      terminations: 2,
      pgRestarts: 0,
      pgDownMs: 0,
      cartonCloudOutageS: 0,
      outageStartS: 0,
      unleashed429Bursts: 0,
      windowS: 100,
      settleTimeoutS: 600,
    },
    {
      label: 'outage drill',
      shipments: 300,
      kills: 0,
      terminations: 0,
      pgRestarts: 1,
      pgDownMs: 5_000,
      cartonCloudOutageS: outageS,
      outageStartS: 5,
      unleashed429Bursts: 6,
      windowS: outageS + 10,
      settleTimeoutS: 2_400,
    },
  ],
  fanOut: { subscribers: 1000, runs: 4, ordersPerRun: 10 },
};

export interface DrillReport {
  plan: DrillPlan['name'];
  seed: number;
  startedAt: string;
  machine: string;
  elapsedS: number;
  crossProcess: Omit<CrossProcessResult, 'integrations'>;
  realRule: RealRuleResult;
  chaos: ChaosResult[];
  fanOut: FanOutResult;
  workerPeakRssMb: number;
  /** crashes and defect lines in the product's logs (must be none) */
  defects: string[];
  /** exit codes of the final SIGTERM of every process (must all be 0) */
  finalExitCodes: (number | null)[];
}

export function machineDescription(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;
}

export async function runDrill(plan: DrillPlan, log: (line: string) => void, seed = Number(process.env.DRILL_SEED ?? Date.now() % 1_000_000)): Promise<DrillReport> {
  const started = Date.now();
  const random = seededRandom(seed);
  log(`drill (${plan.name}), seed ${seed}, ${machineDescription()}`);
  const cluster = await DrillCluster.start({ createRatePerMinute: 30, pollInterval: '5 seconds', latencyMs: 20, workers: [1], log });
  let keepLogs = true;
  try {
    log('1. events across processes');
    const orders = new Orders(cluster);
    const cross = await crossProcess(cluster, orders, plan.integrations);
    const { integrations, ...crossFigures } = cross;

    log('2. the real rule (30/minute), fairness from arrival, SIGTERM mid-backlog');
    const fan = async () => {
      log(`fan-out: ${plan.fanOut.subscribers} subscribers on api #1`);
      return fanOut(cluster, integrations, plan.fanOut, log);
    };
    // the short form measures fan-out on the real-rule phase's events (same processes, less time)
    const [rule, early] = await Promise.all([realRule(cluster, integrations, plan.realRule, log), plan.name === 'short' ? fan() : Promise.resolve(null)]);

    log(`3. raised limit ${plan.raisedRatePerMinute}/minute (workers restarted with it)`);
    await cluster.setCreateRate(plan.raisedRatePerMinute);
    const all = [...integrations, ...(plan.extraIntegrations ? await createIntegrations(cluster, plan.extraIntegrations, 'Kill', { demoCustomers: false }) : [])];
    const chaosResults: ChaosResult[] = [];
    for (const chaosPlan of plan.chaos) {
      log(`${chaosPlan.label}`);
      chaosResults.push(await chaos(cluster, all, chaosPlan, random, log));
    }
    const fanResult = early ?? (await fan());

    const workerPeakRssMb = cluster.workerPeakRssMb;
    const finalExitCodes: (number | null)[] = [];
    for (const p of cluster.processes) {
      if (p.running) finalExitCodes.push((await p.terminate()).code);
    }
    const defects = cluster.defects();
    keepLogs = defects.length > 0;
    if (keepLogs) log(`logs kept in ${cluster.dir}`);
    return {
      plan: plan.name,
      seed,
      startedAt: new Date(started).toISOString(),
      machine: machineDescription(),
      elapsedS: Math.round((Date.now() - started) / 1000),
      crossProcess: crossFigures,
      realRule: rule,
      chaos: chaosResults,
      fanOut: fanResult,
      workerPeakRssMb,
      defects,
      finalExitCodes,
    };
  } finally {
    await cluster.close(keepLogs);
  }
}

/** What the drill proves: anything listed here is a defect (the short drill fails on it, `npm run drill` exits 1). */
export function violations(report: DrillReport, graceMs = 20_000): string[] {
  const v: string[] = [];
  const check = (ok: boolean, what: string) => void (ok || v.push(what));
  const c = report.crossProcess;
  check(c.integrationEventsFromApi2 > 0, `api #1 received no integrationUpdated event for changes made through api #2`);
  check(c.runProgressEvents >= 2 && c.runFinalStatus === 'SUCCEEDED', `api #1 saw ${c.runProgressEvents} progress events of worker #2's run, last ${c.runFinalStatus}`);
  check(!!c.runExecutedBy?.endsWith(c.expectedExecutor), `the run was executed by ${c.runExecutedBy}, not worker #2 (${c.expectedExecutor})`);
  const r = report.realRule;
  check(r.maxIn60s <= r.ratePerMinute, `${r.maxIn60s} creates in one 60 s window (limit ${r.ratePerMinute})`);
  check(r.rateLimited === 0, `${r.rateLimited} creates refused with 429 at the real rule`);
  check(r.createsByWorker.every((n) => n > 0), `not both workers created (${r.createsByWorker.join(', ')})`);
  check(r.settledS !== null, 'the real-rule backlog did not finish in time');
  check(r.exactlyOnce.maxCreatesPerReference <= 1 && r.exactlyOnce.lost === 0, `real rule: ${JSON.stringify(r.exactlyOnce)}`);
  check(r.sigterm.exitCode === 0 && r.sigterm.exitMs < graceMs, `SIGTERM: exit ${r.sigterm.exitCode} after ${r.sigterm.exitMs} ms`);
  check(r.sigterm.claimsLeftBehind === 0, `SIGTERM left ${r.sigterm.claimsLeftBehind} claims behind`);
  check(r.sigterm.jobsLeftLocked === 0, `SIGTERM left ${r.sigterm.jobsLeftLocked} jobs locked`);
  check(r.sigterm.pollsRunning === 0 || r.sigterm.handedOnPollStartedAfterS !== null, `the ${r.sigterm.pollsRunning} polls cut short by SIGTERM were not carried on by another worker`);
  for (const k of report.chaos) {
    check(k.maxCreatesPerReference === 1 && k.lost === 0, `${k.label}: creates per reference max ${k.maxCreatesPerReference}, ${k.duplicated} duplicated, ${k.lost} lost`);
    check(k.settledS !== null, `${k.label}: not everything synced within the time allowed`);
    check(k.failed.length === 0, `${k.label}: ${k.failed.length} shipments FAILED or REJECTED: ${k.failed.slice(0, 3).join(' / ')}`);
    check(k.pgRestarts === 0 || k.readyzRecoveredS !== null, `${k.label}: /readyz did not recover after the PostgreSQL restart`);
    check(k.subscriptionRecovered, `${k.label}: the subscription opened before the faults stopped delivering`);
  }
  const f = report.fanOut;
  check(f.crossCustomer === 0, `${f.crossCustomer} deliveries of another customer's event`);
  check(f.missed === 0, `${f.missed} deliveries missing`);
  check(report.defects.length === 0, `defects: ${report.defects.join(' | ')}`);
  check(report.finalExitCodes.every((code) => code === 0), `final SIGTERM exit codes ${report.finalExitCodes.join(', ')}`);
  return v;
}

/** The figures with targets, PASS/MISS (performance: reported, as benchmarks are, never a timed test). */
export function figures(report: DrillReport): { figure: string; value: string | number; target: string; verdict: string }[] {
  const rows: { figure: string; value: string | number; target: string; verdict: string }[] = [];
  const add = (figure: string, value: number | string, target = '', pass?: boolean) =>
    rows.push({ figure, value, target, verdict: pass === undefined ? '' : pass ? 'PASS' : 'MISS' });
  const shipments = report.realRule.shipments + report.chaos.reduce((n, k) => n + k.shipments, 0);
  const maxCreates = Math.max(report.realRule.exactlyOnce.maxCreatesPerReference, ...report.chaos.map((k) => k.maxCreatesPerReference));
  const lost = report.realRule.exactlyOnce.lost + report.chaos.reduce((n, k) => n + k.lost, 0);
  add('shipments', shipments);
  add('creates per reference (max)', maxCreates, '= 1', maxCreates === 1);
  add('lost', lost, '= 0', lost === 0);
  add('kills (SIGKILL of a worker)', report.chaos.reduce((n, k) => n + k.kills, 0));
  add('PostgreSQL backends terminated (times)', report.chaos.reduce((n, k) => n + k.terminations, 0));
  add('PostgreSQL restarts', report.chaos.reduce((n, k) => n + k.pgRestarts, 0));
  add('CartonCloud outage s', Math.max(0, ...report.chaos.map((k) => k.cartonCloudOutageS)));
  add('FAILED for good', report.chaos.reduce((n, k) => n + k.failed.length, 0), '= 0', report.chaos.every((k) => k.failed.length === 0));
  add('creates in any 60 s (real rule)', report.realRule.maxIn60s, `≤ ${report.realRule.ratePerMinute}`, report.realRule.maxIn60s <= report.realRule.ratePerMinute);
  add('429s at the real rule', report.realRule.rateLimited, '= 0', report.realRule.rateLimited === 0);
  add('achieved creates/minute (real rule)', report.realRule.achievedPerMinute, `≥ ${0.9 * report.realRule.ratePerMinute}`, report.realRule.achievedPerMinute >= 0.9 * report.realRule.ratePerMinute);
  add('fairness from arrival: worst ÷ fair share', report.realRule.fairnessWorstRatio, '≤ 5', report.realRule.fairnessWorstRatio <= 5);
  add('SIGTERM: exit ms', report.realRule.sigterm.exitMs, '< 20000', report.realRule.sigterm.exitMs >= 0 && report.realRule.sigterm.exitMs < 20_000);
  add('SIGTERM: handed-on poll started after s', report.realRule.sigterm.handedOnPollStartedAfterS ?? '-');
  const readyz = report.chaos.map((k) => k.readyzRecoveredS).filter((s): s is number => s !== null);
  add('/readyz back after a PostgreSQL restart, s', readyz.length ? Math.max(...readyz) : '-');
  add(`fan-out p99 ms (${report.fanOut.subscribers} subscribers)`, report.fanOut.p99Ms, '≤ 250', report.fanOut.p99Ms <= 250);
  add('fan-out: another customer\'s events', report.fanOut.crossCustomer, '= 0', report.fanOut.crossCustomer === 0);
  add('fan-out p50 ms', report.fanOut.p50Ms);
  add('fan-out: api CPU ms per delivery', report.fanOut.apiCpuMsPerDelivery);
  add('memory per idle subscriber KB', report.fanOut.memoryPerIdleSubscriberKb);
  add('worker peak RSS MB', report.workerPeakRssMb, '< 250', report.workerPeakRssMb < 250);
  return rows;
}
