import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './support/conveyor-process.js';
import { figures, FULL, runDrill, SHORT, violations } from './drill.js';

/**
 * `npm run drill`: the full multi-process drills (README "Many processes"); `npm run drill -- --short` runs
 * the short form that `npm test` runs. Prints the figures beside their targets, writes
 * drill/results/latest.json, and exits 1 when the drill found a defect.
 */
async function main(): Promise<void> {
  const plan = process.argv.includes('--short') ? SHORT : FULL;
  const log = (line: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  const report = await runDrill(plan, log);
  process.stdout.write(`\nDrill (${report.plan}) finished in ${report.elapsedS} s on ${report.machine}; seed ${report.seed} (DRILL_SEED to replay)\n`);
  console.table(figures(report));
  for (const k of report.chaos) {
    process.stdout.write(`${k.label}: ${k.shipments} shipments, ${k.kills} kills, ${k.terminations} terminations (${k.terminatedConnections} connections), ${k.pgRestarts} restarts, settled in ${k.settledS ?? '—'} s; ledger ${JSON.stringify(k.ledger)}\n`);
  }
  const problems = violations(report);
  const file = path.join(ROOT, 'drill', 'results', 'latest.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ report, figures: figures(report), violations: problems }, null, 2)}\n`);
  process.stdout.write(`\nwritten ${path.relative(process.cwd(), file)}\n`);
  if (problems.length) {
    process.stdout.write(`\nDEFECTS (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write('\nNo defect found: every shipment created exactly once, none lost, every process back by itself.\n');
  }
}

// exits when the report is written, whatever a closed child's socket or a sandbox timer still holds
main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
