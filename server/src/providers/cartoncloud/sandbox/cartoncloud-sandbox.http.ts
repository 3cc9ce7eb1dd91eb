import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiAnswer, DispatchInput } from './cartoncloud-sandbox.orders.js';
import { compileSearch, SearchConditionError, type CompileOptions } from './cartoncloud-sandbox.search.js';
import type { Json } from './cartoncloud-sandbox.store.js';

/** HTTP plumbing of the sandbox: paged search answers, request/response helpers, demo dispatch data. */

export type HttpAnswer = ApiAnswer & { headers?: Record<string, string> };

/**
 * `POST …/search?page=&size=` over one collection (reference §3.3, §5): a bare JSON array, the paging
 * headers Total-Pages / Page-Size / Page-Number / Total-Elements / Link, and `Prefer: return=minimal`.
 */
export function pagedSearch(
  collection: Map<string, Json>,
  raw: string,
  url: URL,
  prefer: string | undefined,
  options: CompileOptions & { defaultPageSize: number; searchable?: (doc: Json) => unknown },
): HttpAnswer {
  const page = url.searchParams.has('page') ? Number(url.searchParams.get('page')) : 1;
  const size = url.searchParams.has('size') ? Number(url.searchParams.get('size')) : options.defaultPageSize;
  if (!Number.isInteger(page) || page < 1) return { status: 400, body: [{ message: 'page must be a positive integer' }] };
  if (!Number.isInteger(size) || size < 1) return { status: 400, body: [{ message: 'size must be a positive integer' }] };
  const body = parseJson(raw);
  if (body === invalidJson) return { status: 400, body: [{ message: 'Malformed JSON' }] };
  let matches: (doc: unknown) => boolean;
  try {
    matches = compileSearch(body, options);
  } catch (error) {
    if (error instanceof SearchConditionError) return { status: 400, body: [{ message: error.message }] };
    throw error;
  }
  const searchable = options.searchable ?? ((doc: Json) => doc);
  const found = [...collection.values()].filter((doc) => matches(searchable(doc))); // oldest first (creation order)
  const totalPages = Math.ceil(found.length / size);
  const items = found.slice((page - 1) * size, page * size);
  const minimal = /return=minimal/i.test(prefer ?? '');
  const link = (p: number, rel: string) => `<${url.pathname}?page=${p}&size=${size}>; rel="${rel}"`;
  const links = [link(1, 'first')];
  if (page > 1) links.push(link(page - 1, 'prev'));
  if (page < totalPages) links.push(link(page + 1, 'next'));
  links.push(link(Math.max(1, totalPages), 'last'));
  return {
    status: 200,
    body: minimal ? items.map((item) => ({ id: item.id })) : items,
    headers: {
      'Total-Pages': String(totalPages),
      'Page-Size': String(size),
      'Page-Number': String(page),
      'Total-Elements': String(found.length),
      Link: links.join(', '),
      ...(minimal ? { 'Preference-Applied': 'return=minimal' } : {}),
    },
  };
}

const carriers = [
  { name: 'Australia Post', number: (n: string) => `33LPK${n}01`, url: (t: string) => `https://auspost.com.au/mypost/track/details/${t}` },
  { name: 'StarTrack', number: (n: string) => `STK${n}`, url: (t: string) => `https://startrack.com.au/track/details/${t}` },
  { name: 'Aramex', number: (n: string) => `AX${n}`, url: (t: string) => `https://www.aramex.com.au/tools/track?l=${t}` },
  { name: 'DHL Express', number: (n: string) => `JD01${n}`, url: (t: string) => `https://www.dhl.com/au-en/home/tracking.html?tracking-id=${t}` },
];

/** A carrier, tracking number and URL, and ceil(units / 12) packages (1–6), for auto-progress. */
export function believableDispatch(order: Json, random: () => number): DispatchInput {
  const carrier = carriers[Math.floor(random() * carriers.length)]!;
  const trackingNumber = carrier.number(String(Math.floor(random() * 1e9)).padStart(9, '0'));
  const units = (order.items as Json[]).reduce((sum, item) => sum + Number((item.measures as Json).quantity), 0);
  return { carrier: carrier.name, trackingNumber, trackingUrl: carrier.url(trackingNumber), packages: Math.min(6, Math.max(1, Math.ceil(units / 12))) };
}

/** Route template for call counting, e.g. "GET /tenants/{t}/outbound-orders/{id}". */
export function endpointName(method: string, segments: string[]): string {
  if (segments[0] !== 'tenants') return `${method} /${segments.join('/')}`;
  const [, , collection, id] = segments;
  const parts = ['/tenants/{t}'];
  if (collection) parts.push(collection);
  if (id) parts.push(id === 'search' ? 'search' : '{id}');
  return `${method} ${parts.join('/')}`;
}

export const invalidJson = Symbol('invalid JSON');
export function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return invalidJson;
  }
}

export async function readRequestBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
}
