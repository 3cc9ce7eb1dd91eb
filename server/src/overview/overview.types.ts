import { Field, Int, ObjectType } from 'type-graphql';

/** The admin overview's root: when and in which zone "today" and "this week" were counted. */
@ObjectType({ description: 'What needs doing today, for 3PL administrators (the console\u2019s landing page).' })
export class Overview {
  @Field({ description: 'When it was read.' })
  generatedAt!: Date;

  @Field({ description: 'The IANA time zone "today" and "this week" (from Monday) are counted in.' })
  timeZone!: string;
}

@ObjectType({ description: 'How many shipments of one customer need a person.' })
export class CustomerAttentionCount {
  customerId!: string;

  @Field(() => Int)
  count!: number;

  @Field({ description: 'Since when its longest-waiting shipment has needed a person.' })
  oldestSince!: Date;
}

@ObjectType({ description: 'Sale orders created in CartonCloud and dispatched by the warehouse, from the ledger.' })
export class OrderActivity {
  @Field(() => Int, { description: 'Shipments whose sale order was created (or adopted) today and is not rejected.' })
  createdToday!: number;

  @Field(() => Int)
  createdThisWeek!: number;

  @Field(() => Int, { description: 'Shipments CartonCloud dispatched today.' })
  dispatchedToday!: number;

  @Field(() => Int)
  dispatchedThisWeek!: number;
}

@ObjectType({ description: 'The deployment-wide CartonCloud create budget (all workers share it).' })
export class CreateBudget {
  @Field({ description: 'CARTONCLOUD_CREATE_RATE_PER_MINUTE.' })
  limitPerMinute!: number;

  @Field(() => Int, { description: 'Creates sent in the last 60 seconds (ledger claims).' })
  usedLastMinute!: number;

  @Field(() => Int, { description: 'Creates already waiting for a slot (0 when the limiter is idle): the queue behind the limit.' })
  reservedAhead!: number;
}

@ObjectType({ description: 'Unleashed API calls of one integration this month against its monthly quota.' })
export class UnleashedCallUsage {
  integrationId!: string;

  @Field(() => Int)
  callsThisMonth!: number;

  @Field(() => Int, { nullable: true, description: 'The account\u2019s monthly quota, when known (UNLEASHED_MONTHLY_ALLOWANCE).' })
  quota!: number | null;

  @Field(() => Int, { description: 'Calls at this month\u2019s pace until its end (UTC), the time elapsed counted as at least a day.' })
  projectedThisMonth!: number;
}
