import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The create circuit breaker's state (create-breaker.ts decides, create-pause.ts is its only writer): one
 * row per CartonCloud API client, shared by every worker process, so a pause holds deployment-wide and
 * survives restarts. Written with optimistic concurrency on `version`.
 */
@Entity({ tableName: 'create_breakers' })
export class CreateBreakerRow {
  @PrimaryKey({ type: 'text' })
  key!: string;

  /** CLOSED | OPEN */
  @Property({ type: 'text' })
  status!: string;

  /** UNAVAILABLE | CLIENT_REFUSED while OPEN */
  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Property({ type: 'integer', default: 0 })
  failures: number = 0;

  @Property({ type: 'datetime', nullable: true })
  lastFailureAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  openedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  probeAt: Date | null = null;

  @Property({ type: 'integer', default: 0 })
  probesFailed: number = 0;

  /** what CartonCloud last said (or did not), for the condition's words */
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'integer', default: 0 })
  version: number = 0;
}
