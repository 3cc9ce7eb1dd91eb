import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/** A CartonCloud warehouse of the 3PL's tenant. */
@ObjectType({ description: 'A CartonCloud warehouse of the 3PL.' })
@Entity({ tableName: 'warehouses' })
export class Warehouse {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field({ description: 'The warehouse UUID in CartonCloud.' })
  @Unique()
  @Property({ type: 'text' })
  cartonCloudWarehouseId!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();
}
