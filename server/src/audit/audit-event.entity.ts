import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

/** Who changed what, when — never with a secret in `details`. */
@ObjectType({ description: 'One setup or administration change: who, what, when (secrets never included).' })
@Entity({ tableName: 'audit_events' })
@Index({ properties: ['customerId', 'at'] })
@Index({ properties: ['integrationId', 'at'] })
export class AuditEvent {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => Date)
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  at: Date & Opt = new Date();

  @Field({ description: 'Subject of the token that made the change.' })
  @Property({ type: 'text' })
  actorSubject!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  actorEmail: string | null = null;

  @Field({ description: 'What happened, e.g. integration.authentication.configured.' })
  @Property({ type: 'text' })
  action!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  customerId: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  integrationId: string | null = null;

  @Field(() => GraphQLJSONObject)
  @Property({ type: 'json', default: '{}' })
  details: Record<string, unknown> & Opt = {};
}
