import { AppError } from '../common/errors.js';
import { AlertChannel } from './alert.enums.js';
import { isInternalAddress, validateTarget, type TargetRules } from './alert-target.js';

const production: TargetRules = { production: true, resolve: async (host: string) => (host === 'hooks.example.com' ? ['93.184.216.34'] : host === 'rebind.example.com' ? ['93.184.216.34', '10.0.0.5'] : []) };
const development: TargetRules = { production: false };

async function problem(channel: AlertChannel, target: string, rules: TargetRules = production): Promise<{ code: unknown; field: unknown; message: string } | null> {
  try {
    await validateTarget(channel, target, rules);
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.extensions.code, field: error.extensions.field, message: error.message };
  }
}

describe('alert targets', () => {
  it('accepts plain e-mail addresses (domain lower-cased) and refuses anything else, naming input.target', async () => {
    await expect(validateTarget(AlertChannel.EMAIL, '  Ops.Team+alerts@Example.COM ', production)).resolves.toBe('Ops.Team+alerts@example.com');
    for (const bad of ['', 'ops', 'ops@', '@example.com', 'ops@example', 'ops @example.com', 'Ops <ops@example.com>', `${'a'.repeat(65)}@example.com`]) {
      expect(await problem(AlertChannel.EMAIL, bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.target' });
    }
  });

  it('accepts public https webhook URLs in production', async () => {
    await expect(validateTarget(AlertChannel.WEBHOOK, 'https://hooks.example.com/conveyor?team=ops', production)).resolves.toBe('https://hooks.example.com/conveyor?team=ops');
    await expect(validateTarget(AlertChannel.WEBHOOK, 'https://93.184.216.34/hook', production)).resolves.toBe('https://93.184.216.34/hook');
  });

  it.each([
    ['plain http', 'http://hooks.example.com/x', /https/],
    ['another scheme', 'ftp://hooks.example.com/x', /https/],
    ['not a URL', 'hooks.example.com/x', /Not a URL/],
    ['credentials in the URL', 'https://user:pass@hooks.example.com/x', /user name or password/],
    ['loopback by name', 'https://localhost/x', /private or internal/],
    ['loopback IPv4', 'https://127.0.0.1/x', /private or internal/],
    ['loopback IPv6', 'https://[::1]/x', /private or internal/],
    ['a private network', 'https://10.1.2.3/x', /private or internal/],
    ['the cloud metadata address', 'https://169.254.169.254/latest/meta-data', /private or internal/],
    ['IPv4-mapped private IPv6', 'https://[::ffff:192.168.1.1]/x', /private or internal/],
    ['a host that resolves inside', 'https://rebind.example.com/x', /private or internal/],
    ['a host that does not resolve', 'https://nowhere.example.com/x', /could not be found/],
    ['a .internal host', 'https://metadata.google.internal/x', /private or internal/],
  ])('refuses %s in production', async (_name, url, message) => {
    const p = await problem(AlertChannel.WEBHOOK, url);
    expect(p).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.target' });
    expect(p!.message).toMatch(message);
  });

  it('allows http:// only to loopback hosts, and only outside production', async () => {
    await expect(validateTarget(AlertChannel.WEBHOOK, 'http://127.0.0.1:8080/hook', development)).resolves.toBe('http://127.0.0.1:8080/hook');
    await expect(validateTarget(AlertChannel.WEBHOOK, 'http://localhost:8080/hook', development)).resolves.toBe('http://localhost:8080/hook');
    expect(await problem(AlertChannel.WEBHOOK, 'http://hooks.example.com/x', development)).toMatchObject({ field: 'input.target' });
    expect(await problem(AlertChannel.WEBHOOK, 'http://127.0.0.1:8080/hook', production)).toMatchObject({ field: 'input.target' });
  });

  it('classifies addresses', () => {
    for (const internal of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', 'not-an-ip']) {
      expect([internal, isInternalAddress(internal)]).toEqual([internal, true]);
    }
    for (const external of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect([external, isInternalAddress(external)]).toEqual([external, false]);
    }
  });
});
