import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env (STYLE.md "Edges"). Validated once at start-up: every missing or malformed
 * variable is named in one message, and secrets never appear in it.
 */
const bool = (name: string) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { errorMap: () => ({ message: `${name} must be true or false` }) })
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const intervalPattern = /^\d+(\.\d+)?\s*(ms|milliseconds?|s|seconds?|m|minutes?|h|hours?)$/i;

const urlString = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        const url = new URL(value);
        return protocols.includes(url.protocol) && (url.protocol === 'mongodb:' || url.protocol === 'mongodb+srv:' || url.hostname !== '');
      } catch {
        return false;
      }
    },
    { message: `must be a ${protocols.map((p) => p.replace(':', '://')).join(' or ')} URL` },
  );

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** unset: 127.0.0.1 (loopback) outside production, 0.0.0.0 in production; the image and compose set 0.0.0.0 */
  HOST: z.string().min(1).optional(),
  PUBLIC_URL: urlString(['http:', 'https:']).optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: urlString(['postgres:', 'postgresql:']).optional(),
  MONGODB_URL: urlString(['mongodb:', 'mongodb+srv:']).optional(),
  ROLE: z.enum(['api', 'worker', 'all']).default('all'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  UNLEASHED_API_URL: urlString(['http:', 'https:']).optional(),
  CARTONCLOUD_API_URL: urlString(['http:', 'https:']).optional(),
  CARTONCLOUD_TENANT_ID: z.string().uuid().optional(),
  CARTONCLOUD_CLIENT_ID: z.string().min(1).optional(),
  CARTONCLOUD_CLIENT_SECRET: z.string().min(1).optional(),
  CARTONCLOUD_WAREHOUSE_FULFILMENTS: bool('CARTONCLOUD_WAREHOUSE_FULFILMENTS').default('true'),
  CARTONCLOUD_CREATE_RATE_PER_MINUTE: z.coerce.number().positive().max(100_000).default(30),
  /** CONTRACT §6: `on` every ACTIVE integration keeps an Unleashed webhook subscription; `off` polling only; `auto` see `unleashedWebhooks` */
  UNLEASHED_WEBHOOKS: z.enum(['auto', 'on', 'off'], { errorMap: () => ({ message: 'must be auto, on or off' }) }).default('auto'),
  /** the order poll's interval while an integration's webhooks are healthy (polling is then the safety net) */
  UNLEASHED_WEBHOOK_POLL_INTERVAL: z.string().regex(intervalPattern, 'must be an interval such as "1 hour" or "30 minutes"').default('1 hour'),
  /** Unleashed API calls an account may make per calendar month (its plan's allowance): QUOTA_LOW warns before it runs out */
  UNLEASHED_MONTHLY_ALLOWANCE: z.coerce.number().int().min(1).max(100_000_000).default(15_000),
  SYNC_POLL_INTERVAL: z.string().regex(intervalPattern, 'must be an interval such as "5 minutes" or "30 seconds"').default('5 minutes'),
  /** how long a job stays locked to a worker that stopped renewing it (a killed worker's jobs wait this long) */
  JOB_LOCK_LIFETIME: z
    .string()
    .regex(intervalPattern, 'must be an interval such as "1 minute" or "30 seconds"')
    .refine((v) => !intervalPattern.test(v) || intervalToMs(v) >= 5_000, 'must be at least 5 seconds')
    .default('1 minute'),
  /** how long a stopping process (SIGTERM) may take before it exits anyway; the orchestrator's grace should be longer */
  SHUTDOWN_GRACE: z
    .string()
    .regex(intervalPattern, 'must be an interval such as "20 seconds"')
    .refine((v) => !intervalPattern.test(v) || intervalToMs(v) >= 3_000, 'must be at least 3 seconds')
    .default('20 seconds'),
  FULFILMENT_WATCH_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  UNLEASHED_DEFAULT_TIME_ZONE: z.string().default('Australia/Melbourne'),
  OIDC_ISSUER: urlString(['http:', 'https:']).optional(),
  OIDC_AUDIENCE: z.string().min(1).default('conveyor-api'),
  OIDC_CONSOLE_CLIENT_ID: z.string().min(1).default('conveyor-console'),
  /** extra parameters of the console's authorization request, as a query string (e.g. Entra ID's `scope=…`) */
  OIDC_CONSOLE_AUTHORIZATION_PARAMS: z.string().optional(),
  /** where the roles are in an access token: a claim name, or a dotted path such as `realm_access.roles` */
  OIDC_ROLES_CLAIM: z.string().min(1).default('roles'),
  /** where the customer id is: a claim name (e.g. `https://conveyor.example/customer_id`) or a dotted path */
  OIDC_CUSTOMER_ID_CLAIM: z.string().min(1).default('customer_id'),
  /** `at+jwt`: only RFC 9068 typed access tokens; `any`: untyped too (ID tokens still refused); `auto`: at+jwt for the development IdP */
  OIDC_TOKEN_TYPE: z.enum(['auto', 'at+jwt', 'any']).default('auto'),
  DEV_IDENTITY_PROVIDER: z.enum(['auto', 'on', 'off'], { errorMap: () => ({ message: 'must be auto, on or off' }) }).default('auto'),
  GRAPHIQL: bool('GRAPHIQL').optional(),
  GRAPHQL_INTROSPECTION: bool('GRAPHQL_INTROSPECTION').optional(),
  /** when set, /metrics on PORT needs `Authorization: Bearer <METRICS_TOKEN>` */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** when set, /metrics is also served on this port (for a scraper on a private network) */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  ENCRYPTION_KEY: z
    .string()
    .refine((v) => decodeKey(v) !== null, 'must be 32 bytes, as 64 hex characters or base64')
    .optional(),
  BILLING_WEEKLY_PRICE_CENTS: z.coerce.number().int().min(0).default(1000),
  BILLING_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as AUD').default('AUD'),
  DEMO: bool('DEMO').optional(),
  // needs attention and manual polls (issues 14 and 17)
  /** a Placed order waiting for its Unleashed sales shipment needs a person after this many hours */
  ATTENTION_AWAITING_SHIPMENT_HOURS: z.coerce.number().min(0).max(24 * 90).default(24),
  /** after a person asks for a poll (syncNow, a retry), another may be asked for only this many seconds later */
  MANUAL_SYNC_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  // alerts (issue 14)
  SMTP_URL: urlString(['smtp:', 'smtps:']).optional(),
  ALERT_FROM: z
    .string()
    .refine((v) => /^[^<>@\s]+@[^<>@\s]+$|^[^<>]*<[^<>@\s]+@[^<>@\s]+>$/.test(v.trim()), 'must be an address such as alerts@example.com or "Conveyor <alerts@example.com>"')
    .default('Conveyor <alerts@conveyor.local>'),
});

export type RawConfig = z.infer<typeof schema>;

export interface Config extends RawConfig {
  HOST: string;
  dataDir: string;
  /** DEV_IDENTITY_PROVIDER resolved (CONTRACT §6): run the development identity provider at /oidc */
  devIdentityProvider: boolean;
  /** GRAPHIQL resolved: the explorer at /graphiql (default: on outside production) */
  graphiql: boolean;
  /** GRAPHQL_INTROSPECTION resolved (default: on outside production) */
  introspection: boolean;
  /** OIDC_CONSOLE_AUTHORIZATION_PARAMS parsed */
  consoleAuthorizationParams: Record<string, string>;
  /** milliseconds equivalent of SYNC_POLL_INTERVAL */
  pollIntervalMs: number;
  /** JOB_LOCK_LIFETIME in milliseconds */
  jobLockLifetimeMs: number;
  /** SHUTDOWN_GRACE in milliseconds */
  shutdownGraceMs: number;
  /** the sandboxes and demo data run when the provider URLs are unset outside production */
  useSandboxes: boolean;
  encryptionKey: Buffer | null;
  /** alert e-mails go to the embedded development mail catcher: SMTP_URL unset while the sandboxes run (never in production) */
  devMailCatcher: boolean;
  /** ATTENTION_AWAITING_SHIPMENT_HOURS in milliseconds */
  awaitingShipmentAttentionMs: number;
  /** MANUAL_SYNC_COOLDOWN_SECONDS in milliseconds */
  manualSyncCooldownMs: number;
  /** milliseconds equivalent of UNLEASHED_WEBHOOK_POLL_INTERVAL (never shorter than SYNC_POLL_INTERVAL) */
  webhookPollIntervalMs: number;
  /** UNLEASHED_WEBHOOKS resolved (CONTRACT §6): ACTIVE integrations keep an Unleashed webhook subscription */
  unleashedWebhooks: boolean;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function decodeKey(value: string): Buffer | null {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    const buffer = Buffer.from(trimmed, 'base64');
    if (buffer.length === 32) return buffer;
  }
  return null;
}

export function intervalToMs(interval: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(interval.trim());
  if (!match) throw new Error(`not an interval: ${interval}`);
  const n = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  if (unit.startsWith('ms') || unit.startsWith('milli')) return n;
  if (unit.startsWith('s')) return n * 1000;
  if (unit.startsWith('m')) return n * 60_000;
  return n * 3_600_000;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const parsed = schema.safeParse(input);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '?');
      // never echo the value: it may be a secret
      problems.push(`${name}: ${issue.message}`);
    }
  }
  const raw = parsed.success ? parsed.data : undefined;
  if (raw && raw.NODE_ENV === 'production') {
    if (!raw.ENCRYPTION_KEY) problems.push('ENCRYPTION_KEY: required when NODE_ENV=production (32 bytes, hex or base64)');
    if (!raw.DATABASE_URL) problems.push('DATABASE_URL: required when NODE_ENV=production');
    if (!raw.OIDC_ISSUER) problems.push('OIDC_ISSUER: required when NODE_ENV=production');
    if (raw.DEV_IDENTITY_PROVIDER === 'on') problems.push('DEV_IDENTITY_PROVIDER: the development identity provider never runs when NODE_ENV=production');
  }
  if (raw && raw.DEV_IDENTITY_PROVIDER === 'on' && raw.OIDC_ISSUER) {
    problems.push('DEV_IDENTITY_PROVIDER: "on" conflicts with OIDC_ISSUER (tokens come from one issuer); unset one of them');
  }
  if (raw) {
    const cc = [raw.CARTONCLOUD_TENANT_ID, raw.CARTONCLOUD_CLIENT_ID, raw.CARTONCLOUD_CLIENT_SECRET];
    const ccSet = cc.filter(Boolean).length;
    if (raw.CARTONCLOUD_API_URL && ccSet < 3) {
      for (const [name, value] of [
        ['CARTONCLOUD_TENANT_ID', raw.CARTONCLOUD_TENANT_ID],
        ['CARTONCLOUD_CLIENT_ID', raw.CARTONCLOUD_CLIENT_ID],
        ['CARTONCLOUD_CLIENT_SECRET', raw.CARTONCLOUD_CLIENT_SECRET],
      ] as const) {
        if (!value) problems.push(`${name}: required when CARTONCLOUD_API_URL is set`);
      }
    }
    if (raw.NODE_ENV === 'production' && ccSet < 3) {
      problems.push('CARTONCLOUD_TENANT_ID, CARTONCLOUD_CLIENT_ID, CARTONCLOUD_CLIENT_SECRET: required when NODE_ENV=production');
    }
    if (!isValidTimeZone(raw.UNLEASHED_DEFAULT_TIME_ZONE)) problems.push('UNLEASHED_DEFAULT_TIME_ZONE: must be an IANA time zone such as Australia/Melbourne');
  }
  if (problems.length > 0 || !raw) throw new ConfigError(problems);
  const production = raw.NODE_ENV === 'production';
  const useSandboxes = raw.NODE_ENV !== 'production' && (!raw.UNLEASHED_API_URL || !raw.CARTONCLOUD_API_URL);
  return {
    ...raw,
    HOST: raw.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    devIdentityProvider: devIdentityProviderRuns(raw),
    graphiql: raw.GRAPHIQL ?? !production,
    introspection: raw.GRAPHQL_INTROSPECTION ?? !production,
    consoleAuthorizationParams: Object.fromEntries(new URLSearchParams(raw.OIDC_CONSOLE_AUTHORIZATION_PARAMS ?? '')),
    dataDir: path.resolve(raw.DATA_DIR),
    pollIntervalMs: intervalToMs(raw.SYNC_POLL_INTERVAL),
    jobLockLifetimeMs: intervalToMs(raw.JOB_LOCK_LIFETIME),
    shutdownGraceMs: intervalToMs(raw.SHUTDOWN_GRACE),
    useSandboxes,
    encryptionKey: raw.ENCRYPTION_KEY ? decodeKey(raw.ENCRYPTION_KEY) : null,
    devMailCatcher: useSandboxes && !raw.SMTP_URL,
    awaitingShipmentAttentionMs: raw.ATTENTION_AWAITING_SHIPMENT_HOURS * 3_600_000,
    manualSyncCooldownMs: raw.MANUAL_SYNC_COOLDOWN_SECONDS * 1000,
    unleashedWebhooks: unleashedWebhooksOn(raw, useSandboxes),
    webhookPollIntervalMs: Math.max(intervalToMs(raw.UNLEASHED_WEBHOOK_POLL_INTERVAL), intervalToMs(raw.SYNC_POLL_INTERVAL)),
  };
}

/** The production Unleashed API (its host); any other URL is a sandbox or a test double. */
export const UNLEASHED_PRODUCTION_HOST = 'api.unleashedsoftware.com';

/**
 * CONTRACT §6 `UNLEASHED_WEBHOOKS`: `auto` is on when PUBLIC_URL is https (Unleashed delivers only to public
 * HTTPS), or when Unleashed is not the production API (the sandboxes, tests: http to localhost is accepted).
 */
export function unleashedWebhooksOn(raw: Pick<RawConfig, 'UNLEASHED_WEBHOOKS' | 'PUBLIC_URL' | 'UNLEASHED_API_URL'>, useSandboxes: boolean): boolean {
  if (raw.UNLEASHED_WEBHOOKS !== 'auto') return raw.UNLEASHED_WEBHOOKS === 'on';
  if (raw.PUBLIC_URL?.startsWith('https://')) return true;
  const unleashedHost = raw.UNLEASHED_API_URL ? new URL(raw.UNLEASHED_API_URL).hostname.toLowerCase() : useSandboxes ? null : UNLEASHED_PRODUCTION_HOST;
  return unleashedHost !== null ? unleashedHost !== UNLEASHED_PRODUCTION_HOST : true;
}

/**
 * CONTRACT §6: `auto` runs the development identity provider only when OIDC_ISSUER is unset, NODE_ENV is not
 * production and the database is the embedded one; `on` also with an external DATABASE_URL; `off` never.
 * Never in production, whatever is asked.
 */
export function devIdentityProviderRuns(raw: Pick<RawConfig, 'NODE_ENV' | 'OIDC_ISSUER' | 'DATABASE_URL' | 'DEV_IDENTITY_PROVIDER'>): boolean {
  if (raw.NODE_ENV === 'production' || raw.OIDC_ISSUER || raw.DEV_IDENTITY_PROVIDER === 'off') return false;
  return raw.DEV_IDENTITY_PROVIDER === 'on' || !raw.DATABASE_URL;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What is safe to log about the configuration: secrets replaced, URLs without passwords. */
export function redactedConfig(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key === 'encryptionKey') continue;
    if (/SECRET|KEY|PASSWORD|^METRICS_TOKEN$/.test(key)) out[key] = value ? '[redacted]' : undefined;
    else if (typeof value === 'string' && /^(postgres|postgresql|mongodb(\+srv)?|smtps?):/.test(value)) out[key] = value.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:[redacted]@');
    else out[key] = value;
  }
  return out;
}
