import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from '../common/logger.js';
import type { Metrics } from '../common/metrics.js';
import type { Config } from '../config.js';

/**
 * The HTTP edge's defences, kept out of http-server.ts so each can be read (and tested) on its own:
 * security headers, request-body limits that answer 4xx without logging the body, the /metrics gate and
 * its optional private listener, and the bounded operation label of the GraphQL metric.
 */

/** Largest JSON body /graphql accepts: documents are capped at a few thousand tokens; variables are small. */
export const GRAPHQL_BODY_LIMIT = '256kb';

const origin = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

export interface SecurityHeaderOptions {
  /** PUBLIC_URL (or the local URL): https → HSTS and upgrade-insecure-requests */
  publicUrl: string;
  /** the console fetches the issuer's discovery document and token endpoint */
  oidcIssuer: string;
}

/**
 * Security headers (helmet) for everything the server answers:
 * - console and API: a CSP with no inline script (`script-src 'self'`, `script-src-attr 'none'`), styles
 *   from ourselves plus inline ones (Angular and Material inject `<style>` elements at run time),
 *   `connect-src` to ourselves (HTTP and WebSocket) and the identity provider, `frame-ancestors 'none'`
 *   (and X-Frame-Options DENY), `Referrer-Policy: no-referrer`, nosniff, COOP/CORP same-origin;
 * - HSTS only when served over HTTPS (PUBLIC_URL https://, or a request that arrived over TLS);
 * - the development identity provider's pages (/oidc, never in production) may run their one inline
 *   script (the sign-out confirmation submits itself) and are not limited in where forms lead (its
 *   redirects go to the console, which may be on another origin under `ng serve`).
 */
export function securityHeaders(options: SecurityHeaderOptions): RequestHandler {
  const https = options.publicUrl.startsWith('https://');
  const self = origin(options.publicUrl);
  const websocket = self ? self.replace(/^http/, 'ws') : null;
  const issuer = origin(options.oidcIssuer);
  const connectSrc = ["'self'", ...[websocket, issuer].filter((v): v is string => v !== null && v !== self)];
  const common = {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    styleSrc: ["'self'", "'unsafe-inline'"],
    connectSrc,
    upgradeInsecureRequests: https ? [] : null,
  };
  const shared = {
    strictTransportSecurity: false as const, // set below, only over HTTPS
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
  };
  const main = helmet({
    ...shared,
    contentSecurityPolicy: { useDefaults: false, directives: { ...common, scriptSrc: ["'self'"], scriptSrcAttr: ["'none'"], formAction: ["'self'"] } },
  });
  const devIdentityProvider = helmet({
    ...shared,
    contentSecurityPolicy: { useDefaults: false, directives: { ...common, scriptSrc: ["'self'", "'unsafe-inline'"], formAction: null } },
  });
  return (req, res, next) => {
    if (https || req.secure) res.setHeader('strict-transport-security', 'max-age=31536000');
    (req.path === '/oidc' || req.path.startsWith('/oidc/') ? devIdentityProvider : main)(req, res, next);
  };
}

/** The JSON body parser of /graphql: bodies over GRAPHQL_BODY_LIMIT answer 413 (see bodyErrors). */
export function graphqlBodyParser(): RequestHandler[] {
  return [
    express.json({ limit: GRAPHQL_BODY_LIMIT }),
    // express 5 leaves req.body undefined for a body that is not JSON; Apollo's integration would answer 500
    (req, res, next) => {
      if (req.method === 'POST' && req.body === undefined) {
        res.status(415).json(errorBody('Send GraphQL requests as JSON (content-type: application/json).', 'BAD_REQUEST'));
        return;
      }
      next();
    },
  ];
}

function errorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

const BODY_ERRORS: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON.',
  'entity.too.large': `The request body is too large (at most ${GRAPHQL_BODY_LIMIT}).`,
  'encoding.unsupported': 'The request body has an unsupported content encoding.',
  'charset.unsupported': 'The request body has an unsupported charset.',
  'request.aborted': 'The request was aborted.',
  'request.size.invalid': 'The request body is shorter or longer than its content-length.',
};

/**
 * The last error handler. A client error (body-parser's 400 for malformed JSON, 413 for an oversized body,
 * any other error carrying a 4xx status) answers that status with a reason and is logged at `warn` with
 * its kind only — body-parser attaches the raw body to its errors, and that body may hold an Unleashed key.
 * Anything else is a 500, logged with its cause (bodies dropped all the same).
 */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const e = (error ?? {}) as { status?: unknown; statusCode?: unknown; type?: unknown; message?: unknown };
    const status = Number(e.status ?? e.statusCode);
    if (Number.isInteger(status) && status >= 400 && status < 500) {
      const type = typeof e.type === 'string' ? e.type : 'client_error';
      logger.warn({ status, type, method: req.method, path: req.path }, 'refused a malformed request');
      if (!res.headersSent) res.status(status).json(errorBody(BODY_ERRORS[type] ?? 'The request could not be read.', status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST'));
      return;
    }
    logger.error({ err: error, path: req.path }, 'unhandled HTTP error'); // `err.body` is redacted by path (logger.ts)
    if (!res.headersSent) res.status(500).json(errorBody('Something went wrong on our side; it has been logged.', 'INTERNAL_SERVER_ERROR'));
  };
}

/** Constant-time comparison of a bearer token with METRICS_TOKEN. */
function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * /metrics on the public port is not public:
 * - METRICS_TOKEN set: `Authorization: Bearer <METRICS_TOKEN>` required (401 otherwise);
 * - else METRICS_PORT set: served only there (404 on the public port);
 * - else: served outside production (the development server listens on loopback), 404 in production.
 */
export function metricsGate(config: Pick<Config, 'METRICS_TOKEN' | 'METRICS_PORT' | 'NODE_ENV'>): RequestHandler {
  return (req, res, next) => {
    if (config.METRICS_TOKEN) {
      const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      if (match && sameToken(match[1]!, config.METRICS_TOKEN)) return next();
      res.status(401).setHeader('www-authenticate', 'Bearer realm="metrics"').type('text').send('metrics need a bearer token (METRICS_TOKEN)\n');
      return;
    }
    if (config.METRICS_PORT || config.NODE_ENV === 'production') {
      res.status(404).type('text').send('not found\n');
      return;
    }
    next();
  };
}

export async function serveMetrics(res: Response, metrics: Metrics): Promise<void> {
  res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
}

/** METRICS_PORT: a listener with /metrics only, for a scraper on a private network (never publish it). */
export async function startMetricsServer(metrics: Metrics, port: number, host: string): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', (_req, res) => void serveMetrics(res, metrics));
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The console's operation names (its .graphql documents; a unit test keeps this list in step with them).
 * Any other name — third-party scripts choose their own, and a flood of random ones must not create
 * a metric series each — is labelled "other".
 */
export const KNOWN_OPERATIONS: ReadonlySet<string> = new Set([
  'AdminOverview', 'AttentionFilters', 'AttentionIntegrationEvents', 'AttentionRunEvents', 'NeedsAttention', 'NeedsAttentionBadge', 'PreviewOrderCreation', 'RetryShipments',
  'AlertFormOptions', 'AlertSubscriptions', 'Billing', 'BillingCustomers', 'ConfigureAuthentication', 'ConfigureFulfilment', 'ConfigureOrderCreation', 'CreateAlertSubscription', 'CreateCustomer',
  'CreateIntegration', 'CreateWarehouse', 'CustomerIntegrationUpdated', 'CustomerIntegrations', 'CustomerPicker', 'Customers',
  'DeleteAlertSubscription', 'DeleteIntegration', 'DevMailCatcherEnabled', 'DevMailbox', 'FinishIntegration', 'ImportCustomers', 'IntegrationActivity', 'IntegrationAudit', 'IntegrationDetail',
  'IntegrationSetup', 'IntegrationShipments', 'RenameIntegration', 'RetryShipment', 'SendTestAlert', 'SyncNow', 'SyncRunUpdated',
  'UnleashedWarehouses', 'UpdateCustomer', 'Viewer', 'WizardCustomer',
]);

export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  return KNOWN_OPERATIONS.has(name) ? name : 'other';
}
