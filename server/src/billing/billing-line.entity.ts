import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Customer } from '../customers/customer.entity.js';
import { Integration } from '../integrations/integration.entity.js';

/** What one integration costs for one billing week (Monday 00:00 UTC to the next). Never two per week. */
@ObjectType({ description: 'One active integration billed for one week.' })
@Entity({ tableName: 'billing_lines' })
@Unique({ properties: ['integration', 'periodStart'] })
@Index({ properties: ['customer', 'periodStart'] })
export class BillingLine {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Customer, ref: true, deleteRule: 'restrict' })
  customer!: Ref<Customer>;

  @ManyToOne({ entity: () => Integration, ref: true, deleteRule: 'restrict' })
  integration!: Ref<Integration>;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  periodStart!: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  periodEnd!: Date;

  @Field(() => Int)
  @Property({ type: 'integer' })
  amountCents!: number;

  @Field()
  @Property({ type: 'text' })
  currency!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();
}
