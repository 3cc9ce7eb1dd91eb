import pino, { type Logger } from 'pino';
import { redactString } from './redaction.js';

/**
 * Structured JSON logs. Secrets are redacted by path wherever they could appear, and every serialised line
 * goes through `redactString` (tokens, keyed secrets and registered secret values inside any string: error
 * messages, raw bodies); code never logs an API key in a message (see the secrets test in integrations/).
 * Request bodies are never logged (`body` is dropped from logged errors: body-parser attaches the raw text).
 */
export const redactPaths = [
  'apiKey',
  '*.apiKey',
  '*.*.apiKey',
  'password',
  '*.password',
  'clientSecret',
  '*.clientSecret',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers["api-auth-signature"]',
  '*.headers["api-auth-signature"]',
  'variables',
  '*.variables',
  'ENCRYPTION_KEY',
  '*.ENCRYPTION_KEY',
  'body',
  '*.body',
  'rawBody',
  '*.rawBody',
];

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'conveyor' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      hooks: { streamWrite: redactString },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
