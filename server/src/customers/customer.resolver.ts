import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AdminOnly } from '../graphql/field-permissions.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Customer } from './customer.entity.js';
import { customerLoaders } from './customer.loaders.js';
import type { CustomerService } from './customer.service.js';
import { CustomerInput } from './customer.inputs.js';
import { Warehouse } from './warehouse.entity.js';

@Resolver(() => Customer)
export class CustomerResolver {
  constructor(private readonly service: CustomerService) {}

  @Authorized()
  @Query(() => [Customer], { description: 'Admin: every customer. Customer user: their own.' })
  customers(@Ctx() ctx: GraphQLContext): Promise<Customer[]> {
    return this.service.list(ctx.em, ctx.viewer);
  }

  @Authorized()
  @Query(() => Customer, { nullable: true })
  customer(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Customer | null> {
    return this.service.get(ctx.em, ctx.viewer, id);
  }

  @AdminOnly()
  @Mutation(() => Customer)
  createCustomer(@Arg('input', () => CustomerInput) input: CustomerInput, @Ctx() ctx: GraphQLContext): Promise<Customer> {
    return this.service.createCustomer(ctx.em, ctx.viewer, input);
  }

  @AdminOnly()
  @Mutation(() => Customer)
  updateCustomer(@Arg('id', () => ID) id: string, @Arg('input', () => CustomerInput) input: CustomerInput, @Ctx() ctx: GraphQLContext): Promise<Customer> {
    return this.service.updateCustomer(ctx.em, ctx.viewer, id, input);
  }

  @AdminOnly()
  @Mutation(() => [Customer], { description: 'Adds the CartonCloud customers not yet set up here (no warehouses, self-managed integrations off). Returns those added.' })
  importCustomersFromCartonCloud(@Ctx() ctx: GraphQLContext): Promise<Customer[]> {
    return this.service.importFromCartonCloud(ctx.em, ctx.viewer);
  }

  @FieldResolver(() => [Warehouse], { description: 'CartonCloud warehouses this customer may use.' })
  warehouses(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<Warehouse[]> {
    return ctx.loaders.of(customerLoaders).customerWarehouses.load(customer.id);
  }
}
