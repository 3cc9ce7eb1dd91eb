import type { SyncRunRowFragment } from '../graphql/generated';

export type ProgressRun = Pick<SyncRunRowFragment, 'status' | 'kind' | 'total' | 'processed' | 'created' | 'skipped' | 'failed'>;

export interface Progress {
  /** Material progress-bar mode */
  mode: 'determinate' | 'indeterminate' | 'query';
  /** 0–100 */
  percent: number;
  /** What the bar means, in words (also its accessible value text). */
  label: string;
  running: boolean;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What the live progress bar shows for a sync run as its `syncRunUpdated` events arrive. */
export function progressOf(run: ProgressRun): Progress {
  const what = run.kind === 'FULFILMENT' ? 'dispatches' : 'shipments';
  const counts = [
    run.kind === 'FULFILMENT' ? `${run.created} written back` : `${run.created} created`,
    `${run.skipped} skipped`,
    `${run.failed} failed`,
  ].join(' · ');
  switch (run.status) {
    case 'QUEUED':
      return { mode: 'query', percent: 0, label: 'Queued: waiting for a worker…', running: true };
    case 'RUNNING': {
      if (run.total === null) {
        return { mode: 'indeterminate', percent: 0, label: run.kind === 'FULFILMENT' ? 'Looking for dispatched orders in CartonCloud…' : 'Reading new orders from Unleashed…', running: true };
      }
      if (run.total === 0) return { mode: 'determinate', percent: 100, label: `No new ${what}`, running: true };
      const processed = Math.min(run.processed, run.total);
      const percent = Math.round((processed / run.total) * 100);
      return { mode: 'determinate', percent, label: `${processed} of ${plural(run.total, what.slice(0, -1))} handled · ${counts}`, running: true };
    }
    case 'SUCCEEDED':
      return { mode: 'determinate', percent: 100, label: run.total ? `Done: ${counts}` : `Done: no new ${what}`, running: false };
    case 'PARTIAL':
      return { mode: 'determinate', percent: 100, label: `Finished with problems: ${counts}`, running: false };
    case 'FAILED':
      return { mode: 'determinate', percent: 100, label: `Failed: ${counts}`, running: false };
  }
}
