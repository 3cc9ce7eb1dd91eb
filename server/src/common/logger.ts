import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Secrets are redacted by path wherever they could appear; code never logs an
 * API key in a message (see the secrets test in integrations/).
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
];

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'conveyor' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
