import { Field, Int, ObjectType } from 'type-graphql';
import { Customer } from '../customers/customer.entity.js';
import { Integration } from '../integrations/integration.entity.js';

/** One customer's billed total for one billing week (and one currency). */
@ObjectType({ description: "One customer's billed total for one billing week." })
export class BillingWeekTotal {
  @Field(() => Customer)
  customer!: Customer;

  @Field(() => Date, { description: 'Monday 00:00 UTC.' })
  periodStart!: Date;

  @Field(() => Date, { description: 'The next Monday 00:00 UTC (exclusive).' })
  periodEnd!: Date;

  @Field(() => Int, { description: 'Billed integrations (lines) in the week.' })
  integrationCount!: number;

  @Field(() => Int)
  amountCents!: number;

  @Field()
  currency!: string;
}

/** What the still-open week will bill if nothing changes: a BillingLine that is not written yet. */
@ObjectType({ description: 'A line the current, still-open billing week will bill if nothing changes before it closes.' })
export class BillingPreviewLine {
  @Field(() => Customer)
  customer!: Customer;

  @Field(() => Integration)
  integration!: Integration;

  @Field(() => Date)
  periodStart!: Date;

  @Field(() => Date)
  periodEnd!: Date;

  @Field(() => Int, { description: 'At the price configured now.' })
  amountCents!: number;

  @Field()
  currency!: string;
}

/** The filter shared by billingLines, billingSummary and the CSV export. */
export interface BillingRange {
  customerId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export interface CloseWeeksResult {
  /** lines this run wrote (a line another run wrote first is not counted) */
  written: number;
  /** integrations that owed at least one line not found in the database before this run */
  integrationsBilled: number;
}
