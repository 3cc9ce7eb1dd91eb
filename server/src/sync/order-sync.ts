import { PROVIDER_TIMEOUT_MS } from '../providers/provider-factory.js';
import type { SyncRun } from '../runs/sync-run.entity.js';
import { DEFAULT_BREAKER_OPTIONS, type BreakerOptions } from './create-breaker.js';
import { CreateOutcomes, defaultBackoffMs, type CreateOutcomeOptions } from './create-outcome.js';
import { CreatePause } from './create-pause.js';
import { CreateQueue } from './create-queue.js';
import { CreateRateLimiter } from './create-rate-limiter.js';
import { IntegrationSettingsCache } from './integration-settings.js';
import { OrderPollService, type PollObserver } from './order-poll.service.js';
import { OrderPreviewService } from './order-preview.service.js';
import { ShipmentLeases } from './shipment-lease.js';
import type { OrderSyncDeps } from './sync-deps.js';
import { SyncService } from './sync.service.js';
import { runSyncWatchdog, type WatchdogReport } from './sync-watchdog.js';

export interface OrderSyncOptions extends Partial<CreateOutcomeOptions> {
  /** creates in flight in this process (default 4) */
  concurrency?: number;
  /** Unleashed list page size */
  pageSize?: number;
  /** how long one poll may spend creating (default: 80 % of the poll interval, 1–8 minutes) */
  drainBudgetMs?: number;
  /** overrides CARTONCLOUD_CREATE_RATE_PER_MINUTE (benchmarks) */
  createRatePerMinute?: number;
  /** database the leases connect to (default: the ORM's) */
  databaseUrl?: string;
  /**
   * how long a claim left by a vanished worker waits before it is searched for and sent again: any create
   * that worker had on its way has landed by then (default: the CartonCloud request timeout + 5 s)
   */
  staleClaimGraceMs?: number;
  /** Unleashed calls one poll may make before it leaves the rest of a long walk to the next poll (default 500) */
  unleashedCallBudget?: number;
  /** how long after a 403 the credentials are checked once more before the integration is stopped (default 15 s) */
  authRecheckDelayMs?: number;
  /** creation's circuit breaker (create-breaker.ts; tests) */
  breaker?: Partial<BreakerOptions>;
}

/**
 * The order sync of one process, wired: the create leases, the shared rate limiter, creation's circuit
 * breaker, the settings cache, the fair create queue and what writes its outcomes, the poll, the watchdog,
 * and the GraphQL-facing services (syncNow and retries; the wizard's dry run).
 */
/** Unleashed's largest list page (reference §0: pageSize ≤ 1000). */
export const UNLEASHED_MAX_PAGE_SIZE = 1000;

export class OrderSync {
  readonly leases: ShipmentLeases;
  readonly limiter: CreateRateLimiter;
  readonly pause: CreatePause;
  readonly queue: CreateQueue;
  readonly polls: OrderPollService;
  readonly service: SyncService;
  readonly preview: OrderPreviewService;

  constructor(
    private readonly deps: OrderSyncDeps,
    options: OrderSyncOptions = {},
  ) {
    const concurrency = options.concurrency ?? 4;
    const databaseUrl = options.databaseUrl ?? (deps.orm.config.get('clientUrl') as string);
    this.leases = new ShipmentLeases(databaseUrl, concurrency);
    this.limiter = new CreateRateLimiter(options.createRatePerMinute ?? deps.config.CARTONCLOUD_CREATE_RATE_PER_MINUTE);
    this.pause = new CreatePause(deps, { ...DEFAULT_BREAKER_OPTIONS, ...options.breaker });
    const outcomes = new CreateOutcomes({ ...deps, pause: this.pause }, { maxAttempts: options.maxAttempts ?? 5, backoffMs: options.backoffMs ?? defaultBackoffMs });
    this.queue = new CreateQueue(
      {
        orm: deps.orm,
        clock: deps.clock,
        cartonCloud: () => deps.providers.cartonCloud(),
        ledger: deps.ledger,
        leases: this.leases,
        limiter: this.limiter,
        settings: new IntegrationSettingsCache(),
        outcomes,
        pause: this.pause,
      },
      { concurrency, staleClaimGraceMs: options.staleClaimGraceMs ?? PROVIDER_TIMEOUT_MS + 5_000 },
    );
    const drainBudgetMs = options.drainBudgetMs ?? Math.min(8 * 60_000, Math.max(60_000, 0.8 * deps.config.pollIntervalMs));
    this.polls = new OrderPollService(deps, this.queue, {
      // pages as large as Unleashed allows: a window re-read for its overlap after a burst stays one page (issue 13)
      pageSize: options.pageSize ?? UNLEASHED_MAX_PAGE_SIZE,
      drainBudgetMs,
      unleashedCallBudget: options.unleashedCallBudget ?? 500,
      authRecheckDelayMs: options.authRecheckDelayMs ?? 15_000,
    });
    this.service = new SyncService(deps);
    this.preview = new OrderPreviewService(deps);
  }

  poll(integrationId: string, runId?: string, observer?: PollObserver): Promise<SyncRun | null> {
    return this.polls.poll(integrationId, runId, observer);
  }

  /** one order an Unleashed webhook announced (`orders.hint`) */
  hint(integrationId: string, orderGuid: string, observer?: PollObserver): Promise<SyncRun | null> {
    return this.polls.hint(integrationId, orderGuid, observer);
  }

  watchdog(): Promise<WatchdogReport> {
    return runSyncWatchdog(this.deps);
  }

  /** Shutdown, step 1: no new create is claimed; rows waiting for a rate slot go back to PENDING. */
  stop(): void {
    this.queue.stop();
  }

  /** Shutdown, step 2 (the grace period is over): stop waiting for creates in flight. */
  abandon(): void {
    this.queue.abandon();
  }

  async close(): Promise<void> {
    this.queue.stop();
    await this.leases.close();
  }
}
