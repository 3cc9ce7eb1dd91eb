import http from 'node:http';
import https from 'node:https';
import type { SendOutcome } from './alert-retry.js';
import { guardedLookup } from './alert-target.js';
import { webhookHeaders } from './webhook-signature.js';

export const WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_ERROR_BODY = 300;

export interface WebhookRequest {
  url: string;
  id: string;
  secret: string;
  body: string;
  at: Date;
  /** production: connect only to public addresses (see alert-target.ts) */
  production: boolean;
  timeoutMs?: number;
}

/**
 * One POST of a Standard Webhooks delivery. 2xx is delivered; redirects are not followed (a 3xx is a
 * final failure: the subscription's URL must be the endpoint itself); the answer's first bytes become
 * the error text. The whole exchange is bounded by `timeoutMs`.
 */
export function postWebhook(request: WebhookRequest): Promise<SendOutcome> {
  const url = new URL(request.url);
  const transport = url.protocol === 'https:' ? https : http;
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Conveyor-Webhooks/1.0',
    'content-length': String(Buffer.byteLength(request.body)),
    ...webhookHeaders(request.secret, request.id, request.at, request.body),
  };
  const timeoutMs = request.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = transport.request(url, { method: 'POST', headers, ...(request.production ? { lookup: guardedLookup } : {}) }, (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_ERROR_BODY) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('error', (error) => finish({ kind: 'network-error', error: `the response broke off: ${error.message}` }));
      res.on('end', () => {
        if (status >= 200 && status < 300) return finish({ kind: 'delivered', statusCode: status });
        const text = Buffer.concat(chunks).toString('utf8').slice(0, MAX_ERROR_BODY).replace(/\s+/g, ' ').trim();
        const what = status >= 300 && status < 400 ? `redirected to ${res.headers.location ?? 'another URL'} (redirects are not followed: use the final URL)` : `answered HTTP ${status}`;
        finish({ kind: 'http', statusCode: status, error: `The endpoint ${what}${text ? `: ${text}` : ''}`, retryAfter: res.headers['retry-after'] ?? null });
      });
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code && !error.message.includes(error.code) ? ` (${error.code})` : '';
      finish({ kind: 'network-error', error: `Could not reach the endpoint: ${error.message}${code}` });
    });
    req.end(request.body);
  });
}
