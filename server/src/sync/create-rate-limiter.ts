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
 * one slot). Unused slots (a worker that reserved and then found nothing to do) are simply lost.
 *
 * Fairness between integrations is not this class's job: it decides *when* the next create may go,
 * the create queue decides *which* shipment it is (create-queue.ts).
 */
export const SAFETY_MARGIN = 0.05;
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

  /** Reserves the next slot and waits until it comes. */
  async acquire(em: EntityManager): Promise<SlotGrant> {
    const grant = await this.reserve(em);
    if (grant.waitMs > 0) await this.sleep(grant.waitMs);
    return grant;
  }
}
