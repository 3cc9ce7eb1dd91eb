import { ConfigError, intervalToMs, loadConfig, redactedConfig } from './config.js';

describe('loadConfig', () => {
  it('gives the contract defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(4000);
    expect(config.ROLE).toBe('all');
    expect(config.OIDC_AUDIENCE).toBe('conveyor-api');
    expect(config.OIDC_CONSOLE_CLIENT_ID).toBe('conveyor-console');
    expect(config.BILLING_WEEKLY_PRICE_CENTS).toBe(1000);
    expect(config.BILLING_CURRENCY).toBe('AUD');
    expect(config.CARTONCLOUD_CREATE_RATE_PER_MINUTE).toBe(30);
    expect(config.CARTONCLOUD_WAREHOUSE_FULFILMENTS).toBe(true);
    expect(config.pollIntervalMs).toBe(300_000);
    expect(config.useSandboxes).toBe(true);
    expect(config.awaitingShipmentAttentionMs).toBe(24 * 3_600_000);
    expect(config.manualSyncCooldownMs).toBe(10_000);
  });

  it('reads the needs-attention threshold and the manual sync cooldown, and refuses nonsense', () => {
    const config = loadConfig({ ATTENTION_AWAITING_SHIPMENT_HOURS: '1.5', MANUAL_SYNC_COOLDOWN_SECONDS: '0' });
    expect(config.awaitingShipmentAttentionMs).toBe(5_400_000);
    expect(config.manualSyncCooldownMs).toBe(0);
    expect(() => loadConfig({ ATTENTION_AWAITING_SHIPMENT_HOURS: '-1' })).toThrow(/ATTENTION_AWAITING_SHIPMENT_HOURS/);
    expect(() => loadConfig({ MANUAL_SYNC_COOLDOWN_SECONDS: 'soon' })).toThrow(/MANUAL_SYNC_COOLDOWN_SECONDS/);
  });

  it('names a malformed DATABASE_URL without echoing it', () => {
    expect(() => loadConfig({ DATABASE_URL: 'not a url with s3cret' })).toThrow(/DATABASE_URL: must be a postgres:\/\//);
    try {
      loadConfig({ DATABASE_URL: 'not a url with s3cret' });
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cret');
    }
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', ROLE: 'boss', SYNC_POLL_INTERVAL: 'often', BILLING_CURRENCY: 'dollars' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const names = (error as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(names.sort()).toEqual(['BILLING_CURRENCY', 'PORT', 'ROLE', 'SYNC_POLL_INTERVAL']);
    }
  });

  it('requires ENCRYPTION_KEY in production', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://u:p@db/conveyor',
        OIDC_ISSUER: 'https://id.example.com',
        CARTONCLOUD_TENANT_ID: '6c3a1e47-2f0e-4c43-9e7e-8f9a0b1c2d3e',
        CARTONCLOUD_CLIENT_ID: 'id',
        CARTONCLOUD_CLIENT_SECRET: 'secret',
      }),
    ).toThrow(/ENCRYPTION_KEY: required when NODE_ENV=production/);
  });

  it('accepts a hex or base64 32-byte key and rejects a short one', () => {
    expect(loadConfig({ ENCRYPTION_KEY: 'ab'.repeat(32) }).encryptionKey?.length).toBe(32);
    expect(loadConfig({ ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') }).encryptionKey?.length).toBe(32);
    expect(() => loadConfig({ ENCRYPTION_KEY: 'short' })).toThrow(/ENCRYPTION_KEY: must be 32 bytes/);
  });

  it('turns Agenda interval syntax into milliseconds', () => {
    expect(intervalToMs('5 minutes')).toBe(300_000);
    expect(intervalToMs('3 seconds')).toBe(3_000);
    expect(intervalToMs('1 hour')).toBe(3_600_000);
  });

  it('redacts secrets and database passwords for logging', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://app:hunter2@db:5432/x', CARTONCLOUD_CLIENT_SECRET: 'cc-secret' });
    const text = JSON.stringify(redactedConfig(config));
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('cc-secret');
  });

  describe('DEV_IDENTITY_PROVIDER (CONTRACT §6)', () => {
    it.each([
      ['the embedded default with nothing set', true, {}],
      ['auto with an external database', false, { DATABASE_URL: 'postgres://u:p@db/x' }],
      ['on with an external database', true, { DATABASE_URL: 'postgres://u:p@db/x', DEV_IDENTITY_PROVIDER: 'on' }],
      ['off on the embedded default', false, { DEV_IDENTITY_PROVIDER: 'off' }],
      ['auto with an issuer of its own', false, { OIDC_ISSUER: 'https://id.example.com' }],
    ])('%s: runs it %s', (_label, runs, env) => {
      expect(loadConfig(env).devIdentityProvider).toBe(runs);
    });

    it('never in production, and not beside OIDC_ISSUER', () => {
      expect(() => loadConfig({ NODE_ENV: 'production', DEV_IDENTITY_PROVIDER: 'on' })).toThrow(/DEV_IDENTITY_PROVIDER: the development identity provider never runs when NODE_ENV=production/);
      expect(() => loadConfig({ DEV_IDENTITY_PROVIDER: 'on', OIDC_ISSUER: 'https://id.example.com' })).toThrow(/conflicts with OIDC_ISSUER/);
      expect(() => loadConfig({ DEV_IDENTITY_PROVIDER: 'maybe' })).toThrow(/DEV_IDENTITY_PROVIDER: must be auto, on or off/);
    });
  });

  it('listens on loopback by default outside production, on every interface in production, else where HOST says', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db/x', OIDC_ISSUER: 'https://id.example.com', ENCRYPTION_KEY: 'ab'.repeat(32), CARTONCLOUD_TENANT_ID: '6c3a1e47-2f0e-4c43-9e7e-8f9a0b1c2d3e', CARTONCLOUD_CLIENT_ID: 'c', CARTONCLOUD_CLIENT_SECRET: 's' };
    expect(loadConfig(production).HOST).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });

  it('turns GraphiQL and introspection off by default in production only', () => {
    expect(loadConfig({})).toMatchObject({ graphiql: true, introspection: true });
    const production = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db/x', OIDC_ISSUER: 'https://id.example.com', ENCRYPTION_KEY: 'ab'.repeat(32), CARTONCLOUD_TENANT_ID: '6c3a1e47-2f0e-4c43-9e7e-8f9a0b1c2d3e', CARTONCLOUD_CLIENT_ID: 'c', CARTONCLOUD_CLIENT_SECRET: 's' });
    expect(production).toMatchObject({ graphiql: false, introspection: false });
    expect(loadConfig({ GRAPHIQL: 'false', GRAPHQL_INTROSPECTION: 'false' })).toMatchObject({ graphiql: false, introspection: false });
  });

  it('reads the console authorization parameters as a query string and redacts METRICS_TOKEN', () => {
    const config = loadConfig({ OIDC_CONSOLE_AUTHORIZATION_PARAMS: 'scope=openid profile api://conveyor/access&prompt=login', METRICS_TOKEN: 'metrics-token-0123456789' });
    expect(config.consoleAuthorizationParams).toEqual({ scope: 'openid profile api://conveyor/access', prompt: 'login' });
    expect(JSON.stringify(redactedConfig(config))).not.toContain('metrics-token-0123456789');
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: must be at least 16 characters/);
  });

  it('redacts the SMTP password, checks SMTP_URL and ALERT_FROM, and runs the mail catcher only with the sandboxes and no SMTP_URL', () => {
    const config = loadConfig({ SMTP_URL: 'smtps://alerts:mail-hunter2@smtp.example.com:465' });
    const text = JSON.stringify(redactedConfig(config));
    expect(text).not.toContain('mail-hunter2');
    expect(text).toContain('smtps://alerts:[redacted]@smtp.example.com:465');
    expect(config.devMailCatcher).toBe(false);
    expect(loadConfig({}).devMailCatcher).toBe(true);
    expect(loadConfig({}).ALERT_FROM).toBe('Conveyor <alerts@conveyor.local>');
    try {
      loadConfig({ SMTP_URL: 'http://smtp.example.com', ALERT_FROM: 'not an address' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['ALERT_FROM', 'SMTP_URL']);
    }
  });
});
