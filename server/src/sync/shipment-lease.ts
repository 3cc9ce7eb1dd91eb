import pg from 'pg';

/**
 * "I am working on this ledger row right now", held as a PostgreSQL transaction-level advisory lock on
 * a connection of a small dedicated pool, from before the claim until after the outcome is written.
 *
 * Why a lock and not a timeout: a CLAIMED row whose lease nobody holds belongs to a worker that died, or
 * whose connection PostgreSQL dropped — only then; a live but slow worker (a create waiting 30 s for
 * CartonCloud) keeps its lease, so nobody second-guesses it and sends the same order again.
 *
 * A lease can be lost while its holder lives (PostgreSQL restarted, `pg_terminate_backend`): the lock is
 * gone the moment the connection is. The holder must then not send anything more for the row: it asks
 * `lease.stillHeld()` right before a create (a round trip on the lease's own connection), and whoever
 * finds the row afterwards leaves it alone until any create already on its way has landed (create-queue.ts).
 * The pool's size bounds this process's creates in flight (callers queue for a connection).
 */
export interface Lease {
  /** true while the lock is certainly held: the lease's connection answered just now and never failed */
  stillHeld(): Promise<boolean>;
}

export class ShipmentLeases {
  private readonly pool: pg.Pool;

  constructor(
    databaseUrl: string,
    readonly size = 4,
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: size });
    this.pool.on('error', () => undefined); // a dropped idle connection is replaced on the next use
  }

  /**
   * Runs `work` holding the lease of `rowId`; resolves to `{ held: false }` at once when another live
   * worker holds it.
   */
  async withLease<T>(rowId: string, work: (lease: Lease) => Promise<T>): Promise<{ held: true; result: T } | { held: false }> {
    let lost = false;
    // a checked-out connection has no pool listener: PostgreSQL dropping it mid-lease would otherwise be
    // an unhandled 'error' event, which ends the process
    const onError = () => void (lost = true);
    const client = await this.pool.connect();
    client.on('error', onError);
    let broken = false; // a query on the lease's connection failed: destroy it rather than pool it
    try {
      await client.query('begin');
      const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_xact_lock(hashtextextended($1, 7)) as ok', [rowId]);
      if (!rows[0]?.ok) {
        await client.query('rollback');
        return { held: false };
      }
      const lease: Lease = {
        stillHeld: async () => {
          if (lost) return false;
          try {
            await client.query('select 1');
            return !lost;
          } catch {
            lost = true;
            return false;
          }
        },
      };
      try {
        return { held: true, result: await work(lease) };
      } finally {
        if (!lost) await client.query('rollback').catch(() => void (lost = true));
      }
    } catch (error) {
      broken = true;
      throw error;
    } finally {
      client.removeListener('error', onError);
      client.release(lost || broken ? true : undefined);
    }
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
