import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The deployment-wide CartonCloud create limiter, kept in PostgreSQL so every worker process shares it.
 *
 * Design: a "next slot" row per API client (`create_rate_limits`). Reserving a slot is ONE atomic
 * statement — `UPDATE … SET next_slot_at = greatest(next_slot_at, clock_timestamp()) + spacing
 * RETURNING …` — so the row lock serialises reservations across processes with no lock held beyond
 * the statement. The caller gets its slot instant and sleeps until then (both instants come from the
 * database clock, so workers on machines whose clocks differ still agree). Slots are spaced evenly:
 * never a burst, so any window of the provider's length holds at most `rate` creates, whatever the
 * window's alignment. A small safety margin (`SAFETY_MARGIN`) absorbs network jitter between our send
 * and CartonCloud's count (a request sent 1 ms late and the next 1 ms early must not look like two in
 * one slot): 8 % tolerates ~80 ms of jitter at 20/s and 5 s at 30/min. Unused slots (a worker that reserved and then found nothing to do) are simply lost.
 *
 * Fairness between integrations is not this class's job: it decides *when* the next create may go,
 * the create queue decides *which* shipment it is (create-queue.ts).
 */
export const SAFETY_MARGIN = 0.08;
export const CARTONCLOUD_CREATE_KEY = 'cartoncloud:create';

/** Milliseconds between two creates for a per-minute limit, with the safety margin. */
export function slotSpacingMs(ratePerMinute: number, margin = SAFETY_MARGIN): number {
  if (!(ratePerMinute > 0)) throw new RangeError(`a create rate must be positive, got ${ratePerMinute}`);
  return (60_000 / ratePerMinute) * (1 + margin);
}

/** The slot a reservation gets: the later of "now" and the next free slot. */
export function nextSlot(nextFreeAt: number, now: number): number {
  return Math.max(nextFreeAt, now);
}

/** The most creates evenly spaced slots can put into any window of `windowMs`. */
export function maxInWindow(spacingMs: number, windowMs: number): number {
  return Math.floor(windowMs / spacingMs) + 1;
}

/** Woke up more than half a spacing after the slot: sending now could crowd the next slots. */
export function isLate(lateByMs: number, spacingMs: number): boolean {
  return lateByMs > spacingMs / 2;
}

export interface SlotGrant {
  /** when the create may be sent (database clock) */
  slotAt: Date;
  /** how long the caller waits for it */
  waitMs: number;
}

export class CreateRateLimiter {
  readonly spacingMs: number;

  constructor(
    ratePerMinute: number,
    private readonly key = CARTONCLOUD_CREATE_KEY,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.spacingMs = slotSpacingMs(ratePerMinute);
  }

  /** Reserves the next slot (one statement, any process) without waiting for it. */
  async reserve(em: EntityManager): Promise<SlotGrant> {
    const connection = em.getConnection();
    const seconds = this.spacingMs / 1000;
    const rows = await connection.execute<{ slot_at: Date; wait_ms: string | number }[]>(
      `insert into create_rate_limits as l (key, next_slot_at) values (?, clock_timestamp() + make_interval(secs => ?))
       on conflict (key) do update set next_slot_at = greatest(l.next_slot_at, clock_timestamp()) + make_interval(secs => ?)
       returning l.next_slot_at - make_interval(secs => ?) as slot_at,
                 greatest(0, extract(epoch from (l.next_slot_at - make_interval(secs => ?) - clock_timestamp())) * 1000) as wait_ms`,
      [this.key, seconds, seconds, seconds, seconds],
    );
    const row = rows[0]!;
    return { slotAt: new Date(row.slot_at), waitMs: Number(row.wait_ms) };
  }

  /**
   * Reserves the next slot and waits until it comes. A worker that wakes up well after its slot (an
   * event-loop stall, a paused VM) would send right next to the following slots' creates: it gives the
   * slot up and reserves again, so lateness never turns into a burst. null when `signal` aborts the wait
   * (a stopping worker): the slot is given up unused.
   */
  async acquire(em: EntityManager, signal?: AbortSignal): Promise<SlotGrant | null> {
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) return null;
      const grant = await this.reserve(em);
      const wakeAt = Date.now() + grant.waitMs;
      if (grant.waitMs > 0 && !(await this.wait(grant.waitMs, signal))) return null;
      if (!isLate(Date.now() - wakeAt, this.spacingMs) || attempt >= 3) return grant;
    }
  }

  /** false when `signal` aborted the wait */
  private async wait(ms: number, signal?: AbortSignal): Promise<boolean> {
    if (!signal) {
      await this.sleep(ms);
      return true;
    }
    if (signal.aborted) return false;
    let onAbort!: () => void;
    const aborted = new Promise<false>((resolve) => {
      onAbort = () => resolve(false);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    const slept = await Promise.race([this.sleep(ms).then(() => true as const), aborted]);
    signal.removeEventListener('abort', onAbort);
    return slept;
  }
}
