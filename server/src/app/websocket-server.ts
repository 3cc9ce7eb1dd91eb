import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { viewerFromIdentity, type Viewer } from '../auth/viewer.js';
import type { FanOut } from '../common/fan-out.js';
import type { Logger } from '../common/logger.js';
import type { GraphQLArmor } from '../graphql/armor.js';
import type { GraphQLContext } from '../graphql/context.js';
import { formatErrors, type ErrorFormatter } from '../graphql/error-format.js';
import { RequestLoaders } from '../common/request-loaders.js';
import { sharedSubscribe } from './subscription-execution.js';

/**
 * graphql-ws at /graphql, held to the same rules as HTTP and to its token for as long as it is open:
 * - a small `maxPayload` (the socket is unauthenticated until `connection_init` carries the token);
 * - the token is verified at connect (4403 otherwise) and its expiry stored: the socket is closed with
 *   4401 when the token expires, so a removed role or customer lasts no longer than the token it came in;
 *   a client reconnects with a fresh token (graphql-ws clients do so on their own);
 * - subscriptions only: a query or mutation is refused (send those over HTTP, where they are rate-limited,
 *   logged and measured);
 * - the same parse, validation, depth/cost and id checks as HTTP (GraphQLArmor), a bounded number of
 *   subscriptions per socket, and errors masked exactly as over HTTP (no SQL text; logged);
 * - an event is executed once for all its subscribers with the same document, variables and access
 *   (subscription-execution.ts); each subscriber's own filter still decides whether it gets the event.
 */
export const WEBSOCKET_MAX_PAYLOAD = 64 * 1024;
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 25;
/** Close code for an expired token (graphql-ws's `Unauthorized`). */
export const TOKEN_EXPIRED_CLOSE = CloseCode.Unauthorized;

export interface WebSocketApiOptions {
  server: http.Server;
  schema: GraphQLSchema;
  verifier: TokenVerifier;
  orm: MikroORM;
  logger: Logger;
  armor: GraphQLArmor;
  formatError: ErrorFormatter;
  /** this process's cross-process events (the subscriptions' source) */
  events: FanOut;
}

type SocketState = {
  viewer?: Viewer | null;
  expiresAt?: number | null;
  expiryTimer?: NodeJS.Timeout;
};

function bearer(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return match ? match[1]! : null;
}

export function startWebSocketApi(options: WebSocketApiOptions): { dispose(): Promise<void> } {
  const { schema, armor, formatError, logger, orm } = options;
  const wsServer = new WebSocketServer({ server: options.server, path: '/graphql', maxPayload: WEBSOCKET_MAX_PAYLOAD });

  const refuse = (message: string, code: string): GraphQLError[] => [new GraphQLError(message, { extensions: { code } })];

  const cleanup = useServer<Record<string, unknown>, SocketState>(
    {
      schema,
      // each event executed once per distinct (document, variables, access), not per subscriber
      subscribe: sharedSubscribe,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const token = bearer(params.authorization ?? params.Authorization);
        if (!token) return false; // 4403 Forbidden
        try {
          const identity = await options.verifier.verify(token);
          const expiresAt = identity.expiresAt?.getTime() ?? null;
          if (expiresAt !== null && expiresAt <= Date.now()) return false;
          ctx.extra.viewer = viewerFromIdentity(identity);
          ctx.extra.expiresAt = expiresAt;
          if (expiresAt !== null) {
            // setTimeout holds at most ~24.8 days; a longer-lived token is re-armed by the same timer
            const arm = (): void => {
              const wait = Math.min(expiresAt - Date.now(), 2 ** 31 - 1);
              ctx.extra.expiryTimer = setTimeout(() => {
                if (Date.now() < expiresAt) return arm();
                ctx.extra.socket.close(TOKEN_EXPIRED_CLOSE, 'Unauthorized: the access token expired; reconnect with a fresh one');
              }, Math.max(wait, 0));
              ctx.extra.expiryTimer.unref();
            };
            arm();
          }
          return true;
        } catch {
          return false; // 4403 Forbidden
        }
      },
      onClose: (ctx) => {
        clearTimeout(ctx.extra.expiryTimer);
      },
      onSubscribe: (ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] => {
        const expiresAt = ctx.extra.expiresAt;
        if (expiresAt !== null && expiresAt !== undefined && expiresAt <= Date.now()) {
          ctx.extra.socket.close(TOKEN_EXPIRED_CLOSE, 'Unauthorized: the access token expired; reconnect with a fresh one');
          return refuse('The access token expired.', 'UNAUTHENTICATED');
        }
        if (Object.keys(ctx.subscriptions).length >= MAX_SUBSCRIPTIONS_PER_SOCKET) {
          return refuse(`At most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions per connection.`, 'BAD_REQUEST');
        }
        const checked = armor.checkDocument(schema, payload.query, payload.variables ?? undefined, payload.operationName);
        if ('errors' in checked) return checked.errors;
        if (checked.operation.operation !== 'subscription') {
          return refuse(
            `Only subscriptions are served over WebSocket; send ${checked.operation.operation === 'mutation' ? 'mutations' : 'queries'} as an HTTP POST to /graphql.`,
            'BAD_REQUEST',
          );
        }
        // no ORM context of its own: every event gets a fresh one, shared by its subscribers (graphql/context.ts
        // `eventContext`); the global EntityManager here refuses to be used directly (MikroORM's guard)
        const em = orm.em;
        const contextValue: GraphQLContext = { viewer: ctx.extra.viewer ?? null, em, loaders: new RequestLoaders(em), requestId: randomUUID(), events: options.events };
        return {
          schema,
          document: checked.document,
          operationName: payload.operationName ?? undefined,
          variableValues: payload.variables ?? undefined,
          contextValue,
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return undefined;
        return { ...result, errors: formatErrors(formatError, result.errors) };
      },
      onError: (_ctx, _id, _payload, errors) => formatErrors(formatError, errors),
    },
    wsServer,
  );

  wsServer.on('error', (error) => logger.warn({ err: error }, 'WebSocket server error'));
  return {
    dispose: async () => {
      await cleanup.dispose();
    },
  };
}
