import { DAY_MS, utcDate } from './billing-week.js';

/** What one CSV row needs (a BillingLine with its customer and integration loaded). */
export interface BillingCsvLine {
  periodStart: Date;
  periodEnd: Date;
  customerName: string;
  cartonCloudCustomerId: string;
  integrationName: string;
  integrationId: string;
  amountCents: number;
  currency: string;
}

export const BILLING_CSV_HEADER = ['Week start', 'Week end', 'Customer', 'CartonCloud customer id', 'Integration', 'Integration id', 'Amount', 'Currency'] as const;

/** Excel, LibreOffice and Sheets read UTF-8 only when the file starts with a byte order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * One CSV cell (RFC 4180): always quoted, inner quotes doubled. A cell a spreadsheet would run as a
 * formula (starting with = + - @, or a tab or carriage return) gets a leading apostrophe (OWASP "CSV
 * injection"), so a customer or integration name can never execute anything on the 3PL's machine.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Cents as a decimal amount: 1000 → "10.00", 5 → "0.05". */
export function formatAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * The export: a BOM, a header row, one row per line, CRLF line ends. Weeks are written as dates (UTC):
 * "Week start" is the Monday, "Week end" the Sunday, the last day of the week (inclusive), so a
 * spreadsheet shows a seven-day span; the API's periodEnd is the exclusive next Monday 00:00 UTC.
 */
export function billingCsv(lines: readonly BillingCsvLine[]): string {
  const rows = [BILLING_CSV_HEADER.map(csvCell).join(',')];
  for (const l of lines) {
    rows.push(
      [
        utcDate(l.periodStart),
        utcDate(new Date(l.periodEnd.getTime() - DAY_MS)),
        l.customerName,
        l.cartonCloudCustomerId,
        l.integrationName,
        l.integrationId,
        formatAmount(l.amountCents),
        l.currency,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${UTF8_BOM}${rows.join('\r\n')}\r\n`;
}
