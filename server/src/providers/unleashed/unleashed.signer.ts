import { createHmac } from 'node:crypto';

/**
 * Unleashed request signature (https://apidocs.unleashedsoftware.com/AuthenticationHelp):
 * Base64(HMAC-SHA256(key = the API key's UTF-8 text, message = the query string)). The message is ""
 * when there is no query string.
 *
 * Which form of the query string: Unleashed verifies the signature over the DECODED query — the
 * `key=value` pairs as the server parsed them, in the order sent (reference §8: `%3A` in a signed
 * `modifiedSince` gives a bare 403, `orderNumber=DTC%2313633` must be signed as `DTC#13633`). So the
 * client sends `:` and `,` unencoded (legal in a query; sent and decoded forms are then the same) and,
 * where a value must be encoded (`#`, `&`, space, `+`, `%`, non-ASCII), signs the decoded value.
 */
export function signQuery(apiKey: string, message: string): string {
  return createHmac('sha256', Buffer.from(apiKey, 'utf8')).update(message, 'utf8').digest('base64');
}

export type QueryParams = ReadonlyArray<readonly [name: string, value: string | number | undefined]>;

/** A query as sent (`queryString`, no leading `?`) and the decoded message that is signed. */
export interface SignedQuery {
  queryString: string;
  message: string;
}

/**
 * The one way the client writes a query: parameters in the given order, those whose value is undefined
 * left out. Sent: names and values percent-encoded (encodeURIComponent) except `:` and `,`, which stay
 * as they are. Signed: the same pairs decoded, `name=value` joined by `&`.
 */
export function buildQuery(params: QueryParams): SignedQuery {
  const present = params.filter((entry): entry is readonly [string, string | number] => entry[1] !== undefined).map(([name, value]) => [name, String(value)] as const);
  return {
    queryString: present.map(([name, value]) => `${encodeQueryComponent(name)}=${encodeQueryComponent(value)}`).join('&'),
    message: present.map(([name, value]) => `${name}=${value}`).join('&'),
  };
}

/** encodeURIComponent, but `:` and `,` are sent as they are (reference §8). */
export function encodeQueryComponent(text: string): string {
  return encodeURIComponent(text).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

/**
 * What Unleashed signs for a query string as received: each `name=value` pair percent-decoded, in the
 * order received, joined by `&`. `+` is read as a space (the server is ASP.NET, whose query parser
 * does so; the client never sends a bare `+`). An undecodable pair is kept as sent.
 */
export function decodedQueryMessage(queryString: string): string {
  if (!queryString) return '';
  return queryString
    .split('&')
    .map((pair) => {
      const at = pair.indexOf('=');
      const [name, value] = at < 0 ? [pair, null] : [pair.slice(0, at), pair.slice(at + 1)];
      return value === null ? decodePart(name) : `${decodePart(name)}=${decodePart(value)}`;
    })
    .join('&');
}

function decodePart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
