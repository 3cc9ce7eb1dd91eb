import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireAdmin } from '../auth/access-policy.js';
import { AppError } from '../common/errors.js';
import { BatchLoader } from '../common/batch-loader.js';
import { perArguments, type LoaderFactory } from '../common/request-loaders.js';
import { customerLoaders } from '../customers/customer.loaders.js';
import { Customer } from '../customers/customer.entity.js';
import { AdminOnly } from '../graphql/field-permissions.js';
import type { GraphQLContext } from '../graphql/context.js';
import { AlertDelivery } from './alert-delivery.entity.js';
import { AlertSubscription } from './alert-subscription.entity.js';
import type { AlertService } from './alert.service.js';
import type { DevMailCatcher } from './dev-mail-catcher.js';
import { AlertDeliveryAttempt, AlertSettings, AlertSubscriptionCreated, AlertSubscriptionInput, DevMailMessage } from './alerts.types.js';

const clamp = (limit: number | null | undefined, fallback: number) => Math.min(100, Math.max(1, Math.trunc(limit ?? fallback)));


/** What the GraphQL resolvers need: the service, and the development mail catcher when it runs. */
export interface AlertsResolverDeps {
  alerts: AlertService;
  devMailCatcher: DevMailCatcher | null;
}

@Resolver(() => AlertSubscription)
export class AlertSubscriptionResolver {
  /** per request and per limit: one query for the deliveries of every subscription in a response */
  private readonly deliveryLoaders: LoaderFactory<(limit: number) => BatchLoader<string, AlertDelivery[]>>;

  constructor(private readonly services: AlertsResolverDeps) {
    this.deliveryLoaders = (em) => perArguments((limit: number) => new BatchLoader((ids) => this.services.alerts.recentDeliveries(em, ids, limit), () => []));
  }

  @Authorized()
  @Query(() => [AlertSubscription], { description: "Admin: every subscription, or one customer's. Customer user: their customer's." })
  alertSubscriptions(@Arg('customerId', () => ID, { nullable: true }) customerId: string | null, @Ctx() ctx: GraphQLContext): Promise<AlertSubscription[]> {
    return this.services.alerts.subscriptions.list(ctx.em, ctx.viewer, customerId);
  }

  @Authorized()
  @Query(() => AlertSettings, { description: 'How this server sends alerts (whether e-mail works, whether the development mail catcher runs).' })
  alertSettings(): AlertSettings {
    return { emailEnabled: this.services.alerts.emailEnabled, devMailCatcher: this.services.devMailCatcher !== null };
  }

  @Authorized()
  @Mutation(() => AlertSubscriptionCreated, { description: 'Subscribes an e-mail address or a webhook to the alerts of one customer (or, admins, of every customer).' })
  createAlertSubscription(@Arg('input', () => AlertSubscriptionInput) input: AlertSubscriptionInput, @Ctx() ctx: GraphQLContext): Promise<AlertSubscriptionCreated> {
    return this.services.alerts.subscriptions.create(ctx.em, ctx.viewer, input);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Stops an alert subscription (its delivery history goes with it).' })
  deleteAlertSubscription(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return this.services.alerts.subscriptions.delete(ctx.em, ctx.viewer, id);
  }

  @Authorized()
  @Mutation(() => AlertDelivery, { description: 'Sends an alert.test event to one subscription now, to check it works.' })
  sendTestAlert(@Arg('subscriptionId', () => ID) subscriptionId: string, @Ctx() ctx: GraphQLContext): Promise<AlertDelivery> {
    return this.services.alerts.sendTest(ctx.em, ctx.viewer, subscriptionId);
  }

  @AdminOnly()
  @Query(() => [DevMailMessage], { description: 'Admin, development only: the e-mails the development mail catcher received, newest first (at most 200).' })
  devMailbox(@Ctx() ctx: GraphQLContext): DevMailMessage[] {
    requireAdmin(ctx.viewer);
    const catcher = this.services.devMailCatcher;
    if (!catcher) {
      throw new AppError('NOT_FOUND', 'There is no development mailbox: alert e-mails go to the mail server in SMTP_URL (the mail catcher runs only under npm start with SMTP_URL unset).');
    }
    return catcher.messages().map(({ html: _html, ...message }) => message);
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'null: every customer.' })
  async customer(@Root() subscription: AlertSubscription, @Ctx() ctx: GraphQLContext): Promise<Customer | null> {
    return subscription.customer ? ctx.loaders.of(customerLoaders).customer.load(subscription.customer.id) : null;
  }

  @FieldResolver(() => [AlertDelivery], { description: 'Its most recent deliveries, newest first.' })
  deliveries(@Root() subscription: AlertSubscription, @Arg('limit', () => Int, { nullable: true, defaultValue: 20 }) limit: number | null, @Ctx() ctx: GraphQLContext): Promise<AlertDelivery[]> {
    return ctx.loaders.of(this.deliveryLoaders)(clamp(limit, 20)).load(subscription.id);
  }
}

@Resolver(() => AlertDelivery)
export class AlertDeliveryResolver {
  @FieldResolver(() => [AlertDeliveryAttempt], { description: 'Every attempt, oldest first.' })
  attemptHistory(@Root() delivery: AlertDelivery): AlertDeliveryAttempt[] {
    return delivery.attemptLog.map((a) => ({ at: new Date(a.at), statusCode: a.statusCode, error: a.error, durationMs: a.durationMs }));
  }
}
