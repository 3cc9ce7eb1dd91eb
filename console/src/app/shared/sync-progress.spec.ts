import { ProgressRun, progressOf } from './sync-progress';

const run = (over: Partial<ProgressRun>): ProgressRun => ({ status: 'RUNNING', kind: 'ORDERS', total: null, processed: 0, created: 0, skipped: 0, failed: 0, ...over });

describe('sync progress bar', () => {
  it('waits (query mode) while the run is queued', () => {
    expect(progressOf(run({ status: 'QUEUED' }))).toMatchObject({ mode: 'query', running: true });
  });

  it('is indeterminate while Unleashed is being read (total not known yet)', () => {
    expect(progressOf(run({ total: null }))).toMatchObject({ mode: 'indeterminate', label: 'Reading new orders from Unleashed…' });
  });

  it('fills with processed / total and counts each outcome', () => {
    expect(progressOf(run({ total: 8, processed: 3, created: 2, skipped: 0, failed: 1 }))).toEqual({
      mode: 'determinate',
      percent: 38,
      label: '3 of 8 shipments handled · 2 created · 0 skipped · 1 failed',
      running: true,
    });
  });

  it('never passes 100 % when events report more processed than the total', () => {
    expect(progressOf(run({ total: 2, processed: 3, created: 3 })).percent).toBe(100);
  });

  it('shows a run with nothing to do as full, and says so', () => {
    expect(progressOf(run({ total: 0 }))).toMatchObject({ percent: 100, label: 'No new shipments' });
    expect(progressOf(run({ status: 'SUCCEEDED', total: 0 }))).toMatchObject({ percent: 100, label: 'Done: no new shipments', running: false });
  });

  it('names the outcome of a finished run, with fulfilment wording for write-back passes', () => {
    expect(progressOf(run({ status: 'PARTIAL', total: 4, processed: 4, created: 2, skipped: 1, failed: 1 })).label).toBe('Finished with problems: 2 created · 1 skipped · 1 failed');
    expect(progressOf(run({ status: 'FAILED', total: null })).label).toBe('Failed: 0 created · 0 skipped · 0 failed');
    expect(progressOf(run({ kind: 'FULFILMENT', status: 'SUCCEEDED', total: 1, processed: 1, created: 1 })).label).toBe('Done: 1 written back · 0 skipped · 0 failed');
  });
});
