import { ProviderError, codeForStatus, type ProviderFieldError } from '../shared/provider-error.js';
import { parseRetryAfter } from '../shared/retry-policy.js';
import { apiErrorListSchema } from './cartoncloud.schemas.js';

/**
 * Reads a CartonCloud error body leniently (reference §5: "always a JSON array" `[{message, field?, type?,
 * details?}]`; the token endpoint's 401 is undocumented and may be `{error, error_description}`).
 * Unrecognised shapes become one item with a short, generic message — never the raw text, which could
 * echo a header back.
 */
export function readErrorItems(body: unknown): ProviderFieldError[] {
  const list = apiErrorListSchema.safeParse(body);
  if (list.success) return list.data.map(({ field, message, type, details }) => ({ field, message, type, details }));
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const message = [record.error_description, record.message, record.error].find((v) => typeof v === 'string');
    if (typeof message === 'string') return [{ message }];
  }
  return [];
}

/** One place that turns a non-2xx CartonCloud answer into a ProviderError (STYLE.md). */
export function errorFromResponse(what: string, response: Response, body: unknown): ProviderError {
  const status = response.status;
  const fieldErrors = readErrorItems(body);
  const code = codeForStatus(status);
  const detail = fieldErrors.length
    ? fieldErrors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ')
    : response.statusText || 'no details';
  return new ProviderError('cartoncloud', code, `CartonCloud ${what} failed with ${status}: ${detail}`, {
    status,
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    fieldErrors,
    cause: body,
  });
}
