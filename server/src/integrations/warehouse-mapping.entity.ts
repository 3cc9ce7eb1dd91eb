import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Warehouse } from '../customers/warehouse.entity.js';
import { Field, ObjectType } from 'type-graphql';
import { Integration } from './integration.entity.js';

/** Which CartonCloud warehouse an Unleashed warehouse code's shipments go to (null: the default). */
@ObjectType({ description: 'Where the shipments of one Unleashed warehouse go. A null warehouse means the default.' })
@Entity({ tableName: 'warehouse_mappings' })
@Unique({ properties: ['integration', 'unleashedWarehouseCode'] })
export class WarehouseMapping {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne({ entity: () => Integration, ref: true, deleteRule: 'cascade' })
  integration!: Ref<Integration>;

  @Field()
  @Property({ type: 'text' })
  unleashedWarehouseCode!: string;

  @ManyToOne({ entity: () => Warehouse, ref: true, nullable: true, deleteRule: 'set null' })
  warehouse: Ref<Warehouse> | null = null;
}
