import nodemailer from 'nodemailer';
import type { SendOutcome } from './alert-retry.js';

export interface AlertMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** the delivery id: the same Message-ID on every retry, so mail clients show one message */
  id: string;
}

/** Sends alert e-mails through one SMTP server (SMTP_URL, or the development mail catcher). */
export interface AlertMailer {
  send(mail: AlertMail): Promise<SendOutcome>;
  close(): void;
}

const TIMEOUT_MS = 15_000;

/**
 * nodemailer over `smtp://user:pass@host:port` (STARTTLS when the server offers it) or `smtps://` (TLS
 * from the start). Every wait is bounded; an SMTP reply code is kept so 4xx (try later) and 5xx
 * (refused) can be told apart.
 */
export function createAlertMailer(url: string, from: string, options: { ignoreTLS?: boolean } = {}): AlertMailer {
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    ignoreTLS: options.ignoreTLS ?? false,
  });
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${mail.id}@alerts.conveyor>`,
          headers: { 'X-Conveyor-Alert': mail.id },
        });
        if (info.rejected.length > 0) return { kind: 'smtp', statusCode: 550, error: `The mail server refused the recipient ${mail.to}.` };
        const code = Number(/^(\d{3})/.exec(info.response ?? '')?.[1] ?? 250);
        return { kind: 'delivered', statusCode: code };
      } catch (error) {
        const e = error as { responseCode?: number; message?: string; code?: string };
        return {
          kind: 'smtp',
          statusCode: typeof e.responseCode === 'number' ? e.responseCode : null,
          error: `Sending the e-mail failed: ${e.message ?? String(error)}`.slice(0, 500),
        };
      }
    },
    close() {
      transport.close();
    },
  };
}
