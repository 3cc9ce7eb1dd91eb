import { BatchLoader } from './batch-loader.js';

describe('BatchLoader', () => {
  it('answers loads made in the same tick with one batch call and caches them', async () => {
    const calls: number[][] = [];
    const loader = new BatchLoader<number, string>(async (keys) => {
      calls.push([...keys]);
      return new Map(keys.map((k) => [k, `v${k}`]));
    }, () => 'none');
    const values = await Promise.all([loader.load(1), loader.load(2), loader.load(1)]);
    expect(values).toEqual(['v1', 'v2', 'v1']);
    expect(calls).toEqual([[1, 2]]);
    await loader.load(2);
    expect(calls).toHaveLength(1);
  });

  it('gives the fallback for keys the batch did not return', async () => {
    const loader = new BatchLoader<string, number>(async () => new Map(), () => 0);
    await expect(loader.load('missing')).resolves.toBe(0);
  });
});
