import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, specifiedRules, validate, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { DevIdentityProvider } from '../auth/dev-idp/dev-identity-provider.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { viewerFromIdentity, type Viewer } from '../auth/viewer.js';
import { RequestLoaders } from '../common/request-loaders.js';
import type { GraphQLContext } from '../graphql/context.js';
import { defaultQueryLimits, queryLimitRule } from '../graphql/query-limits.js';
import { graphiqlRouter } from './graphiql.js';
import type { AppServices } from './services.js';

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
  readiness: () => Promise<{ ready: boolean; checks: Record<string, boolean> }>;
  /** extra routers mounted before the console (CSV export, sandboxes' control pages, …) */
  routes?: (app: express.Express, authenticate: (req: Request) => Promise<Viewer | null>) => void;
}

export interface RunningHttpServer {
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

const KNOWN_ROUTES = ['/graphql', '/graphiql', '/oidc', '/healthz', '/readyz', '/metrics', '/console-config.json', '/billing'];

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
  const { logger, metrics, orm } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const server = http.createServer(app);

  app.use((req, res, next) => {
    const end = metrics.httpDuration.startTimer({ method: req.method, route: routeLabel(req.originalUrl) });
    res.on('finish', () => end({ status: String(res.statusCode) }));
    next();
  });

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
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  if (options.identityProvider) app.use('/oidc', options.identityProvider.handler);

  let apollo: ApolloServer<GraphQLContext> | null = null;
  let wsCleanup: { dispose(): Promise<void> | void } | null = null;
  if (options.schema) {
    const schema = options.schema;
    const wsServer = new WebSocketServer({ server, path: '/graphql' });
    wsCleanup = useServer<Record<string, unknown>, { viewer?: Viewer | null }>(
      {
        schema,
        validate: (schemaToCheck, document) => validate(schemaToCheck, document, [...specifiedRules, queryLimitRule(defaultQueryLimits)]),
        onConnect: async (ctx) => {
          const params = ctx.connectionParams ?? {};
          const token = bearer(params.authorization ?? params.Authorization);
          if (!token) return false;
          try {
            ctx.extra.viewer = viewerFromIdentity(await options.verifier.verify(token));
            return true;
          } catch {
            return false; // closes with 4403 Forbidden
          }
        },
        context: (ctx): GraphQLContext => {
          const em = orm.em.fork();
          return { viewer: ctx.extra.viewer ?? null, em, loaders: new RequestLoaders(em), requestId: randomUUID() };
        },
      },
      wsServer,
    );

    const metricsPlugin: ApolloServerPlugin<GraphQLContext> = {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        return {
          async willSendResponse(rc) {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            const outcome = rc.errors?.length ? 'error' : 'ok';
            metrics.graphqlDuration.observe({ operation: rc.operationName ?? 'anonymous', type: rc.operation?.operation ?? 'unknown', outcome }, seconds);
          },
        };
      },
    };

    apollo = new ApolloServer<GraphQLContext>({
      schema,
      introspection: true,
      validationRules: [queryLimitRule(defaultQueryLimits)],
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer: server }),
        ApolloServerPluginLandingPageDisabled(),
        metricsPlugin,
        { async serverWillStart() { return { async drainServer() { await wsCleanup?.dispose(); } }; } },
      ],
      formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
        const code = formatted.extensions?.code;
        if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
          const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
          logger.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL request');
          return { message: 'Something went wrong on our side; it has been logged.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
        }
        const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
        return { ...formatted, extensions };
      },
    });
    await apollo.start();
    app.use(
      '/graphql',
      express.json({ limit: '1mb' }),
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
    app.use('/graphiql', graphiqlRouter());
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
      app.get('/', (_req, res) => void res.type('text').send('Conveyor API. The console is not built: run `npm run build:console`. GraphQL at /graphql, explorer at /graphiql.'));
    }
  }

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    logger.error({ err: error }, 'unhandled HTTP error');
    if (!res.headersSent) res.status(500).json({ error: 'internal error' });
  });

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
