import { randomUUID } from 'node:crypto';
import { Collection, Entity, ManyToMany, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Warehouse } from './warehouse.entity.js';

/** A customer of the 3PL: a merchant whose stock the 3PL keeps. */
@ObjectType({ description: 'A customer of the 3PL (a merchant).' })
@Entity({ tableName: 'customers' })
export class Customer {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field({ description: 'The customer UUID in CartonCloud.' })
  @Unique()
  @Property({ type: 'text' })
  cartonCloudCustomerId!: string;

  @Field(() => Boolean, { description: "Whether the customer's own users may create, configure and delete integrations." })
  @Property({ type: 'boolean', default: false })
  selfManagedIntegrationsAllowed: boolean & Opt = false;

  /** The CartonCloud warehouses this customer may use (exposed through a field resolver). */
  @ManyToMany({ entity: () => Warehouse, pivotTable: 'customer_warehouses', joinColumn: 'customer_id', inverseJoinColumn: 'warehouse_id' })
  warehouses = new Collection<Warehouse>(this);

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
