import { pgArray } from '../common/pg-array.js';
import { Integration } from '../integrations/integration.entity.js';
import { IntegrationStatus } from '../integrations/integration.enums.js';
import { pollIntervalFor, webhookPollStates } from './poll-interval.js';
import { syncIntegrationSchedule } from '../integrations/integration-schedule.js';
import type { OrderSyncDeps } from './sync-deps.js';

export interface WatchdogReport {
  /** integrations newly flagged overdue */
  flagged: string[];
  /** integrations whose flag was cleared (polls resumed) */
  cleared: string[];
  /** integrations whose missing poll schedule was re-created */
  repaired: string[];
}

/**
 * Schedules must never stop silently: an ACTIVE integration (credentials not refused) whose last
 * order poll started more than three intervals ago — counted from activation when it never ran — is
 * flagged (IntegrationHealth: healthMessage, INTEGRATION_UPDATED) and its schedule is re-created;
 * one with no 'orders.poll' job at all gets it back at once. The flag goes when polls run again
 * (here, or at the start of the next poll). An integration paused because its Unleashed allowance is used
 * up is not overdue while the pause lasts.
 */
export async function runSyncWatchdog(deps: Pick<OrderSyncDeps, 'orm' | 'clock' | 'config' | 'scheduler' | 'logger' | 'health'>): Promise<WatchdogReport> {
  const em = deps.orm.em.fork();
  const now = deps.clock.now();
  const report: WatchdogReport = { flagged: [], cleared: [], repaired: [] };
  const integrations = await em.find(Integration, { status: IntegrationStatus.ACTIVE, credentialsRejectedAt: null });
  if (!integrations.length) return report;
  const rows = await em.getConnection().execute<{ integration_id: string; last: Date }[]>(
    `select integration_id, max(coalesce(started_at, created_at)) as last from sync_runs
     where kind = 'ORDERS' and trigger <> 'webhook' and integration_id = any(?::uuid[]) group by integration_id`,
    [pgArray(integrations.map((i) => i.id))],
  );
  const lastRun = new Map(rows.map((r) => [r.integration_id, new Date(r.last)]));
  // a paused integration (its Unleashed allowance used up) is not polled on purpose: counted from the pause's end
  const pauses = await deps.health.quotaPauses(em, integrations.map((i) => i.id));
  // while webhooks are healthy the polls are stretched (poll-interval.ts): overdue is measured against that
  const webhookStates = await webhookPollStates(em, integrations.map((i) => i.id));
  for (const integration of integrations) {
    const lastPoll = lastRun.get(integration.id) ?? integration.activatedAt ?? integration.createdAt;
    const resumes = pauses.get(integration.id);
    const last = resumes && resumes > lastPoll ? resumes : lastPoll;
    const limitMs = 3 * pollIntervalFor(webhookStates.get(integration.id)!, deps.config);
    const overdue = now.getTime() - last.getTime() > limitMs;
    const scheduled = await deps.scheduler.scheduledCount('orders.poll', integration.id);
    if (overdue || scheduled === 0) {
      await syncIntegrationSchedule(deps.scheduler, deps.config, integration);
      report.repaired.push(integration.id);
    }
    const verdict = await deps.health.pollVerdict(em, integration, overdue);
    if (verdict) report[verdict].push(integration.id);
  }
  if (report.flagged.length) deps.logger.warn({ integrations: report.flagged }, 'order polls overdue: schedules re-created');
  return report;
}
