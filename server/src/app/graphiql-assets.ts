import fs from 'node:fs';
import path from 'node:path';

/**
 * The API explorer's browser files and the npm packages they come from. graphiql, react and react-dom are
 * devDependencies: `npm run build:server` copies these files beside the compiled router
 * (graphiql-assets.main.ts), so a production install (`npm ci --omit=dev`) serves them without the packages.
 */
export const GRAPHIQL_ASSETS: Readonly<Record<string, { pkg: string; file: string }>> = {
  'graphiql.min.js': { pkg: 'graphiql', file: 'graphiql.min.js' },
  'graphiql.min.css': { pkg: 'graphiql', file: 'graphiql.min.css' },
  'react.production.min.js': { pkg: 'react', file: 'umd/react.production.min.js' },
  'react-dom.production.min.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js' },
};

/** Where the build puts them: dist/server/src/app/graphiql-assets/ (next to the compiled graphiql.js). */
export const BUILT_GRAPHIQL_ASSETS_DIR = path.join(__dirname, 'graphiql-assets');

function fromPackages(): Record<string, string> {
  const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
  return Object.fromEntries(Object.entries(GRAPHIQL_ASSETS).map(([name, { pkg, file }]) => [name, path.join(packageDir(pkg), file)]));
}

/**
 * Absolute path of each served file: the built copy when the build made one, otherwise the packages
 * themselves (running from the TypeScript sources, as the tests do, where devDependencies are installed).
 * Null when neither is there: a production install whose build skipped the copy.
 */
export function graphiqlAssetFiles(): Record<string, string> | null {
  const built = Object.fromEntries(Object.keys(GRAPHIQL_ASSETS).map((name) => [name, path.join(BUILT_GRAPHIQL_ASSETS_DIR, name)]));
  if (Object.values(built).every((file) => fs.existsSync(file))) return built;
  try {
    return fromPackages();
  } catch {
    return null;
  }
}

/** Copies the files out of the packages into `targetDir` (the build step). */
export function copyGraphiqlAssets(targetDir: string): string[] {
  fs.mkdirSync(targetDir, { recursive: true });
  return Object.entries(fromPackages()).map(([name, source]) => {
    const target = path.join(targetDir, name);
    fs.copyFileSync(source, target);
    return target;
  });
}
