import pg from 'pg';
import { FanOut } from './fan-out.js';
import type { Logger } from './logger.js';

/**
 * Subscription events that cross processes: every publish is a PostgreSQL NOTIFY, and every process
 * LISTENs and hands what arrives to its local fan-out (fan-out.ts, which type-graphql subscriptions read). Payloads
 * carry ids only (NOTIFY is limited to 8 kB); resolvers load the current row.
 */
export const Topics = {
  SYNC_RUN_UPDATED: 'SYNC_RUN_UPDATED',
  INTEGRATION_UPDATED: 'INTEGRATION_UPDATED',
} as const;
export type Topic = (typeof Topics)[keyof typeof Topics];

export interface SyncRunEvent {
  syncRunId: string;
  integrationId: string;
  customerId: string;
}
export interface IntegrationEvent {
  integrationId: string;
  customerId: string;
}

const CHANNEL = 'conveyor_events';

/** An event this process may have missed while its listener was down, to hand to its own subscribers. */
export type MissedEvent = { topic: typeof Topics.SYNC_RUN_UPDATED; payload: SyncRunEvent } | { topic: typeof Topics.INTEGRATION_UPDATED; payload: IntegrationEvent };
/** Reads what changed since a moment (app/ wires it: integrations, health conditions, runs). */
export type MissedEventsSince = (since: Date) => Promise<MissedEvent[]>;
/** How far before the moment the listener was lost a catch-up looks (clocks of processes and database differ a little). */
const CATCH_UP_MARGIN_MS = 5_000;

/** Wait before reconnect attempt `n` (1-based): 250 ms doubling to 15 s, with jitter; never gives up. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(15_000, 250 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export class EventBus {
  readonly pubSub = new FanOut();
  private listener: pg.Client | null = null;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private attempts = 0;
  private pool: pg.Pool;
  /** when the listener was lost (null while listening) */
  private lostAt: Date | null = null;
  private missedEventsSince: MissedEventsSince | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    this.pool.on('error', (error) => this.logger.warn({ err: error }, 'event bus connection error'));
  }

  async start(): Promise<void> {
    await this.connectListener();
  }

  /**
   * What to replay after a reconnect: PostgreSQL does not keep a NOTIFY for a listener that is not
   * connected, so the changes made meanwhile are read back and handed to this process's subscribers (the
   * resolvers load the current rows, so an event too many is harmless; one missing is a stale screen).
   */
  catchUpWith(missedEventsSince: MissedEventsSince): void {
    this.missedEventsSince = missedEventsSince;
  }

  /**
   * The LISTEN connection. When PostgreSQL drops it (a restart, `pg_terminate_backend`, a network cut)
   * it is opened again with backoff for as long as the process lives: subscriptions and `/readyz` recover
   * by themselves. Events published while it was down are read back from the tables (`catchUpWith`).
   */
  private async connectListener(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = null;
      this.lostAt ??= new Date();
      client.end().catch(() => undefined);
      if (this.closed) return;
      this.logger.warn({ err: error }, 'event listener connection lost; reconnecting');
      this.scheduleReconnect();
    };
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        const { topic, payload } = JSON.parse(message.payload) as { topic: string; payload: unknown };
        this.pubSub.publish(topic, payload);
      } catch (error) {
        this.logger.warn({ err: error }, 'unreadable event notification');
      }
    });
    client.on('error', (error) => onLost(error));
    client.on('end', () => onLost());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      lost = true; // this client is done; the caller decides what comes next
      client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.attempts++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connectListener().then(
        () => {
          this.logger.info({ attempts: this.attempts }, 'event listener reconnected');
          this.attempts = 0;
          void this.catchUp();
        },
        (error: unknown) => {
          this.logger.warn({ err: error, attempt: this.attempts }, 'event listener could not reconnect yet');
          this.scheduleReconnect();
        },
      );
    }, reconnectDelayMs(this.attempts));
    this.reconnectTimer.unref();
  }

  /** Hands this process's subscribers the changes made while its listener was down. */
  private async catchUp(): Promise<void> {
    const lostAt = this.lostAt;
    this.lostAt = null;
    if (!lostAt || !this.missedEventsSince || this.closed) return;
    try {
      const missed = await this.missedEventsSince(new Date(lostAt.getTime() - CATCH_UP_MARGIN_MS));
      for (const event of missed) this.pubSub.publish(event.topic, event.payload);
      if (missed.length) this.logger.info({ events: missed.length, since: lostAt }, 'event listener caught up on the changes made while it was down');
    } catch (error) {
      this.logger.warn({ err: error }, 'event listener could not catch up on the changes made while it was down');
    }
  }

  /** True while this process receives events (part of /readyz for the api role). */
  get listening(): boolean {
    return this.listener !== null;
  }

  async publish(topic: typeof Topics.SYNC_RUN_UPDATED, payload: SyncRunEvent): Promise<void>;
  async publish(topic: typeof Topics.INTEGRATION_UPDATED, payload: IntegrationEvent): Promise<void>;
  async publish(topic: Topic, payload: SyncRunEvent | IntegrationEvent): Promise<void> {
    try {
      await this.pool.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify({ topic, payload })]);
    } catch (error) {
      // an event lost is a progress bar that updates on the next event; never fail the work for it
      this.logger.warn({ err: error, topic }, 'could not publish an event');
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }
}
