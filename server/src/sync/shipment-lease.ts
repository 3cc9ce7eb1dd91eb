import pg from 'pg';

/**
 * "I am working on this ledger row right now", held as a PostgreSQL transaction-level advisory lock on
 * a connection of a small dedicated pool, from before the claim until after the outcome is written.
 *
 * Why a lock and not a timeout: a CLAIMED row whose lease nobody holds belongs to a worker that died
 * (its connection closed, so PostgreSQL released the lock) — it can be recovered at once, and only
 * then. A live but slow worker (a create waiting 30 s for CartonCloud) keeps its lease, so nobody
 * second-guesses it and sends the same order again.
 * The pool's size bounds this process's creates in flight (callers queue for a connection).
 */
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
  async withLease<T>(rowId: string, work: () => Promise<T>): Promise<{ held: true; result: T } | { held: false }> {
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      await client.query('begin');
      const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_xact_lock(hashtextextended($1, 7)) as ok', [rowId]);
      if (!rows[0]?.ok) {
        await client.query('rollback');
        return { held: false };
      }
      try {
        return { held: true, result: await work() };
      } finally {
        await client.query('rollback').catch(() => undefined);
      }
    } finally {
      client?.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
