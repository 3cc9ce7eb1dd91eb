/** Part of `npm run build:server`: copies GraphiQL and React's browser files into the build (graphiql-assets.ts). */
import path from 'node:path';
import { BUILT_GRAPHIQL_ASSETS_DIR, copyGraphiqlAssets } from './graphiql-assets.js';

const copied = copyGraphiqlAssets(BUILT_GRAPHIQL_ASSETS_DIR);
console.log(`API explorer assets: ${copied.length} files copied to ${path.relative(process.cwd(), BUILT_GRAPHIQL_ASSETS_DIR)}`);
