import type { IncomingMessage, ServerResponse } from 'node:http';
import { send } from './cartoncloud-sandbox.http.js';
import type { SandboxStore } from './cartoncloud-sandbox.store.js';

/**
 * The sandbox's identity endpoints: `POST /uaa/oauth/token` (client credentials, HTTP Basic, the token's
 * lifetime a sandbox switch) and `GET /uaa/userinfo` (the API client and its tenants), with CartonCloud's
 * error bodies (`invalid_client`, `unsupported_grant_type`, `invalid_token`).
 */
export function handleUaa(store: SandboxStore, tokenExpiresInSeconds: number, req: IncomingMessage, res: ServerResponse, method: string, path: string, raw: string): void {
  if (path === 'uaa/oauth/token') {
    if (method !== 'POST') return send(res, 405, [{ message: `Method ${method} not allowed` }]);
    const grant = new URLSearchParams(raw).get('grant_type');
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (!basic) return send(res, 401, { error: 'unauthorized', error_description: 'Full authentication is required' });
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const found = colon > 0 ? store.findApiClient(decoded.slice(0, colon)) : undefined;
    if (!found || found.client.clientSecret !== decoded.slice(colon + 1)) {
      return send(res, 401, { error: 'invalid_client', error_description: 'Bad client credentials' });
    }
    if (grant !== 'client_credentials') {
      return send(res, 400, { error: 'unsupported_grant_type', error_description: `Unsupported grant type: ${String(grant)}` });
    }
    const expiresIn = tokenExpiresInSeconds;
    const accessToken = store.issueToken(found.tenant.id, found.client.clientId, expiresIn);
    return send(res, 200, { access_token: accessToken, token_type: 'bearer', expires_in: expiresIn, scope: 'api' });
  }
  if (path === 'uaa/userinfo') {
    const token = bearerToken(store, req);
    if (!token) return send(res, 401, { error: 'invalid_token', error_description: 'Access token is missing, invalid or expired' });
    const tenant = store.tenants.get(token.tenantId)!;
    return send(res, 200, { id: token.clientId, name: 'API Client', email: null, tenants: [{ id: tenant.id, name: tenant.name }] });
  }
  return send(res, 404, [{ message: 'Not Found' }]);
}

/** The bearer token of a request, if it is one the sandbox issued and it has not expired. */
export function bearerToken(store: SandboxStore, req: IncomingMessage) {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return bearer ? store.checkToken(bearer[1]!) : undefined;
}
