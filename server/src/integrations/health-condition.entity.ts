import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { HEALTH_CONDITIONS, HealthConditionCode, HealthSeverity } from './health-conditions.js';

/**
 * One condition of one integration (or, with no integration, of the whole deployment) from the moment it
 * was raised until it was cleared; cleared rows are kept as history. At most one open row per
 * (integration, code). Written only by IntegrationHealth (integration-health.ts); every property is
 * `readonly` so no other code can change a loaded row and flush it.
 */
@ObjectType({ description: 'Something a person should know about an integration (or about the whole deployment), with what to do.' })
@Entity({ tableName: 'health_conditions' })
@Index({ properties: ['integrationId', 'clearedAt'] })
@Index({
  name: 'health_conditions_open_unique',
  expression: `create unique index "health_conditions_open_unique" on "health_conditions" (coalesce("integration_id", '00000000-0000-0000-0000-000000000000'::uuid), "code") where "cleared_at" is null`,
})
export class HealthCondition {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  readonly id: string = randomUUID();

  /** null: the whole deployment (e.g. CartonCloud unavailable). No foreign key: integrations are never deleted (DELETED is a status). */
  @Property({ type: 'uuid', nullable: true })
  readonly integrationId: string | null = null;

  @Field(() => HealthConditionCode)
  @Enum({ items: () => HealthConditionCode, nativeEnumName: 'health_condition_code' })
  readonly code!: HealthConditionCode;

  @Field(() => String, { description: 'What happened, in plain words.' })
  @Property({ type: 'text' })
  readonly message!: string;

  @Field(() => Date, { description: 'When it was raised.' })
  @Property({ type: 'datetime' })
  readonly since!: Date;

  @Field(() => Date, { nullable: true, description: 'When it ends by itself (a paused integration resumes then); null when a person must act or it ends when its cause does.' })
  @Property({ type: 'datetime', nullable: true })
  readonly until: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  readonly clearedAt: Date | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  readonly createdAt: Date & Opt = new Date();
}

/** The catalogue's view of a condition row (resolvers). */
export function severityOf(condition: Pick<HealthCondition, 'code'>): HealthSeverity {
  return HEALTH_CONDITIONS[condition.code].severity;
}
