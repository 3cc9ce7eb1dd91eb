import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { runFirstPollBench } from './first-poll.bench.js';
import { runFulfilmentBench } from './fulfilment.bench.js';
import { runSyncBench } from './sync.bench.js';
import { runWebhooksBench } from './webhooks.bench.js';

/**
 * `npm run bench`: every scenario in SCENARIOS, one after the other; prints a table per scenario and
 * writes bench/results/latest.json ({ startedAt, scenarios: { name: figures } }).
 *
 * To add a scenario: write `bench/<name>.bench.ts` exporting `async () => Record<string, number | string>`
 * and add a line to SCENARIOS. `BENCH_ONLY=sync,fulfilment` runs a subset; DATABASE_URL, when set, is
 * passed to scenarios that accept an existing PostgreSQL (otherwise each starts an embedded one).
 */
export interface Scenario {
  name: string;
  description: string;
  run: () => Promise<Record<string, number | string>>;
}

const databaseUrl = process.env.DATABASE_URL || undefined;

export const SCENARIOS: Scenario[] = [
  {
    name: 'sync',
    description: 'order sync: 1 integration × 1,000 shipments + 20 × 10, 20 ms sandboxes, CartonCloud creates limited to 20/s',
    run: () => runSyncBench({ databaseUrl }),
  },
  {
    name: 'first-poll',
    description: 'first poll of a real account: 50,000 completed orders and 20 Placed ones, 20 ms Unleashed answers',
    run: () => runFirstPollBench({ databaseUrl }),
  },
  {
    name: 'fulfilment',
    description: 'fulfilment write-back: 500 dispatched orders, one pass then an idle pass',
    run: () => runFulfilmentBench({ databaseUrl }),
  },
  {
    name: 'webhooks',
    description: 'Unleashed webhooks: 20 orders at random moments over 150 s (5-minute polls) → p50/p95 to CartonCloud; without webhooks (30 s polls); idle Unleashed calls per day',
    run: () => runWebhooksBench({ databaseUrl }),
  },
];

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  const results: Record<string, Record<string, number | string>> = {};
  const startedAt = new Date().toISOString();
  for (const scenario of SCENARIOS) {
    if (only && !only.includes(scenario.name)) continue;
    process.stdout.write(`\n▶ ${scenario.name}: ${scenario.description}\n`);
    const began = Date.now();
    try {
      results[scenario.name] = await scenario.run();
    } catch (error) {
      results[scenario.name] = { error: error instanceof Error ? error.message : String(error) };
      process.exitCode = 1;
    }
    results[scenario.name]!['scenario time s'] = Math.round((Date.now() - began) / 100) / 10;
    console.table(Object.entries(results[scenario.name]!).map(([figure, value]) => ({ figure, value })));
  }
  const file = path.resolve(__dirname, '..', '..', 'bench', 'results', 'latest.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ startedAt, scenarios: results }, null, 2)}\n`);
  process.stdout.write(`\nwritten ${path.relative(process.cwd(), file)}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
