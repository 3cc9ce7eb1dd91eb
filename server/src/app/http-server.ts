import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Request } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { DevIdentityProvider } from '../auth/dev-idp/dev-identity-provider.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { viewerFromIdentity, type Viewer } from '../auth/viewer.js';
import { createGraphQLArmor } from '../graphql/armor.js';
import type { GraphQLContext } from '../graphql/context.js';
import { createErrorFormatter } from '../graphql/error-format.js';
import { RequestLoaders } from '../common/request-loaders.js';
import { graphiqlRouter } from './graphiql.js';
import { errorHandler, graphqlBodyParser, metricsGate, operationLabel, securityHeaders, serveMetrics } from './http-hardening.js';
import type { AppServices } from './services.js';
import { startWebSocketApi } from './websocket-server.js';

export interface ConsoleConfig {
  oidcIssuer: string;
  clientId: string;
  audience: string;
  authorizationParams: Record<string, string>;
  graphqlPath: string;
}

export interface HttpServerOptions {
  services: AppServices;
  schema: GraphQLSchema | null; // null: a worker process serves health and metrics only
  verifier: TokenVerifier;
  identityProvider: DevIdentityProvider | null;
  consoleDir: string | null;
  consoleConfig: ConsoleConfig;
  /** PUBLIC_URL or the local URL: HSTS and the CSP's WebSocket origin follow it */
  publicUrl: string;
  readiness: () => Promise<{ ready: boolean; checks: Record<string, boolean> }>;
  /** extra routers mounted before the console (CSV export, sandboxes' control pages, …) */
  routes?: (app: express.Express, authenticate: (req: Request) => Promise<Viewer | null>) => void;
}

export interface RunningHttpServer {
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

const KNOWN_ROUTES = ['/graphql', '/graphiql', '/oidc', '/healthz', '/readyz', '/metrics', '/console-config.json', '/billing', '/webhooks'];

function routeLabel(url: string): string {
  return KNOWN_ROUTES.find((r) => url === r || url.startsWith(`${r}/`) || url.startsWith(`${r}?`)) ?? 'console';
}

function bearer(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1]! : null;
}

export async function startHttpServer(options: HttpServerOptions, port: number, host: string): Promise<RunningHttpServer> {
  const { services } = options;
  const { logger, metrics, orm, config } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const server = http.createServer(app);

  app.use((req, res, next) => {
    const end = metrics.httpDuration.startTimer({ method: req.method, route: routeLabel(req.originalUrl) });
    res.on('finish', () => end({ status: String(res.statusCode) }));
    logger.trace({ req: { method: req.method, url: req.originalUrl, headers: req.headers } }, 'HTTP request');
    next();
  });
  app.use(securityHeaders({ publicUrl: options.publicUrl, oidcIssuer: options.consoleConfig.oidcIssuer }));

  const authenticate = async (req: Request | http.IncomingMessage): Promise<Viewer | null> => {
    const token = bearer(req.headers.authorization);
    if (!token) return null;
    return viewerFromIdentity(await options.verifier.verify(token));
  };

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    const result = await options.readiness();
    res.status(result.ready ? 200 : 503).json({ status: result.ready ? 'ready' : 'not ready', checks: result.checks });
  });
  app.get('/metrics', metricsGate(config), (_req, res) => void serveMetrics(res, metrics));

  if (options.identityProvider) app.use('/oidc', options.identityProvider.handler);

  let apollo: ApolloServer<GraphQLContext> | null = null;
  let wsCleanup: { dispose(): Promise<void> | void } | null = null;
  if (options.schema) {
    const schema = options.schema;
    const armor = createGraphQLArmor({ introspection: config.introspection });
    const formatError = createErrorFormatter(logger, { introspection: config.introspection });
    wsCleanup = startWebSocketApi({ server, schema, verifier: options.verifier, orm, logger, armor, formatError, events: options.services.eventBus.pubSub });

    const metricsPlugin: ApolloServerPlugin<GraphQLContext> = {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        return {
          async willSendResponse(rc) {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            const outcome = rc.errors?.length ? 'error' : 'ok';
            // the label is bounded: the console's operation names, else "other" (a client chooses the name)
            metrics.graphqlDuration.observe({ operation: operationLabel(rc.operationName), type: rc.operation?.operation ?? 'unknown', outcome }, seconds);
          },
        };
      },
    };

    apollo = new ApolloServer<GraphQLContext>({
      schema,
      introspection: config.introspection,
      parseOptions: armor.parseOptions,
      validationRules: armor.validationRules,
      allowBatchedHttpRequests: false,
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer: server }),
        ApolloServerPluginLandingPageDisabled(),
        armor.plugin,
        metricsPlugin,
        { async serverWillStart() { return { async drainServer() { await wsCleanup?.dispose(); } }; } },
      ],
      formatError,
    });
    await apollo.start();
    app.use(
      '/graphql',
      ...graphqlBodyParser(),
      expressMiddleware(apollo, {
        context: async ({ req }): Promise<GraphQLContext> => {
          let viewer: Viewer | null;
          try {
            viewer = await authenticate(req);
          } catch (error) {
            throw new GraphQLError(error instanceof Error ? `Access token refused: ${error.message}` : 'Access token refused.', {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          }
          const em = orm.em.fork();
          return { viewer, em, loaders: new RequestLoaders(em), requestId: randomUUID() };
        },
      }),
    );
    if (config.graphiql) app.use('/graphiql', graphiqlRouter());
    app.get('/console-config.json', (_req, res) => void res.json(options.consoleConfig));
    options.routes?.(app, authenticate);

    if (options.consoleDir && fs.existsSync(path.join(options.consoleDir, 'index.html'))) {
      const consoleDir = options.consoleDir;
      app.use(express.static(consoleDir, { index: false, maxAge: '1h' }));
      app.get('/{*path}', (req, res, next) => {
        if (req.path.startsWith('/graphql') || req.path.startsWith('/oidc')) return next();
        res.sendFile(path.join(consoleDir, 'index.html'), { headers: { 'cache-control': 'no-cache' } });
      });
    } else {
      const explorer = config.graphiql ? ', explorer at /graphiql' : '';
      app.get('/', (_req, res) => void res.type('text').send(`Conveyor API. The console is not built: run \`npm run build:console\`. GraphQL at /graphql${explorer}.`));
    }
  }

  app.use(errorHandler(logger));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    url: `http://localhost:${actualPort}`,
    close: async () => {
      if (apollo) await apollo.stop(); // drains HTTP and WebSocket connections
      else await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
