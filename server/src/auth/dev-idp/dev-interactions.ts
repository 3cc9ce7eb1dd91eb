import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider' with { 'resolution-mode': 'import' };
import type { Logger } from '../../common/logger.js';
import { authenticateDemoAccount } from './demo-identities.js';
import { renderErrorPage, renderLoginPage } from './dev-login-pages.js';

/**
 * The development identity provider's interaction routes (mounted beside oidc-provider under the issuer):
 *   GET  {issuer}/interaction/:uid        login page, or automatic consent for the console
 *   POST {issuer}/interaction/:uid/login  checks the demo password; wrong → the page again with an error
 */

export const WRONG_CREDENTIALS_MESSAGE = 'Wrong email or password';

const ROUTE = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?\/?(?:\?.*)?$/;
const MAX_FORM_BYTES = 16 * 1024;

type ProviderInstance = InstanceType<typeof Provider>;

export interface DevInteractionsOptions {
  provider: ProviderInstance;
  /** The issuer's path (`/oidc`), which prefixes the form's action. */
  mountPath: string;
  /** The first-party client whose consent is given automatically. */
  consoleClientId: string;
  logger?: Logger;
}

function send(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Frame-Options', 'DENY');
  res.end(html);
}

/** The urlencoded form, from the stream or from a body parser that ran before us. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (parsed && typeof parsed === 'object' && !Buffer.isBuffer(parsed)) {
    return new URLSearchParams(Object.entries(parsed as Record<string, unknown>).map(([key, value]) => [key, String(value)]));
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export function createDevInteractions(options: DevInteractionsOptions) {
  const { provider, mountPath, consoleClientId } = options;

  async function clientName(clientId: unknown): Promise<string> {
    const client = typeof clientId === 'string' ? await provider.Client.find(clientId) : undefined;
    return client?.clientName ?? (typeof clientId === 'string' ? clientId : 'Conveyor');
  }

  async function showPrompt(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return send(res, 400, renderErrorPage('Sign-in problem', { error: 'This sign-in page belongs to another sign-in attempt.' }));
    const { prompt, params, session } = details;

    if (prompt.name === 'login') {
      return send(res, 200, renderLoginPage({ action: `${mountPath}/interaction/${uid}/login`, clientName: await clientName(params.client_id) }));
    }

    if (prompt.name === 'consent' && params.client_id === consoleClientId && session?.accountId) {
      // First-party client: grant what it asked for without a consent screen.
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: session.accountId, clientId: consoleClientId });
      if (!grant) throw new Error('grant of this interaction not found');
      const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }

    return provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'this client needs consent the development identity provider cannot give' },
      { mergeWithLastSubmission: false },
    );
  }

  async function login(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid || details.prompt.name !== 'login') {
      return send(res, 400, renderErrorPage('Sign-in problem', { error: 'This sign-in attempt is no longer waiting for a password.' }));
    }
    const form = await readForm(req);
    const email = form.get('email') ?? '';
    const account = authenticateDemoAccount(email, form.get('password') ?? '');
    if (!account) {
      const page = renderLoginPage({ action: `${mountPath}/interaction/${uid}/login`, clientName: await clientName(details.params.client_id), email, error: WRONG_CREDENTIALS_MESSAGE });
      return send(res, 401, page);
    }
    return provider.interactionFinished(req, res, { login: { accountId: account.email } }, { mergeWithLastSubmission: false });
  }

  return {
    handles(req: IncomingMessage): boolean {
      return ROUTE.test(req.url ?? '');
    },

    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const [, uid = '', loginRoute] = ROUTE.exec(req.url ?? '') ?? [];
      try {
        if (req.method === 'GET' && !loginRoute) return await showPrompt(req, res, uid);
        if (req.method === 'POST' && loginRoute) return await login(req, res, uid);
        res.setHeader('Allow', loginRoute ? 'POST' : 'GET');
        return send(res, 405, renderErrorPage('Sign-in problem', { error: 'This page does not accept that request method.' }));
      } catch (error) {
        if (res.headersSent) return void res.end();
        if ((error as Error).name === 'SessionNotFound') {
          return send(res, 400, renderErrorPage('Sign-in expired', { error: 'This sign-in attempt has expired or was opened in another browser. Go back to Conveyor and sign in again.' }));
        }
        options.logger?.error({ err: error }, 'identity provider interaction failed');
        return send(res, 500, renderErrorPage('Sign-in problem', { error: 'Something went wrong while signing in. Try again.' }));
      }
    },
  };
}
