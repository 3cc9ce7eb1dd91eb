import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Unleashed API calls of one integration in one calendar month (UTC), every attempt (usage/unleashed-usage.ts is its only writer). */
@Entity({ tableName: 'unleashed_call_counts' })
export class UnleashedCallCount {
  @PrimaryKey({ type: 'uuid' })
  integrationId!: string;

  /** `YYYY-MM`, UTC: Unleashed's allowance renews at 00:00 UTC on the 1st */
  @PrimaryKey({ type: 'text' })
  month!: string;

  @Property({ type: 'integer', default: 0 })
  calls: number = 0;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
