import { createPubSub } from '@graphql-yoga/subscription';
import pg from 'pg';
import type { Logger } from './logger.js';

/**
 * Subscription events that cross processes: every publish is a PostgreSQL NOTIFY, and every process
 * LISTENs and hands what arrives to its local pub/sub (which type-graphql subscriptions read). Payloads
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

export class EventBus {
  readonly pubSub = createPubSub<Record<string, [unknown]>>();
  private listener: pg.Client | null = null;
  private closed = false;
  private pool: pg.Pool;

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

  private async connectListener(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        const { topic, payload } = JSON.parse(message.payload) as { topic: string; payload: unknown };
        this.pubSub.publish(topic, payload);
      } catch (error) {
        this.logger.warn({ err: error }, 'unreadable event notification');
      }
    });
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'event listener connection lost; reconnecting');
      this.listener = null;
      if (!this.closed) setTimeout(() => void this.connectListener().catch(() => undefined), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
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
    await this.listener?.end().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }
}
