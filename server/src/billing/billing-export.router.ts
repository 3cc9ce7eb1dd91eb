import express, { type Request, type Response, type Router } from 'express';
import { AppError } from '../common/errors.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import { billingCsv } from './billing-csv.js';
import type { BillingService } from './billing.service.js';
import { utcDate } from './billing-week.js';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

/** `YYYY-MM-DD` (UTC midnight) or an ISO date-time with a zone; anything else is refused. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

function parseInstant(value: unknown, field: string): Date {
  if (typeof value !== 'string' || value.trim() === '') throw new AppError('BAD_USER_INPUT', `${field} is required (a date such as 2026-01-05, UTC).`, { field });
  const date = ISO_INSTANT.test(value.trim()) ? new Date(value.trim()) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new AppError('BAD_USER_INPUT', `${field} must be a date such as 2026-01-05 or an ISO date-time with a zone.`, { field });
  return date;
}

function sendError(res: Response, error: AppError): void {
  const code = String(error.extensions.code);
  if (code === 'UNAUTHENTICATED') res.setHeader('WWW-Authenticate', 'Bearer');
  res.status(STATUS[code] ?? 500).json({ error: { code, message: error.message, ...(error.extensions.field ? { field: error.extensions.field } : {}) } });
}

/**
 * `GET /billing/export.csv?from=&to=&customerId=`: the billing lines overlapping [from, to) as a CSV
 * file for a spreadsheet. Same bearer token as GraphQL; admin only (401 without a valid token, 403 for
 * anyone else). Mounted at `/billing` by `startConveyor` through startHttpServer's `routes` hook.
 */
export function billingExportRouter(deps: { orm: MikroORM; billing: Pick<BillingService, 'lines'> }, authenticate: (req: Request) => Promise<Viewer | null>): Router {
  const router = express.Router();
  router.get('/export.csv', async (req, res, next) => {
    try {
      let viewer: Viewer | null;
      try {
        viewer = await authenticate(req);
      } catch {
        viewer = null;
      }
      if (!viewer) throw new AppError('UNAUTHENTICATED', 'Send an access token as "Authorization: Bearer <token>".');
      if (!viewer.isAdmin) throw new AppError('FORBIDDEN', 'Only a 3PL administrator may export billing.');
      const from = parseInstant(req.query.from, 'from');
      const to = parseInstant(req.query.to, 'to');
      const customerId = typeof req.query.customerId === 'string' && req.query.customerId !== '' ? req.query.customerId : null;

      const em = deps.orm.em.fork();
      const lines = await deps.billing.lines(em, viewer, { customerId, from, to }, true);
      const csv = billingCsv(
        lines.map((l) => {
          const customer = l.customer.getEntity();
          const integration = l.integration.getEntity();
          return {
            periodStart: l.periodStart,
            periodEnd: l.periodEnd,
            customerName: customer.name,
            cartonCloudCustomerId: customer.cartonCloudCustomerId,
            integrationName: integration.name,
            integrationId: integration.id,
            amountCents: l.amountCents,
            currency: l.currency,
          };
        }),
      );
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="conveyor-billing-${utcDate(from)}-${utcDate(to)}.csv"`);
      res.setHeader('Cache-Control', 'no-store');
      res.status(200).send(Buffer.from(csv, 'utf8'));
    } catch (error) {
      if (error instanceof AppError) sendError(res, error);
      else next(error);
    }
  });
  return router;
}
