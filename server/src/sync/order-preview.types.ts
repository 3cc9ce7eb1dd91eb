import { Field, ObjectType } from 'type-graphql';
import { Warehouse } from '../customers/warehouse.entity.js';

/** What the order sync would do with one of the account's current Placed orders or shipments (CONTRACT §6). */
export enum PreviewOutcome {
  /** a CartonCloud sale order would be created */
  CREATE = 'CREATE',
  /** it would be skipped (no warehouse for it, or already dispatched or deleted in Unleashed) */
  SKIP = 'SKIP',
  /** it would be created but REJECTED: CartonCloud does not know some of its products */
  REJECT = 'REJECT',
  /** the order has no sales shipment yet: nothing is sent until Unleashed creates one */
  AWAITING_SHIPMENT = 'AWAITING_SHIPMENT',
  /** this integration already sent it to CartonCloud: the settings on screen no longer change it */
  ALREADY_SENT = 'ALREADY_SENT',
}

@ObjectType({ description: 'What would happen to one current Placed order\u2019s shipment with the settings on screen (previewOrderCreation writes nothing).' })
export class OrderCreationPreviewRow {
  @Field({ description: '"{order number} | {shipment number}" (the order number alone for an order without a shipment).' })
  customerReference!: string;

  @Field()
  orderNumber!: string;

  @Field(() => String, { nullable: true })
  shipmentNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'The Unleashed warehouse the shipment (or order) names.' })
  unleashedWarehouseCode!: string | null;

  @Field(() => Warehouse, { nullable: true, description: 'The CartonCloud warehouse it would be created in; null when it would not be.' })
  warehouse!: Warehouse | null;

  @Field(() => String, { description: 'CREATE, SKIP, or why it would not be created: REJECT (unknown products), AWAITING_SHIPMENT, ALREADY_SENT.' })
  outcome!: PreviewOutcome;

  @Field(() => String, { nullable: true, description: 'Why, in plain words (null for a plain CREATE).' })
  reason!: string | null;

  @Field(() => [String], { description: 'Product codes of the shipment CartonCloud does not know for this customer (empty when all are known or they could not be checked).' })
  unknownProductCodes!: string[];

  @Field({ description: 'Whether the product codes were checked against CartonCloud.' })
  productsChecked!: boolean;
}
