import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createAlertMailer } from '../alerts/alert-mailer.js';
import { AlertService } from '../alerts/alert.service.js';
import { attentionDigestFrom } from '../alerts/attention-digest.query.js';
import { NeedsAttention } from '../attention/needs-attention.query.js';
import { startDevMailCatcher, type DevMailCatcher } from '../alerts/dev-mail-catcher.js';
import type { DevIdentityProvider } from '../auth/dev-idp/dev-identity-provider.js';
import { createTokenVerifier, type TokenVerifier } from '../auth/token-verifier.js';
import { billingExportRouter } from '../billing/billing-export.router.js';
import { BillingService } from '../billing/billing.service.js';
import { systemClock, type Clock } from '../common/clock.js';
import { missedEventsReader } from './missed-events.js';
import { EventBus } from '../common/event-bus.js';
import { createLogger, type Logger } from '../common/logger.js';
import { createMetrics } from '../common/metrics.js';
import { registerSecret } from '../common/redaction.js';
import { SecretBox } from '../common/secret-box.js';
import { ConfigError, redactedConfig, type Config } from '../config.js';
import { CustomerService } from '../customers/customer.service.js';
import { FulfilmentService } from '../fulfilment/fulfilment.service.js';
import { IntegrationHealth } from '../integrations/integration-health.js';
import { IntegrationSetupService } from '../integrations/integration-setup.service.js';
import { IntegrationUpdates } from '../integrations/integration-updates.js';
import { unleashedWebhookRouter } from '../webhooks/webhook-receiver.js';
import { cartonCloudHintRouter } from '../webhooks/cartoncloud-hint.js';
import { WebhookSubscriptions } from '../webhooks/webhook-subscriptions.js';
import { UnleashedUsage } from '../usage/unleashed-usage.js';
import { isDatabaseReachable, openDatabase } from '../database/database.js';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../database/embedded-postgres.js';
import { createJobHandlers } from './job-handlers.js';
import { JobScheduler } from '../jobs/job-scheduler.js';
import { ShipmentLedger } from '../ledger/shipment-ledger.js';
import { CARTONCLOUD_PRODUCTION_URL, ProviderFactory, UNLEASHED_PRODUCTION_URL, type ProviderEndpoints } from '../providers/provider-factory.js';
import { SyncRunRecorder } from '../runs/sync-run.recorder.js';
import { OrderSync } from '../sync/order-sync.js';
import { OverviewQuery } from '../overview/overview.query.js';
import { startMetricsServer } from './http-hardening.js';
import { startHttpServer, type RunningHttpServer } from './http-server.js';
import { buildConveyorSchema } from './schema.js';
import type { AppServices } from './services.js';

/** How long one shutdown step may take (except draining the running jobs, which has its own budget). */
const SHUTDOWN_STEP_MS = 2_500;

/** true when `work` settled within `ms` (it is not cancelled otherwise, only no longer waited for). */
async function withinMs(work: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ConveyorOptions {
  config: Config;
  logger?: Logger;
  clock?: Clock;
  /** a verifier for another issuer (tests); by default OIDC_ISSUER's, or the development IdP's */
  verifier?: TokenVerifier;
  /** the built console (dist/console/browser); null to serve none */
  consoleDir?: string | null;
  /** where Unleashed and CartonCloud are; by default from the configuration */
  providers?: ProviderEndpoints;
  /** runs after the database is ready and before jobs start (demo seed) */
  beforeStart?: (services: AppServices) => Promise<void>;
  /** overrides JOB_LOCK_LIFETIME; after a job runs Agenda sleeps half of it (tests pass a short one so jest exits) */
  jobLockLifetimeMs?: number;
}

export interface Conveyor {
  url: string;
  services: AppServices;
  issuer: string;
  close(): Promise<void>;
}

/** DATA_DIR/encryption.key: the embedded default's generated key (production requires ENCRYPTION_KEY). */
function encryptionKey(config: Config, logger: Logger): Buffer {
  if (config.encryptionKey) return config.encryptionKey;
  const file = path.join(config.dataDir, 'encryption.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    logger.info({ file }, 'generated an encryption key for stored credentials');
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
}

/** The providers named by the configuration (production hosts unless overridden). */
export function endpointsFromConfig(config: Config): ProviderEndpoints {
  return {
    unleashedBaseUrl: config.UNLEASHED_API_URL ?? UNLEASHED_PRODUCTION_URL,
    cartonCloud: {
      baseUrl: config.CARTONCLOUD_API_URL ?? CARTONCLOUD_PRODUCTION_URL,
      tenantId: config.CARTONCLOUD_TENANT_ID ?? '',
      clientId: config.CARTONCLOUD_CLIENT_ID ?? '',
      clientSecret: config.CARTONCLOUD_CLIENT_SECRET ?? '',
    },
  };
}

export async function startConveyor(options: ConveyorOptions): Promise<Conveyor> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const metrics = createMetrics();
  const cleanups: [step: string, cleanup: () => Promise<void>, boundMs?: number][] = [];
  // Shutdown runs the cleanups in reverse. Each step is bounded (a pool waiting for a connection that
  // PostgreSQL dropped must not hold the process past SHUTDOWN_GRACE); a step that overruns is logged by
  // name and the next one runs.
  const close = async () => {
    for (const [step, cleanup, boundMs] of cleanups.reverse()) {
      const started = Date.now();
      try {
        const finished = await withinMs(cleanup(), boundMs ?? SHUTDOWN_STEP_MS);
        if (finished) logger.debug({ ms: Date.now() - started, step }, 'shutdown step done');
        else logger.warn({ ms: Date.now() - started, step }, 'a shutdown step overran its time; going on without it');
      } catch (error) {
        logger.warn({ err: error, step }, 'error while shutting down');
      }
    }
    cleanups.length = 0;
  };

  try {
    for (const secret of [config.CARTONCLOUD_CLIENT_SECRET, config.ENCRYPTION_KEY, config.METRICS_TOKEN]) registerSecret(secret);
    const serveApi = config.ROLE !== 'worker';
    if (serveApi && !config.OIDC_ISSUER && !config.devIdentityProvider && !options.verifier) {
      throw new ConfigError([
        config.DEV_IDENTITY_PROVIDER === 'off'
          ? 'OIDC_ISSUER: required when DEV_IDENTITY_PROVIDER=off'
          : 'OIDC_ISSUER: required with an external DATABASE_URL (or DEV_IDENTITY_PROVIDER=on for multi-process development)',
      ]);
    }
    logger.info({ config: redactedConfig(config) }, 'starting Conveyor');
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      const embedded: EmbeddedDatabase = await startEmbeddedPostgres(config.dataDir, logger);
      cleanups.push(['database', () => embedded.stop()]);
      databaseUrl = embedded.url;
    }
    const orm: MikroORM = await openDatabase(databaseUrl, logger);
    cleanups.push(['orm', () => orm.close(true)]);

    const eventBus = new EventBus(databaseUrl, logger);
    eventBus.catchUpWith(missedEventsReader(orm));
    await eventBus.start();
    cleanups.push(['events', () => eventBus.close()]);

    const scheduler = new JobScheduler({
      databaseUrl,
      mongoUrl: config.MONGODB_URL,
      name: `${os.hostname()}:${process.pid}`,
      logger,
      metrics,
      processEvery: Math.min(config.pollIntervalMs, 5_000),
      lockLifetimeMs: options.jobLockLifetimeMs ?? config.jobLockLifetimeMs,
    });
    await scheduler.connect();
    cleanups.push(['jobs', () => scheduler.stop()]);

    // alerts (issue 14): e-mail goes to SMTP_URL, else (npm start) to the development mail catcher
    let devMailCatcher: DevMailCatcher | null = null;
    if (config.devMailCatcher) {
      devMailCatcher = await startDevMailCatcher(logger);
      cleanups.push(['mail catcher', () => devMailCatcher!.close()]);
    }
    const mailUrl = config.SMTP_URL ?? devMailCatcher?.url ?? null;
    const alertMailer = mailUrl ? createAlertMailer(mailUrl, config.ALERT_FROM, { ignoreTLS: !config.SMTP_URL }) : null;
    if (alertMailer) cleanups.push(['alert mailer', async () => alertMailer.close()]);
    let consoleUrl = (config.PUBLIC_URL ?? '').replace(/\/$/, ''); // set below once the port is known

    const providers = new ProviderFactory(options.providers ?? endpointsFromConfig(config), metrics, clock);
    const secretBox = new SecretBox(encryptionKey(config, logger));
    // one writer per table and one publisher per event, shared by the domains that need them
    const ledger = new ShipmentLedger();
    const runs = new SyncRunRecorder({ eventBus });
    const updates = new IntegrationUpdates({ config, eventBus, scheduler });
    // which shipments a person must act on: the inbox, its badge, the overview and the alert digest read it
    const needsAttention = new NeedsAttention(config.awaitingShipmentAttentionMs);
    const alerts = new AlertService({
      orm,
      clock,
      logger,
      secretBox,
      scheduler,
      production: config.NODE_ENV === 'production',
      mailer: alertMailer,
      consoleUrl: () => consoleUrl,
      attentionDigest: attentionDigestFrom(needsAttention),
    });
    const health = new IntegrationHealth({
      clock,
      logger,
      updates,
      // integrations cannot import alerts (alerts read integrations): the conditions that alert are wired here
      listener: {
        raised: async ({ alert, integrationId }) => void (await alerts.raise({ type: alert, integrationId })),
        recovered: async ({ integrationId, message }) => void (await alerts.raise({ type: 'integration.recovered', integrationId, detail: message })),
      },
    });
    const integrations = new IntegrationSetupService({
      config,
      clock,
      secretBox,
      scheduler,
      providers,
      updates,
      // integrations cannot import the ledger (the ledger's rows point at integrations): wired here
      skippedShipments: {
        requeueSkipped: (em, integrationId) => ledger.requeueSkipped(em, integrationId, clock.now()),
        sendAwaitingWhole: (em, integrationId) => ledger.sendAwaitingWhole(em, integrationId, clock.now()),
      },
      health,
    });
    const orderSync = new OrderSync({ config, logger, clock, metrics, orm, scheduler, secretBox, providers, ledger, runs, health }, { databaseUrl });
    cleanups.push(['order sync', () => orderSync.close()]);
    // every Unleashed call counted per integration per month; QUOTA_LOW before the allowance runs out (issue 13)
    const usage = new UnleashedUsage({ orm, clock, logger, config, health });
    providers.unleashedCallCounter = usage;
    usage.start();
    cleanups.push(['unleashed call counts', () => usage.close()]);
    // known before any job runs: the webhook subscription's notificationUrl is built from it
    const port = config.PORT === 0 ? await freePort() : config.PORT;
    const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
    consoleUrl = publicUrl;
    // Unleashed webhooks (issue 13): a worker alone knows its public URL only from PUBLIC_URL
    const webhookBase = config.PUBLIC_URL || config.ROLE === 'all' ? publicUrl : null;
    const webhooks = new WebhookSubscriptions({
      orm,
      clock,
      logger,
      secretBox,
      providers,
      config,
      health,
      notificationUrl: (integrationId) => (webhookBase ? `${webhookBase}/webhooks/unleashed/${integrationId}` : null),
    });
    const fulfilment = new FulfilmentService({ orm, clock, config, secretBox, providers, logger, ledger, runs, health });
    const services: AppServices = {
      config,
      logger,
      clock,
      metrics,
      orm,
      eventBus,
      scheduler,
      secretBox,
      providers,
      ledger,
      runs,
      updates,
      health,
      customers: new CustomerService(providers),
      billing: new BillingService({ orm, config, clock, logger }),
      integrations,
      fulfilment,
      orderSync,
      webhooks,
      alerts,
      devMailCatcher,
      needsAttention,
      overview: new OverviewQuery(config.CARTONCLOUD_CREATE_RATE_PER_MINUTE),
      // issue 13's Unleashed call counter (overview.resolver.ts UnleashedCallCounter)
      unleashedCalls: usage,
      usage,
      publicUrl,
    };

    await options.beforeStart?.(services);

    if (config.ROLE !== 'api') {
      scheduler.define(createJobHandlers(services));
      await scheduler.start(config.pollIntervalMs);
      // Shutdown (README "Many processes"): running jobs get most of SHUTDOWN_GRACE to finish what they
      // sent; then what is still in flight is abandoned (safe: the ledger's claims and search) — all before
      // order sync, the ORM and the database close, so no job ever meets a closed pool.
      const softMs = Math.max(1_000, config.shutdownGraceMs - 5_000);
      cleanups.push(['running jobs', async () => void (await scheduler.drain(softMs, () => orderSync.abandon(), 2_000)), softMs + 3_000]);
    }

    let identityProvider: DevIdentityProvider | null = null;
    const issuer = config.OIDC_ISSUER ?? `${publicUrl}/oidc`;
    if (config.devIdentityProvider) {
      // loaded only when it runs: a production install (no devDependencies) never loads oidc-provider
      const { createDevIdentityProvider } = await import('../auth/dev-idp/dev-identity-provider.js').catch((cause: unknown) => {
        throw new Error('The development identity provider needs the devDependencies (npm install); set OIDC_ISSUER to use your own issuer.', { cause });
      });
      identityProvider = await createDevIdentityProvider({
        issuer,
        keysFile: path.join(config.dataDir, 'oidc', 'jwks.json'),
        audience: config.OIDC_AUDIENCE,
        consoleClientId: config.OIDC_CONSOLE_CLIENT_ID,
        consoleRedirectUris: [`${publicUrl}/auth/callback`, 'http://localhost:4200/auth/callback'],
        consolePostLogoutRedirectUris: [`${publicUrl}/`, 'http://localhost:4200/'],
        logger,
      });
      cleanups.push(['identity provider', () => identityProvider!.close()]);
    }
    const verifier =
      options.verifier ??
      createTokenVerifier({
        issuer,
        audience: config.OIDC_AUDIENCE,
        claims: { rolesClaim: config.OIDC_ROLES_CLAIM, customerIdClaim: config.OIDC_CUSTOMER_ID_CLAIM },
        // oidc-provider types its access tokens `at+jwt` (RFC 9068), so ours are held to it
        tokenType: config.OIDC_TOKEN_TYPE === 'auto' ? (identityProvider ? 'at+jwt' : 'any') : config.OIDC_TOKEN_TYPE,
      });

    const schema = serveApi ? await buildConveyorSchema(services, eventBus.pubSub) : null;
    const http: RunningHttpServer = await startHttpServer(
      {
        services,
        schema,
        verifier,
        identityProvider,
        consoleDir: options.consoleDir ?? null,
        consoleConfig: {
          oidcIssuer: issuer,
          clientId: config.OIDC_CONSOLE_CLIENT_ID,
          audience: config.OIDC_AUDIENCE,
          authorizationParams: config.consoleAuthorizationParams,
          graphqlPath: '/graphql',
        },
        publicUrl,
        routes: (app, authenticate) => {
          app.use('/billing', billingExportRouter({ orm, billing: services.billing }, authenticate));
          // raw body (the signature is over the bytes), bounded; before any JSON parsing
          app.use('/webhooks', unleashedWebhookRouter({ orm, clock, logger, secretBox, scheduler, health }));
          app.use('/webhooks', cartonCloudHintRouter({ orm, logger, secretBox, scheduler }));
        },
        readiness: async () => {
          const checks = {
            database: await isDatabaseReachable(orm),
            jobScheduler: await scheduler.isReachable(),
            events: eventBus.listening,
          };
          return { ready: Object.values(checks).every(Boolean), checks };
        },
      },
      port,
      config.HOST,
    );
    cleanups.push(['http', () => http.close()]);
    if (config.METRICS_PORT) {
      const metricsServer = await startMetricsServer(metrics, config.METRICS_PORT, config.HOST);
      cleanups.push(['metrics', () => metricsServer.close()]);
      logger.info({ url: `${metricsServer.url}/metrics` }, 'metrics are served on their own port');
    }
    // runs first on shutdown: no create is claimed from the moment the signal arrives
    if (config.ROLE !== 'api') {
      cleanups.push([
        'stop claiming',
        async () => {
          orderSync.stop();
          await scheduler.shutdownBegun();
        },
      ]);
    }
    logger.info({ url: publicUrl, role: config.ROLE }, 'Conveyor is listening');
    return { url: publicUrl, services, issuer, close };
  } catch (error) {
    await close();
    throw error;
  }
}
