import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import type { Logger } from '../common/logger.js';
import type { SecretBox } from '../common/secret-box.js';
import type { JobScheduler } from '../jobs/job-scheduler.js';
import type { AlertMailer } from './alert-mailer.js';
import type { AttentionDigestQuery } from './attention-digest.query.js';

/** What the alerts domain needs from the application; `app/` builds it (nothing here imports `app/`). */
export interface AlertsDeps {
  orm: MikroORM;
  clock: Clock;
  logger: Logger;
  /** seals webhook signing secrets (the row id as associated data) */
  secretBox: SecretBox;
  /** delivery jobs: the first attempt now, retries at their time */
  scheduler: Pick<JobScheduler, 'now' | 'schedule'>;
  /** NODE_ENV=production: webhooks only to public https endpoints (SSRF) */
  production: boolean;
  /** the e-mail sender, or null when e-mail is not configured (no SMTP_URL and no mail catcher) */
  mailer: AlertMailer | null;
  /** the console's base URL, for links in alerts (PUBLIC_URL, or where this process listens) */
  consoleUrl: () => string;
  /** which ledger rows a digest reports (see attention-digest.query.ts) */
  attentionDigest: AttentionDigestQuery;
  /** resolves webhook hosts when a subscription is created in production (tests pass their own) */
  resolveHost?: (host: string) => Promise<string[]>;
}
