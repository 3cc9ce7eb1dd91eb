import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AppServices } from '../app/services.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Integration } from '../integrations/integration.entity.js';
import { Customer } from './customer.entity.js';
import { CustomerInput } from './customer.inputs.js';
import { Warehouse } from './warehouse.entity.js';

@Resolver(() => Customer)
export class CustomerResolver {
  constructor(private readonly services: AppServices) {}

  @Authorized()
  @Query(() => [Customer], { description: 'Admin: every customer. Customer user: their own.' })
  customers(@Ctx() ctx: GraphQLContext): Promise<Customer[]> {
    return this.services.customers.list(ctx.em, ctx.viewer);
  }

  @Authorized()
  @Query(() => Customer, { nullable: true })
  customer(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Customer | null> {
    return this.services.customers.get(ctx.em, ctx.viewer, id);
  }

  @Authorized('ADMIN')
  @Mutation(() => Customer)
  createCustomer(@Arg('input', () => CustomerInput) input: CustomerInput, @Ctx() ctx: GraphQLContext): Promise<Customer> {
    return this.services.customers.createCustomer(ctx.em, ctx.viewer, input);
  }

  @Authorized('ADMIN')
  @Mutation(() => Customer)
  updateCustomer(@Arg('id', () => ID) id: string, @Arg('input', () => CustomerInput) input: CustomerInput, @Ctx() ctx: GraphQLContext): Promise<Customer> {
    return this.services.customers.updateCustomer(ctx.em, ctx.viewer, id, input);
  }

  @Authorized('ADMIN')
  @Mutation(() => [Customer], { description: 'Adds the CartonCloud customers not yet set up here (no warehouses, self-managed integrations off). Returns those added.' })
  importCustomersFromCartonCloud(@Ctx() ctx: GraphQLContext): Promise<Customer[]> {
    return this.services.customers.importFromCartonCloud(ctx.em, ctx.viewer);
  }

  @FieldResolver(() => [Warehouse], { description: 'CartonCloud warehouses this customer may use.' })
  warehouses(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<Warehouse[]> {
    return ctx.loaders.customerWarehouses.load(customer.id);
  }

  @FieldResolver(() => Int, { description: 'The number of ACTIVE integrations, shown under the customer name.' })
  activeIntegrationCount(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<number> {
    return ctx.loaders.activeIntegrationCount.load(customer.id);
  }

  @FieldResolver(() => Boolean, { description: 'The green dot: at least one ACTIVE integration.' })
  async hasLiveIntegration(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return (await ctx.loaders.activeIntegrationCount.load(customer.id)) > 0;
  }

  @FieldResolver(() => [Integration], { description: 'Integrations that are not DELETED.' })
  integrations(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<Integration[]> {
    return ctx.loaders.customerIntegrations.load(customer.id);
  }
}
