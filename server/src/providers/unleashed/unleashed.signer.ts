import { createHmac } from 'node:crypto';

/**
 * Unleashed request signature (https://apidocs.unleashedsoftware.com/AuthenticationHelp):
 * Base64(HMAC-SHA256(key = the API key's UTF-8 text, message = the raw query string after `?`)).
 * The message is "" when there is no query string. No canonicalisation is documented, so the caller
 * builds the query string once (`buildQueryString`), signs exactly those bytes and sends exactly those.
 */
export function signQuery(apiKey: string, queryString: string): string {
  return createHmac('sha256', Buffer.from(apiKey, 'utf8')).update(queryString, 'utf8').digest('base64');
}

export type QueryParams = ReadonlyArray<readonly [name: string, value: string | number | undefined]>;

/**
 * The one way the client writes a query string: parameters in the given order, names and values
 * percent-encoded with encodeURIComponent (so `,` becomes `%2C` and `:` becomes `%3A`, like the
 * n8n and PHP clients), parameters whose value is undefined left out. No leading `?`.
 */
export function buildQueryString(params: QueryParams): string {
  return params
    .filter((entry): entry is readonly [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
    .join('&');
}
