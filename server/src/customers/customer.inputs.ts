import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class WarehouseInput {
  @Field()
  name!: string;

  @Field({ description: 'The warehouse UUID in CartonCloud.' })
  cartonCloudWarehouseId!: string;
}

@InputType()
export class CustomerInput {
  @Field()
  name!: string;

  @Field({ description: 'The customer UUID in CartonCloud.' })
  cartonCloudCustomerId!: string;

  @Field(() => [ID], { nullable: true, description: 'The warehouses the customer may use (unchanged when omitted on update).' })
  warehouseIds?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether its own users may manage integrations (default false; unchanged when omitted on update).' })
  selfManagedIntegrationsAllowed?: boolean | null;
}
