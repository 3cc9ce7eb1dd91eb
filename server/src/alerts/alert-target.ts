import { lookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import dns from 'node:dns';
import { badInput } from '../common/errors.js';
import { AlertChannel } from './alert.enums.js';

/**
 * What an alert may be sent to. E-mail: one plain address. Webhook: an https URL without credentials;
 * in production (SSRF) never a loopback, private, link-local or otherwise internal address — checked here
 * when the subscription is created (IP literals and what the host resolves to), and again on every
 * connection (`guardedLookup`), so a DNS answer that changes later cannot point a webhook inside.
 * Outside production, http:// is allowed for loopback hosts (local receivers, tests, the demo).
 */
const FIELD = 'input.target';
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

const internal = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) internal.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32],
  ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) internal.addSubnet(network, prefix, 'ipv6');

/** Is this IP address one a webhook must never reach in production? (IPv4-mapped IPv6 is checked as IPv4.) */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return internal.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 4) return internal.check(address, 'ipv4');
  if (family === 6) return internal.check(address, 'ipv6');
  return true; // not an address at all: refuse
}

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost']);
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}
function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || host.endsWith('.localhost') || (isIP(host) !== 0 && /^(127\.|::1$|::ffff:127\.)/.test(host));
}

export interface TargetRules {
  production: boolean;
  /** resolves a host name (defaults to the system resolver); a test passes its own */
  resolve?: (host: string) => Promise<string[]>;
}

async function systemResolve(host: string): Promise<string[]> {
  const answers = await lookup(host, { all: true, verbatim: true });
  return answers.map((a) => a.address);
}

/** The normalised target, or BAD_USER_INPUT on `input.target` saying what is wrong. */
export async function validateTarget(channel: AlertChannel, raw: string | null | undefined, rules: TargetRules): Promise<string> {
  const value = (raw ?? '').trim();
  if (!value) throw badInput(FIELD, channel === AlertChannel.EMAIL ? 'An e-mail address is required.' : 'A webhook URL is required.');
  return channel === AlertChannel.EMAIL ? validateEmail(value) : validateWebhookUrl(value, rules);
}

function validateEmail(value: string): string {
  if (value.length > 254 || !EMAIL.test(value) || value.split('@')[0]!.length > 64) {
    throw badInput(FIELD, `"${value.slice(0, 80)}" is not an e-mail address (expected something like ops@example.com).`);
  }
  const [local, domain] = value.split('@') as [string, string];
  return `${local}@${domain.toLowerCase()}`;
}

async function validateWebhookUrl(value: string, rules: TargetRules): Promise<string> {
  if (value.length > 2000) throw badInput(FIELD, 'A webhook URL must be at most 2000 characters.');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badInput(FIELD, 'Not a URL: a webhook URL looks like https://example.com/hooks/conveyor.');
  }
  if (url.username || url.password) throw badInput(FIELD, 'A webhook URL must not contain a user name or password; verify the webhook-signature header instead.');
  if (url.hash) throw badInput(FIELD, 'A webhook URL must not have a #fragment.');
  const host = bareHost(url);
  if (url.protocol === 'http:') {
    if (rules.production || !isLoopbackHost(host)) throw badInput(FIELD, 'A webhook URL must use https:// (plain http:// is allowed only for localhost outside production).');
    return url.toString();
  }
  if (url.protocol !== 'https:') throw badInput(FIELD, 'A webhook URL must use https://.');
  if (!rules.production) return url.toString();

  const refused = 'This URL points to a private or internal address, which alerts are never sent to. Use a public https:// endpoint.';
  if (isLoopbackHost(host) || host.endsWith('.local') || host.endsWith('.internal')) throw badInput(FIELD, refused);
  if (isIP(host)) {
    if (isInternalAddress(host)) throw badInput(FIELD, refused);
    return url.toString();
  }
  let addresses: string[];
  try {
    addresses = await (rules.resolve ?? systemResolve)(host);
  } catch {
    throw badInput(FIELD, `The host ${host} could not be found (DNS). Check the URL.`);
  }
  if (addresses.length === 0) throw badInput(FIELD, `The host ${host} could not be found (DNS). Check the URL.`);
  if (addresses.some(isInternalAddress)) throw badInput(FIELD, refused);
  return url.toString();
}

/**
 * A `lookup` for http(s).request that refuses internal addresses: the check happens on the address the
 * socket will really connect to (no DNS-rebinding window between check and use).
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 4);
    const list = addresses as dns.LookupAddress[];
    const bad = list.find((a) => isInternalAddress(a.address));
    if (bad || list.length === 0) {
      const refused = Object.assign(new Error(`refused to connect to ${hostname}: it resolves to an internal address`), { code: 'EADDRNOTALLOWED' });
      return callback(refused, '', 4);
    }
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    return callback(null, list[0]!.address, list[0]!.family);
  });
};
