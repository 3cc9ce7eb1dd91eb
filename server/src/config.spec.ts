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
