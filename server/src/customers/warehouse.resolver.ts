import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { AdminOnly } from '../graphql/field-permissions.js';
import type { GraphQLContext } from '../graphql/context.js';
import { WarehouseInput } from './customer.inputs.js';
import type { CustomerService } from './customer.service.js';
import { Warehouse } from './warehouse.entity.js';

@Resolver(() => Warehouse)
export class WarehouseResolver {
  constructor(private readonly service: CustomerService) {}

  @Authorized()
  @Query(() => [Warehouse], { description: 'Admin: every warehouse. Customer user: those their customer may use.' })
  warehouses(@Ctx() ctx: GraphQLContext): Promise<Warehouse[]> {
    return this.service.warehouses(ctx.em, ctx.viewer);
  }

  @AdminOnly()
  @Mutation(() => Warehouse)
  createWarehouse(@Arg('input', () => WarehouseInput) input: WarehouseInput, @Ctx() ctx: GraphQLContext): Promise<Warehouse> {
    return this.service.createWarehouse(ctx.em, ctx.viewer, input);
  }
}
