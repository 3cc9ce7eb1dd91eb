import { Field, Int, ObjectType } from 'type-graphql';

/** Shipments first seen on one UTC day, by what became of them. */
@ObjectType({ description: 'Shipments first seen on one UTC day, by what became of them.' })
export class DailyActivity {
  @Field({ description: 'YYYY-MM-DD (UTC)' })
  day!: string;

  @Field(() => Int, { description: 'Created in CartonCloud (including dispatched and fulfilled).' })
  synced!: number;

  @Field(() => Int, { description: 'Rejected, failed or skipped.' })
  problems!: number;

  @Field(() => Int, { description: 'Still waiting to be created.' })
  pending!: number;
}
