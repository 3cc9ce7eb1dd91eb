import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The deployment-wide CartonCloud create limiter (see create-rate-limiter.ts): one row per API client,
 * holding the earliest instant the next create may be sent. Every worker reserves its slot here.
 */
@Entity({ tableName: 'create_rate_limits' })
export class CreateRateLimit {
  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'datetime' })
  nextSlotAt!: Date;
}

/**
 * Round-robin between integrations (see create-queue.ts): when each integration last got a create.
 * The next create goes to the integration with due work that waited longest.
 */
@Entity({ tableName: 'create_turns' })
export class CreateTurn {
  @PrimaryKey({ type: 'uuid' })
  integrationId!: string;

  @Property({ type: 'datetime' })
  lastTurnAt!: Date;
}
