/**
 * Redaction of secret values wherever they sit in a string: a log line (after pino has serialised it), an
 * error message, a raw request body. Key-based redaction (pino's `redact` paths) only covers secrets under
 * known keys of logged objects; this covers the rest:
 * - JWTs, `Bearer …` and `Basic …` credentials anywhere;
 * - `apiKey: "…"`, `"client_secret":"…"`, `password=…` and the like, in JSON (also JSON inside a JSON
 *   string), GraphQL literals and form bodies;
 * - passwords in URLs (`postgres://user:secret@host`);
 * - values registered as secret (`registerSecret`): configured secrets and secret-named GraphQL inputs.
 */

const REDACTED = '[redacted]';

const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+|%20|\+)(?!\[redacted)[A-Za-z0-9._~+/=-]{6,}/gi;
const SECRET_KEY = String.raw`api[_-]?key|client[_-]?secret|secret|password|passwd|pwd|access[_-]?token|refresh[_-]?token|id[_-]?token|signature[_-]?key|signing[_-]?secret|encryption[_-]?key|authorization|x-api-key|api-auth-signature`;
/** `key` + optional quotes/escapes + `:` or `=` + optional quotes/escapes + the value */
const KEYED_VALUE = new RegExp(String.raw`((?:${SECRET_KEY})(?:\\*["'])?\s*[:=]\s*(?:\\*["'])?)(?!\[redacted|Bearer\b|Basic\b)([^"'\\\s,;&}\]]+)`, 'gi');
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@"]+:)(?!\[redacted)([^@/\s"]+)@/gi;

const MAX_REGISTERED = 2_000;
/** insertion-ordered, so the oldest can be forgotten first */
const registered = new Set<string>();

/**
 * Remember a value as secret: every later redaction replaces it wherever it appears (and in its
 * JSON-escaped form). Short values are ignored (they would blank out ordinary words).
 */
export function registerSecret(value: string | null | undefined): void {
  if (typeof value !== 'string' || value.length < 8) return;
  if (registered.has(value)) return;
  registered.add(value);
  if (registered.size > MAX_REGISTERED) registered.delete(registered.values().next().value as string);
}

function replaceAll(text: string, value: string): string {
  return text.includes(value) ? text.split(value).join(REDACTED) : text;
}

/** The text with every secret it contains replaced by `[redacted]`. */
export function redactString(text: string): string {
  let out = text;
  for (const value of registered) {
    out = replaceAll(out, value);
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) out = replaceAll(out, escaped);
  }
  return out
    .replace(JWT, REDACTED)
    .replace(AUTH_SCHEME, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`)
    .replace(KEYED_VALUE, (_m, prefix: string) => `${prefix}${REDACTED}`)
    .replace(URL_PASSWORD, (_m, prefix: string) => `${prefix}${REDACTED}@`);
}

/** Every string inside a JSON-like value redacted (keys kept); other values unchanged. */
export function redactDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactString(value) as T;
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, depth + 1);
  return out as T;
}
