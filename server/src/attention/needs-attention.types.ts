import { Field, Int, ObjectType } from 'type-graphql';
import { AttentionCode } from '../ledger/attention.js';

/** One reason and how many shipments need a person for it (the inbox's reason filter). */
@ObjectType({ description: 'How many shipments need a person for one reason.' })
export class AttentionReasonCount {
  @Field(() => AttentionCode)
  code!: AttentionCode;

  @Field({ description: 'The reason in a few words, e.g. "Rejected by CartonCloud".' })
  label!: string;

  @Field({ description: 'What to do about it, in plain words.' })
  action!: string;

  @Field({ description: 'Whether retryShipments can send these again once the cause is fixed.' })
  retryable!: boolean;

  @Field(() => Int)
  count!: number;
}
