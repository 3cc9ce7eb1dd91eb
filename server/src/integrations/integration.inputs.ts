import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class CreateIntegrationInput {
  @Field(() => ID)
  customerId!: string;

  @Field({ description: 'A name unique among the customer\u2019s integrations, e.g. "Unleashed NZ store".' })
  name!: string;
}

@InputType({ description: 'Unleashed API credentials (Settings \u2192 Integrations \u2192 Unleashed API Access). Checked live before anything is stored.' })
export class AuthenticationInput {
  @Field({ description: 'The API ID (a GUID).' })
  apiId!: string;

  @Field({ description: 'The API key. Write-only: it is encrypted at rest and never returned.' })
  apiKey!: string;
}

@InputType()
export class WarehouseMappingInput {
  @Field({ description: 'An Unleashed warehouse code, exactly as in Unleashed.' })
  unleashedWarehouseCode!: string;

  @Field(() => ID, { nullable: true, description: 'The CartonCloud warehouse for that code; null means "use the default warehouse".' })
  warehouseId?: string | null;
}

@InputType()
export class OrderCreationInput {
  @Field({ description: 'Copy the order\u2019s and shipment\u2019s comments into the packing instructions.' })
  includeComments!: boolean;

  @Field(() => ID, { nullable: true, description: 'Where shipments go when their Unleashed warehouse has no mapping.' })
  defaultWarehouseId?: string | null;

  @Field(() => [WarehouseMappingInput])
  warehouseMappings!: WarehouseMappingInput[];

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Send a Placed order that has no sales shipment yet (normal with Order Management off, until the order is completed) as one sale order built from the order\u2019s own lines, reference "{order number}"; the shipment Unleashed creates later is linked to it for the write-back. Default false: such orders wait for their shipment.',
  })
  sendOrdersWithoutShipment?: boolean | null;
}

@InputType()
export class FulfilmentInput {
  @Field({ description: 'Write CartonCloud dispatches (carrier, tracking, packages, date) back to the Unleashed sales shipments.' })
  enabled!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'IANA time zone of the Unleashed account (Settings → Company), e.g. Pacific/Auckland: the dispatch date written back is the calendar date there. Unchanged when omitted.',
  })
  unleashedTimeZone?: string | null;
}
