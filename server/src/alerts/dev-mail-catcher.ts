import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../common/logger.js';

/** One e-mail the development mail catcher received. */
export interface CaughtMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  receivedAt: Date;
}

export interface DevMailCatcher {
  /** `smtp://127.0.0.1:<port>`: where the alert mailer sends when SMTP_URL is unset under `npm start` */
  url: string;
  /** newest first */
  messages(): CaughtMail[];
  close(): Promise<void>;
}

export const DEV_MAILBOX_CAPACITY = 200;

/**
 * A real SMTP server on a free loopback port that keeps the last `capacity` messages in memory, so the
 * demo shows e-mail alerts end to end without a mail server (README "Alerts"). Development only:
 * `smtp-server` and `mailparser` are dev dependencies, loaded here with `import()` so the production
 * start path never requires them.
 */
export async function startDevMailCatcher(logger: Logger, capacity = DEV_MAILBOX_CAPACITY): Promise<DevMailCatcher> {
  const smtp = await import('smtp-server');
  const { simpleParser } = await import('mailparser');
  const SMTPServer = smtp.SMTPServer ?? (smtp as unknown as { default: typeof smtp }).default.SMTPServer;
  const inbox: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    banner: 'Conveyor development mail catcher',
    size: 5 * 1024 * 1024,
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'dev' }),
    onData: (stream, session, callback) => {
      simpleParser(stream)
        .then((parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to.flatMap((a) => a.value) : (parsed.to?.value ?? []);
          inbox.unshift({
            id: randomUUID(),
            from: parsed.from?.text ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
            to: to.length ? to.map((a) => a.address ?? a.name) : session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            receivedAt: new Date(),
          });
          inbox.splice(capacity);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  server.on('error', (error) => logger.warn({ err: error }, 'development mail catcher error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  const url = `smtp://127.0.0.1:${port}`;
  logger.info({ url }, 'SMTP_URL is unset: alert e-mails go to the development mail catcher (console: Mail (development))');
  return {
    url,
    messages: () => [...inbox],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
