import { figures, runDrill, SHORT, violations } from './drill.js';

/**
 * The drill tier (README "Many processes"): the short form of `npm run drill` — one PostgreSQL, two API and
 * two worker processes of the BUILT product (`npm run build:server` first), the sandboxes with duplicates
 * allowed — and everything it proves. Performance figures are printed with PASS/MISS, not asserted (they
 * belong to `npm run bench`); correctness is asserted.
 */
describe('many processes, real faults', () => {
  it('crosses processes, holds the real create limit, stops cleanly, and loses or duplicates nothing through kills and outages', async () => {
    const lines: string[] = [];
    const report = await runDrill(SHORT, (line) => {
      lines.push(line);
      process.stdout.write(`[drill] ${line}\n`);
    });
    process.stdout.write(`${figures(report).map((f) => `  ${f.figure}: ${f.value}${f.target ? ` (${f.target}) ${f.verdict}` : ''}`).join('\n')}\n`);
    expect(violations(report)).toEqual([]);
  }, 300_000);
});
