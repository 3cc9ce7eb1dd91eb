import express, { type Router } from 'express';
import { graphiqlAssetFiles } from './graphiql-assets.js';

/** The explorer page's own script, served as a file (the Content-Security-Policy allows no inline script). */
const EXPLORER_SCRIPT = `const fetcher = GraphiQL.createFetcher({ url: location.origin + '/graphql', subscriptionUrl: location.origin.replace(/^http/, 'ws') + '/graphql' });
const defaultQuery = '# Get a token (client credentials) and put it in the Headers tab:\\n# {"Authorization": "Bearer <access token>"}\\n\\nquery Me {\\n  viewer { subject email isAdmin customer { id name } }\\n}\\n';
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery, defaultHeaders: '{"Authorization": "Bearer "}', shouldPersistHeaders: false }),
);
`;

/**
 * The API explorer for third-party developers at /graphiql: GraphiQL and React served by us (no CDN: it works
 * offline and behind strict firewalls), from the copy the build makes (graphiql-assets.ts). Paste a bearer
 * token in the headers tab: {"Authorization": "Bearer …"}. Served only when GRAPHIQL is on (default: outside
 * production).
 */
export function graphiqlRouter(): Router {
  const router = express.Router();
  const files = graphiqlAssetFiles();
  if (!files) {
    router.get('/', (_req, res) => void res.status(503).type('text').send('The API explorer\'s files are missing from this build: run `npm run build:server`.'));
    return router;
  }
  // the page's own script is a file too: the Content-Security-Policy allows no inline script
  router.get('/assets/explorer.js', (_req, res) => void res.type('js').set('cache-control', 'no-cache').send(EXPLORER_SCRIPT));
  router.get('/assets/:file', (req, res) => {
    if (!Object.hasOwn(files, req.params.file)) return void res.status(404).end();
    res.sendFile(files[req.params.file]!, { maxAge: '1d' });
  });
  router.get('/', (_req, res) => {
    res.type('html').send(`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Conveyor API explorer</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/graphiql/assets/graphiql.min.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading the explorer…</div>
  <script src="/graphiql/assets/react.production.min.js"></script>
  <script src="/graphiql/assets/react-dom.production.min.js"></script>
  <script src="/graphiql/assets/graphiql.min.js"></script>
  <script src="/graphiql/assets/explorer.js"></script>
</body>
</html>`);
  });
  return router;
}
