/**
 * Every background job: its name and its payload type, in one place. The scheduler refuses to start
 * when a name has no handler (STYLE.md "Jobs"). Handlers live beside their domain (`<domain>/*.job.ts`).
 */
export interface JobPayloads {
  /** poll Unleashed for one ACTIVE integration and create CartonCloud sale orders */
  'orders.poll': { integrationId: string; runId?: string };
  /** sync one order an Unleashed webhook announced (its shipments), through the poll's exactly-once path */
  'orders.hint': { integrationId: string; orderGuid: string };
  /** keep one integration's Unleashed webhook subscription as it should be: created, checked, or removed */
  'webhooks.maintain': { integrationId: string };
  /** write CartonCloud dispatches back to Unleashed for one integration */
  'fulfilment.poll': { integrationId: string };
  /** write billing lines for every closed billing week not yet billed */
  'billing.close-weeks': Record<string, never>;
  /** flag integrations whose polls are overdue and repair missing schedules */
  'sync.watchdog': Record<string, never>;
  // alerts (alerts/alert-delivery.job.ts)
  /** one attempt at one alert delivery */
  'alerts.deliver': { deliveryId: string };
  /** send due alert deliveries whose job was lost */
  'alerts.deliver-due': Record<string, never>;
  /** write the hourly shipments.need_attention digests */
  'alerts.digest': Record<string, never>;
}

export type JobName = keyof JobPayloads;

/** The jobs this build runs: each must have a handler in job-handlers.ts. */
export const JOB_NAMES: readonly JobName[] = ['billing.close-weeks', 'fulfilment.poll', 'orders.poll', 'orders.hint', 'webhooks.maintain', 'sync.watchdog', 'alerts.deliver', 'alerts.deliver-due', 'alerts.digest'];

/** Jobs that run on a fixed schedule for the whole deployment (not per integration). */
export const RECURRING_JOBS: { name: JobName; every: (pollIntervalMs: number) => string | number }[] = [
  { name: 'billing.close-weeks', every: () => '1 hour' },
  { name: 'sync.watchdog', every: (pollIntervalMs) => Math.max(60_000, pollIntervalMs) },
  { name: 'alerts.deliver-due', every: () => '5 minutes' },
  { name: 'alerts.digest', every: () => '5 minutes' },
];

/**
 * Per-integration jobs that a shutdown may cut short (a poll working through a backlog): the stopping
 * worker queues them once more, with this payload, so another worker carries on at once instead of at the
 * next interval. (A syncNow poll's run is finished by the poll that was cut short; the new one has its own.)
 */
export const RESUME_ELSEWHERE_ON_STOP: { [N in JobName]?: (data: JobPayloads[N]) => JobPayloads[N] } = {
  'orders.poll': ({ integrationId }) => ({ integrationId }),
};

export type JobHandler<N extends JobName> = (data: JobPayloads[N]) => Promise<void>;
export type JobHandlers = { [N in JobName]: JobHandler<N> };

/** Per-integration jobs are unique by integration id. */
export function integrationJobKey(integrationId: string) {
  return { 'data.integrationId': integrationId };
}
