import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyGraphiqlAssets, GRAPHIQL_ASSETS, graphiqlAssetFiles } from './graphiql-assets';

describe('the API explorer assets', () => {
  it('copies each file byte for byte out of its package (the build step)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graphiql-assets-'));
    try {
      const copied = copyGraphiqlAssets(dir);
      expect(copied.map((file) => path.basename(file)).sort()).toEqual(Object.keys(GRAPHIQL_ASSETS).sort());
      for (const [name, { pkg, file }] of Object.entries(GRAPHIQL_ASSETS)) {
        const source = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
        expect(fs.readFileSync(path.join(dir, name)).equals(fs.readFileSync(source))).toBe(true);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves from the packages when running from the sources (no build next to them)', () => {
    const files = graphiqlAssetFiles();
    expect(files).not.toBeNull();
    expect(files!['react.production.min.js']).toBe(path.join(path.dirname(require.resolve('react/package.json')), 'umd', 'react.production.min.js'));
  });
});
