import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { DrillCluster } from '../support/cluster.js';
import { ROOT, sleep } from '../support/conveyor-process.js';
import { percentile } from '../support/subscribers.js';
import { Orders, type DrillIntegration } from '../support/world.js';

export interface FanOutPlan {
  subscribers: number;
  /** integrations whose polls produce the events (each gets `ordersPerRun` orders and a syncNow) */
  runs: number;
  ordersPerRun: number;
}

export interface FanOutResult {
  subscribers: number;
  /** deliveries measured (events × the subscribers they were for) */
  deliveries: number;
  /** deliveries missing: an event of a subscriber's customer that never reached it */
  missed: number;
  /** deliveries of another customer's event (must be 0) */
  crossCustomer: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** resident memory of api #1 per idle subscriber (sockets open, nothing happening), KB */
  memoryPerIdleSubscriberKb: number;
  /** CPU api #1 spent while the events were delivered, per delivery, ms (what fan-out costs, whatever the machine's load) */
  apiCpuMsPerDelivery: number;
}

interface RunEvent {
  syncRunUpdated: { id: string; status: string; processed: number; integration: { id: string; customer: { id: string } } };
}

/** One process of the drill's subscribers or its event tap (subscriber-clients.cjs). */
class ClientProcess {
  private readonly child: ChildProcess;
  constructor() {
    this.child = fork(path.join(ROOT, 'drill', 'support', 'subscriber-clients.cjs'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  }
  request<T>(message: unknown): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`a subscriber process exited (code ${code})`));
      this.child.once('exit', onExit);
      this.child.once('message', (answer) => {
        this.child.off('exit', onExit);
        resolve(answer as T);
      });
      this.child.send(message as never);
    });
  }
  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

type Delivery = [subscriber: number, at: number, data: RunEvent | { errors: unknown[] }];
type TapEvent = [at: number, topic: string, payload: Record<string, string>];

/**
 * `plan.subscribers` graphql-ws subscribers on api #1, each its own socket and each filtered to its
 * customer — most as an admin client following one of its customer's integrations (`integrationId`), some
 * as the customer's own API client (filtered by who it is). Worker polls then produce progress events; each
 * delivery is timed from the moment the event was published (a LISTEN on the product's channel, in a
 * process of its own) to its arrival at the subscriber (processes of 250 subscribers each, apart from the
 * drill's busy process, like browsers on other machines).
 */
export async function fanOut(cluster: DrillCluster, integrations: DrillIntegration[], plan: FanOutPlan, log: (line: string) => void): Promise<FanOutResult> {
  const api = cluster.apis[0]!;
  const driving = integrations.slice(0, Math.max(1, plan.runs));
  const query = 'subscription($i: ID) { syncRunUpdated(integrationId: $i) { id status processed integration { id customer { id } } } }';
  const admin = await cluster.token();
  const scoped = { acme: await cluster.token('acme-cli'), globex: await cluster.token('globex-cli') };
  const subscribers = Array.from({ length: plan.subscribers }, (_, i) => {
    const integration = driving[i % driving.length]!;
    // every tenth one is the customer's own API client (Acme's or Globex's integration: indexes 0 and 1)
    const own = i % 10 === 0 && (integration === integrations[0] || integration === integrations[1]);
    const token = own ? (integration === integrations[0] ? scoped.acme : scoped.globex) : admin;
    return { token, variables: own ? {} : { i: integration.id }, customerId: integration.customerId, integrationId: own ? null : integration.id };
  });

  const tap = new ClientProcess();
  const groups: ClientProcess[] = [];
  try {
    await tap.request({ kind: 'tap', databaseUrl: cluster.pg.url });
    const rssBefore = rssKb(api.pid);
    let connected = 0;
    for (let from = 0; from < subscribers.length; from += 250) {
      const group = new ClientProcess();
      groups.push(group);
      const slice = subscribers.slice(from, from + 250).map(({ token, variables }) => ({ token, variables }));
      connected += (await group.request<{ ready: number }>({ kind: 'subscribe', url: api.url, query, subscribers: slice })).ready;
    }
    if (connected !== subscribers.length) throw new Error(`only ${connected} of ${subscribers.length} subscribers connected`);
    await sleep(2_000);
    const rssIdle = rssKb(api.pid);
    log(`  ${plan.subscribers} subscribers connected to api #1 (${Math.round((rssIdle - rssBefore) / 1024)} MB more resident memory)`);

    const cpuBefore = cpuMs(api.pid);
    const orders = new Orders(cluster);
    for (const integration of driving) orders.place(integration, plan.ordersPerRun);
    const runIds = new Set<string>();
    for (const integration of driving) {
      const { syncNow } = await cluster.mutate<{ syncNow: { id: string } }>(1, 'mutation($id: ID!) { syncNow(id: $id) { id } }', { id: integration.id });
      runIds.add(syncNow.id);
    }
    const deadline = Date.now() + 120_000;
    // every run finished (its last event published), then time for the last deliveries
    for (;;) {
      const rows = await cluster.pg.query<{ n: string }>(`select count(*) as n from sync_runs where id = any($1::uuid[]) and status in ('SUCCEEDED', 'PARTIAL', 'FAILED')`, [[...runIds]]);
      if (Number(rows[0]?.n ?? 0) === runIds.size || Date.now() > deadline) break;
      await sleep(250);
    }
    await sleep(3_000);
    const cpuSpent = cpuMs(api.pid) - cpuBefore;

    const { events } = await tap.request<{ events: TapEvent[] }>('report');
    const received: Delivery[][] = [];
    for (const group of groups) received.push((await group.request<{ deliveries: Delivery[] }>('report')).deliveries);
    const measured = measure(subscribers, received, events, runIds, integrations);
    return {
      subscribers: plan.subscribers,
      ...measured,
      memoryPerIdleSubscriberKb: Math.round(((rssIdle - rssBefore) / plan.subscribers) * 10) / 10,
      apiCpuMsPerDelivery: measured.deliveries ? Math.round((cpuSpent / measured.deliveries) * 1000) / 1000 : Number.NaN,
    };
  } finally {
    tap.kill();
    for (const group of groups) group.kill();
  }
}

/** The k-th event of a run, for a subscriber that may see it, is its k-th delivery of that run. */
function measure(
  subscribers: { customerId: string; integrationId: string | null }[],
  received: Delivery[][],
  events: TapEvent[],
  runIds: Set<string>,
  integrations: DrillIntegration[],
): Omit<FanOutResult, 'subscribers' | 'memoryPerIdleSubscriberKb' | 'apiCpuMsPerDelivery'> {
  const published = new Map<string, number[]>();
  const integrationOfRun = new Map<string, string>();
  for (const [at, topic, payload] of events) {
    if (topic !== 'SYNC_RUN_UPDATED' || !runIds.has(payload.syncRunId!)) continue;
    integrationOfRun.set(payload.syncRunId!, payload.integrationId!);
    published.set(payload.syncRunId!, [...(published.get(payload.syncRunId!) ?? []), at]);
  }
  const customerOf = new Map(integrations.map((i) => [i.id, i.customerId]));
  const latencies: number[] = [];
  let missed = 0;
  let crossCustomer = 0;
  let errors = 0;
  const bySubscriber = new Map<number, Delivery[]>();
  received.forEach((group, g) => group.forEach((d) => bySubscriber.set(g * 250 + d[0], [...(bySubscriber.get(g * 250 + d[0]) ?? []), d])));
  subscribers.forEach(({ customerId, integrationId }, index) => {
    const byRun = new Map<string, number[]>();
    for (const [, at, data] of bySubscriber.get(index) ?? []) {
      if (!('syncRunUpdated' in data)) {
        errors++;
        continue;
      }
      const run = data.syncRunUpdated;
      if (run.integration.customer.id !== customerId || (integrationId && run.integration.id !== integrationId)) crossCustomer++;
      if (runIds.has(run.id)) byRun.set(run.id, [...(byRun.get(run.id) ?? []), at]);
    }
    for (const [runId, times] of published) {
      const runIntegration = integrationOfRun.get(runId)!;
      const forMe = integrationId ? runIntegration === integrationId : customerOf.get(runIntegration) === customerId;
      if (!forMe) continue;
      const got = byRun.get(runId) ?? [];
      missed += Math.max(0, times.length - got.length);
      times.forEach((t, k) => got[k] !== undefined && latencies.push(got[k]! - t));
    }
  });
  return {
    deliveries: latencies.length,
    missed: missed + errors,
    crossCustomer,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.length ? Math.max(...latencies) : Number.NaN,
  };
}

/** Current resident memory of a process (VmRSS), KB. */
function rssKb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) a process has used so far, ms (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}
