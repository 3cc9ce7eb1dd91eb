import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AlertChannel } from './alert.enums.js';
import { AlertSubscription } from './alert-subscription.entity.js';

@InputType({ description: 'A new alert subscription. customerId null: every customer (admins only).' })
export class AlertSubscriptionInput {
  @Field(() => ID, { nullable: true, description: 'The customer whose integrations are watched; null: every customer (admins only).' })
  customerId?: string | null;

  @Field(() => AlertChannel)
  channel!: AlertChannel;

  @Field({ description: 'EMAIL: an e-mail address. WEBHOOK: an https:// URL (Standard Webhooks; http:// only for localhost outside production).' })
  target!: string;
}

@ObjectType({ description: 'A new subscription, and for a webhook its signing secret, shown this once and never again.' })
export class AlertSubscriptionCreated {
  @Field(() => AlertSubscription)
  subscription!: AlertSubscription;

  @Field(() => String, { nullable: true, description: 'WEBHOOK only: the Standard Webhooks secret (whsec_…) to verify webhook-signature with. Shown once.' })
  signingSecret!: string | null;
}

@ObjectType({ description: 'One attempt at sending an alert.' })
export class AlertDeliveryAttempt {
  @Field(() => Date)
  at!: Date;

  @Field(() => Int, { nullable: true, description: 'HTTP status (webhook) or SMTP reply code (e-mail); null when no answer came.' })
  statusCode!: number | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Int)
  durationMs!: number;
}

@ObjectType({ description: 'How this server sends alerts.' })
export class AlertSettings {
  @Field({ description: 'Whether e-mail alerts can be sent (SMTP_URL is set, or the development mail catcher runs).' })
  emailEnabled!: boolean;

  @Field({ description: 'Whether e-mails go to the development mail catcher (SMTP_URL unset under npm start): admins read them in devMailbox.' })
  devMailCatcher!: boolean;
}

@ObjectType({ description: 'An e-mail caught by the development mail catcher.' })
export class DevMailMessage {
  @Field(() => ID)
  id!: string;

  @Field()
  from!: string;

  @Field(() => [String])
  to!: string[];

  @Field()
  subject!: string;

  @Field({ description: 'The plain-text part.' })
  text!: string;

  @Field(() => Date)
  receivedAt!: Date;
}
