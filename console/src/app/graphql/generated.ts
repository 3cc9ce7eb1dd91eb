/* eslint-disable */
import { gql } from 'apollo-angular';
import { Injectable } from '@angular/core';
import * as Apollo from 'apollo-angular';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: any; output: any; }
};

/** How an alert subscription is told: an e-mail or a signed webhook (Standard Webhooks). */
export type AlertChannel =
  | 'EMAIL'
  | 'WEBHOOK';

/** One alert sent (or being sent) to one subscription, with every attempt. */
export type AlertDelivery = {
  __typename?: 'AlertDelivery';
  /** Every attempt, oldest first. */
  attemptHistory: Array<AlertDeliveryAttempt>;
  attempts: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  deliveredAt: Maybe<Scalars['DateTime']['output']>;
  /** Also the webhook-id header of a webhook delivery. */
  id: Scalars['ID']['output'];
  /** Why the last attempt failed, in plain words. */
  lastError: Maybe<Scalars['String']['output']>;
  /** The last attempt's HTTP status (webhook) or SMTP reply code (e-mail). */
  lastStatusCode: Maybe<Scalars['Int']['output']>;
  /** When the next attempt is due (PENDING only). */
  nextAttemptAt: Maybe<Scalars['DateTime']['output']>;
  status: AlertDeliveryStatus;
  /** The event type, e.g. integration.credentials_rejected. */
  type: Scalars['String']['output'];
};

/** One attempt at sending an alert. */
export type AlertDeliveryAttempt = {
  __typename?: 'AlertDeliveryAttempt';
  at: Scalars['DateTime']['output'];
  durationMs: Scalars['Int']['output'];
  error: Maybe<Scalars['String']['output']>;
  /** HTTP status (webhook) or SMTP reply code (e-mail); null when no answer came. */
  statusCode: Maybe<Scalars['Int']['output']>;
};

/** PENDING: not sent yet or waiting for its next attempt; DELIVERED: accepted by the endpoint or mail server; FAILED: given up (a final refusal, or every attempt used). */
export type AlertDeliveryStatus =
  | 'DELIVERED'
  | 'FAILED'
  | 'PENDING';

/** How this server sends alerts. */
export type AlertSettings = {
  __typename?: 'AlertSettings';
  /** Whether e-mails go to the development mail catcher (SMTP_URL unset under npm start): admins read them in devMailbox. */
  devMailCatcher: Scalars['Boolean']['output'];
  /** Whether e-mail alerts can be sent (SMTP_URL is set, or the development mail catcher runs). */
  emailEnabled: Scalars['Boolean']['output'];
};

/** Where alerts about one customer's integrations (or every customer's, when customer is null) are sent. */
export type AlertSubscription = {
  __typename?: 'AlertSubscription';
  channel: AlertChannel;
  createdAt: Scalars['DateTime']['output'];
  /** Who created it (e-mail, or the token subject of an API client). */
  createdBy: Maybe<Scalars['String']['output']>;
  /** null: every customer. */
  customer: Maybe<Customer>;
  /** Its most recent deliveries, newest first. */
  deliveries: Array<AlertDelivery>;
  id: Scalars['ID']['output'];
  /** When the last shipments.need_attention digest was written for it. */
  lastDigestAt: Maybe<Scalars['DateTime']['output']>;
  /** The e-mail address, or the webhook URL. */
  target: Scalars['String']['output'];
};


/** Where alerts about one customer's integrations (or every customer's, when customer is null) are sent. */
export type AlertSubscriptionDeliveriesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
};

/** A new subscription, and for a webhook its signing secret, shown this once and never again. */
export type AlertSubscriptionCreated = {
  __typename?: 'AlertSubscriptionCreated';
  /** WEBHOOK only: the Standard Webhooks secret (whsec_…) to verify webhook-signature with. Shown once. */
  signingSecret: Maybe<Scalars['String']['output']>;
  subscription: AlertSubscription;
};

/** A new alert subscription. customerId null: every customer (admins only). */
export type AlertSubscriptionInput = {
  channel: AlertChannel;
  /** The customer whose integrations are watched; null: every customer (admins only). */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  /** EMAIL: an e-mail address. WEBHOOK: an https:// URL (Standard Webhooks; http:// only for localhost outside production). */
  target: Scalars['String']['input'];
};

/** Why a person must act on a shipment (see attentionReason for the words). */
export type AttentionCode =
  | 'AWAITING_SHIPMENT'
  | 'CREATE_FAILED'
  | 'NO_WAREHOUSE'
  | 'REFERENCE_COLLISION'
  | 'REJECTED'
  | 'SHIPMENT_DELETED'
  | 'WRITE_BACK_FAILED'
  | 'WRITE_BACK_REFUSED';

/** How many shipments need a person for one reason. */
export type AttentionReasonCount = {
  __typename?: 'AttentionReasonCount';
  /** What to do about it, in plain words. */
  action: Scalars['String']['output'];
  code: AttentionCode;
  count: Scalars['Int']['output'];
  /** The reason in a few words, e.g. "Rejected by CartonCloud". */
  label: Scalars['String']['output'];
  /** Whether retryShipments can send these again once the cause is fixed. */
  retryable: Scalars['Boolean']['output'];
};

/** One setup or administration change: who, what, when (secrets never included). */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  /** What happened, e.g. integration.authentication.configured. */
  action: Scalars['String']['output'];
  actorEmail: Maybe<Scalars['String']['output']>;
  /** Subject of the token that made the change. */
  actorSubject: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  customerId: Maybe<Scalars['String']['output']>;
  details: Scalars['JSONObject']['output'];
  id: Scalars['ID']['output'];
  integrationId: Maybe<Scalars['String']['output']>;
};

/** Unleashed API credentials (Settings → Integrations → Unleashed API Access). Checked live before anything is stored. */
export type AuthenticationInput = {
  /** The API ID (a GUID). */
  apiId: Scalars['String']['input'];
  /** The API key. Write-only: it is encrypted at rest and never returned. */
  apiKey: Scalars['String']['input'];
};

/** One active integration billed for one week. */
export type BillingLine = {
  __typename?: 'BillingLine';
  amountCents: Scalars['Int']['output'];
  currency: Scalars['String']['output'];
  customer: Customer;
  id: Scalars['ID']['output'];
  integration: Integration;
  periodEnd: Scalars['DateTime']['output'];
  periodStart: Scalars['DateTime']['output'];
};

/** A line the current, still-open billing week will bill if nothing changes before it closes. */
export type BillingPreviewLine = {
  __typename?: 'BillingPreviewLine';
  /** At the price configured now. */
  amountCents: Scalars['Int']['output'];
  currency: Scalars['String']['output'];
  customer: Customer;
  integration: Integration;
  periodEnd: Scalars['DateTime']['output'];
  periodStart: Scalars['DateTime']['output'];
};

/** One customer's billed total for one billing week. */
export type BillingWeekTotal = {
  __typename?: 'BillingWeekTotal';
  amountCents: Scalars['Int']['output'];
  currency: Scalars['String']['output'];
  customer: Customer;
  /** Billed integrations (lines) in the week. */
  integrationCount: Scalars['Int']['output'];
  /** The next Monday 00:00 UTC (exclusive). */
  periodEnd: Scalars['DateTime']['output'];
  /** Monday 00:00 UTC. */
  periodStart: Scalars['DateTime']['output'];
};

/** The deployment-wide CartonCloud create budget (all workers share it). */
export type CreateBudget = {
  __typename?: 'CreateBudget';
  /** CARTONCLOUD_CREATE_RATE_PER_MINUTE. */
  limitPerMinute: Scalars['Float']['output'];
  /** Creates already waiting for a slot (0 when the limiter is idle): the queue behind the limit. */
  reservedAhead: Scalars['Int']['output'];
  /** Creates sent in the last 60 seconds (ledger claims). */
  usedLastMinute: Scalars['Int']['output'];
};

export type CreateIntegrationInput = {
  customerId: Scalars['ID']['input'];
  /** A name unique among the customer’s integrations, e.g. "Unleashed NZ store". */
  name: Scalars['String']['input'];
};

/** A customer of the 3PL (a merchant). */
export type Customer = {
  __typename?: 'Customer';
  /** The number of ACTIVE integrations, shown under the customer name. */
  activeIntegrationCount: Scalars['Int']['output'];
  /** The customer UUID in CartonCloud. */
  cartonCloudCustomerId: Scalars['String']['output'];
  /** The green dot: at least one ACTIVE integration. */
  hasLiveIntegration: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  /** Integrations that are not DELETED. */
  integrations: Array<Integration>;
  name: Scalars['String']['output'];
  /** Whether the customer's own users may create, configure and delete integrations. */
  selfManagedIntegrationsAllowed: Scalars['Boolean']['output'];
  /** CartonCloud warehouses this customer may use. */
  warehouses: Array<Warehouse>;
};

/** How many shipments of one customer need a person. */
export type CustomerAttentionCount = {
  __typename?: 'CustomerAttentionCount';
  count: Scalars['Int']['output'];
  customer: Customer;
  /** Since when its longest-waiting shipment has needed a person. */
  oldestSince: Scalars['DateTime']['output'];
};

export type CustomerInput = {
  /** The customer UUID in CartonCloud. */
  cartonCloudCustomerId: Scalars['String']['input'];
  name: Scalars['String']['input'];
  /** Whether its own users may manage integrations (default false; unchanged when omitted on update). */
  selfManagedIntegrationsAllowed?: InputMaybe<Scalars['Boolean']['input']>;
  /** The warehouses the customer may use (unchanged when omitted on update). */
  warehouseIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** Shipments first seen on one UTC day, by what became of them. */
export type DailyActivity = {
  __typename?: 'DailyActivity';
  /** YYYY-MM-DD (UTC) */
  day: Scalars['String']['output'];
  /** Still waiting to be created. */
  pending: Scalars['Int']['output'];
  /** Rejected, failed or skipped. */
  problems: Scalars['Int']['output'];
  /** Created in CartonCloud (including dispatched and fulfilled). */
  synced: Scalars['Int']['output'];
};

/** An e-mail caught by the development mail catcher. */
export type DevMailMessage = {
  __typename?: 'DevMailMessage';
  from: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  receivedAt: Scalars['DateTime']['output'];
  subject: Scalars['String']['output'];
  /** The plain-text part. */
  text: Scalars['String']['output'];
  to: Array<Scalars['String']['output']>;
};

export type FulfilmentInput = {
  /** Write CartonCloud dispatches (carrier, tracking, packages, date) back to the Unleashed sales shipments. */
  enabled: Scalars['Boolean']['input'];
  /** IANA time zone of the Unleashed account (Settings → Company), e.g. Pacific/Auckland: the dispatch date written back is the calendar date there. Unchanged when omitted. */
  unleashedTimeZone?: InputMaybe<Scalars['String']['input']>;
};

/** Something a person should know about an integration (or about the whole deployment), with what to do. */
export type HealthCondition = {
  __typename?: 'HealthCondition';
  /** What to do about it, in plain words. */
  action: Scalars['String']['output'];
  code: HealthConditionCode;
  id: Scalars['ID']['output'];
  /** What happened, in plain words. */
  message: Scalars['String']['output'];
  /** STOPPED: nothing syncs until someone acts; PAUSED: waits and resumes by itself; DEGRADED: syncs with something missing; NOTICE: worth knowing. */
  severity: HealthSeverity;
  /** When it was raised. */
  since: Scalars['DateTime']['output'];
  /** When it ends by itself (a paused integration resumes then); null when a person must act or it ends when its cause does. */
  until: Maybe<Scalars['DateTime']['output']>;
};

/** What is wrong (see HealthCondition.message for the words). */
export type HealthConditionCode =
  | 'CARRIERS_UNKNOWN'
  | 'CARTONCLOUD_CLIENT_REFUSED'
  | 'CARTONCLOUD_ROLE_MISSING'
  | 'CARTONCLOUD_UNAVAILABLE'
  | 'CREDENTIALS_REJECTED'
  | 'CREDENTIALS_SUSPECT'
  | 'ORDER_MANAGEMENT_OFF'
  | 'POLL_OVERDUE'
  | 'QUOTA_EXHAUSTED'
  | 'QUOTA_LOW'
  | 'WEBHOOKS_SILENT'
  | 'WEBHOOKS_UNAVAILABLE';

export type HealthSeverity =
  | 'DEGRADED'
  | 'NOTICE'
  | 'PAUSED'
  | 'STOPPED';

/** A self-managed Unleashed integration of one customer. */
export type Integration = {
  __typename?: 'Integration';
  activatedAt: Maybe<Scalars['DateTime']['output']>;
  /** Shipments per UTC day over the last `days` days (1–90), oldest first: the console’s chart. */
  activity: Array<DailyActivity>;
  /** Who changed the setup and when (admins only; never includes secrets). */
  auditTrail: Array<AuditEvent>;
  /** What a person should know about this integration now, most severe first (empty when all is well). */
  conditions: Array<HealthCondition>;
  createdAt: Scalars['DateTime']['output'];
  /** When Unleashed last refused the stored credentials (polling is stopped until they are replaced). */
  credentialsRejectedAt: Maybe<Scalars['DateTime']['output']>;
  customer: Customer;
  defaultWarehouse: Maybe<Warehouse>;
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  fulfilmentEnabled: Scalars['Boolean']['output'];
  /** Why fulfilment cannot write everything back to Unleashed (for example Order Management is off), in plain words; null when it can. */
  fulfilmentNotice: Maybe<Scalars['String']['output']>;
  /** The health badge: healthy, failing, overdue, paused, credentials rejected (or not active). */
  health: IntegrationHealth;
  /** The most severe problem the integration’s users should know about, in plain words (the first of `conditions`, leaving out the Order Management notice, which is `fulfilmentNotice`). */
  healthMessage: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  includeComments: Scalars['Boolean']['output'];
  lastSyncedAt: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  nextStep: SetupStep;
  /** Send a Placed order that has no sales shipment yet as one sale order built from its own lines (reference "{order number}"); the shipment Unleashed creates later is linked to it for the write-back. false: such orders wait for their shipment. */
  sendOrdersWithoutShipment: Scalars['Boolean']['output'];
  /** Most recently changed first (limit 1–500); `orderNumber` answers "what happened to order X?". */
  shipments: Array<SyncedShipment>;
  /** Unleashed warehouse codes whose shipments will be SKIPPED: no mapping and no default warehouse. */
  skippedUnleashedWarehouseCodes: Array<Scalars['String']['output']>;
  status: IntegrationStatus;
  /** Newest first (limit 1–500). */
  syncRuns: Array<SyncRun>;
  /** The Unleashed API ID. The API key is write-only and never returned. */
  unleashedApiId: Maybe<Scalars['String']['output']>;
  /** Unleashed API calls of this integration this calendar month (UTC), against the allowance (UNLEASHED_MONTHLY_ALLOWANCE), with the projection to the month’s end. */
  unleashedCalls: UnleashedCallUsage;
  /** Whether the Unleashed account has Order Management on; null until first learnt. */
  unleashedOrderManagement: Maybe<Scalars['Boolean']['output']>;
  /** IANA time zone of the Unleashed account, used for date-only values such as the dispatch date. */
  unleashedTimeZone: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  warehouseMappings: Array<WarehouseMapping>;
};


/** A self-managed Unleashed integration of one customer. */
export type IntegrationActivityArgs = {
  days?: InputMaybe<Scalars['Int']['input']>;
};


/** A self-managed Unleashed integration of one customer. */
export type IntegrationAuditTrailArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
};


/** A self-managed Unleashed integration of one customer. */
export type IntegrationShipmentsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  orderNumber: InputMaybe<Scalars['String']['input']>;
  state: InputMaybe<SyncedShipmentState>;
};


/** A self-managed Unleashed integration of one customer. */
export type IntegrationSyncRunsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
};

export type IntegrationHealth =
  | 'CREDENTIALS_REJECTED'
  | 'FAILING'
  | 'HEALTHY'
  | 'NOT_ACTIVE'
  | 'OVERDUE'
  | 'PAUSED';

export type IntegrationStatus =
  | 'ACTIVE'
  | 'DELETED'
  | 'DRAFT';

export type Mutation = {
  __typename?: 'Mutation';
  /** Step 2: Unleashed credentials, checked live before they are stored. */
  configureAuthentication: Integration;
  /** Step 4: write dispatches back to Unleashed, or not. */
  configureFulfilment: Integration;
  /** Step 3: comments, default warehouse, warehouse mappings. */
  configureOrderCreation: Integration;
  /** Subscribes an e-mail address or a webhook to the alerts of one customer (or, admins, of every customer). */
  createAlertSubscription: AlertSubscriptionCreated;
  createCustomer: Customer;
  /** Step 1: a named DRAFT integration for a customer. */
  createIntegration: Integration;
  createWarehouse: Warehouse;
  /** Stops an alert subscription (its delivery history goes with it). */
  deleteAlertSubscription: Scalars['Boolean']['output'];
  /** → DELETED: polling and billing stop at once; the history is kept. */
  deleteIntegration: Integration;
  /** DRAFT → ACTIVE: polling and billing start. */
  finishIntegration: Integration;
  /** Adds the CartonCloud customers not yet set up here (no warehouses, self-managed integrations off). Returns those added. */
  importCustomersFromCartonCloud: Array<Customer>;
  /** Step 1 again: rename. */
  renameIntegration: Integration;
  /** Send a FAILED, REJECTED or SKIPPED shipment again (it goes back to PENDING): retryShipments of one. */
  retryShipment: SyncedShipment;
  /** Send up to 500 shipments again once their cause is fixed (each goes back to PENDING, at most once in flight); every id is checked first and a refused request changes nothing (NOT_FOUND, FORBIDDEN, or BAD_USER_INPUT on `ids[i]` with the reason). Their integrations are asked to poll now. */
  retryShipments: Array<SyncedShipment>;
  /** Sends an alert.test event to one subscription now, to check it works. */
  sendTestAlert: AlertDelivery;
  /** An immediate order poll of an ACTIVE integration: returns its QUEUED run. While one is queued, asking again returns it; after one was asked for, the next may be asked for MANUAL_SYNC_COOLDOWN_SECONDS later (BAD_USER_INPUT on `id` with `extensions.retryAfterSeconds` before). */
  syncNow: SyncRun;
  updateCustomer: Customer;
};


export type MutationConfigureAuthenticationArgs = {
  id: Scalars['ID']['input'];
  input: AuthenticationInput;
};


export type MutationConfigureFulfilmentArgs = {
  id: Scalars['ID']['input'];
  input: FulfilmentInput;
};


export type MutationConfigureOrderCreationArgs = {
  id: Scalars['ID']['input'];
  input: OrderCreationInput;
};


export type MutationCreateAlertSubscriptionArgs = {
  input: AlertSubscriptionInput;
};


export type MutationCreateCustomerArgs = {
  input: CustomerInput;
};


export type MutationCreateIntegrationArgs = {
  input: CreateIntegrationInput;
};


export type MutationCreateWarehouseArgs = {
  input: WarehouseInput;
};


export type MutationDeleteAlertSubscriptionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteIntegrationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationFinishIntegrationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRenameIntegrationArgs = {
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
};


export type MutationRetryShipmentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRetryShipmentsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type MutationSendTestAlertArgs = {
  subscriptionId: Scalars['ID']['input'];
};


export type MutationSyncNowArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateCustomerArgs = {
  id: Scalars['ID']['input'];
  input: CustomerInput;
};

/** Sale orders created in CartonCloud and dispatched by the warehouse, from the ledger. */
export type OrderActivity = {
  __typename?: 'OrderActivity';
  createdThisWeek: Scalars['Int']['output'];
  /** Shipments whose sale order was created (or adopted) today and is not rejected. */
  createdToday: Scalars['Int']['output'];
  dispatchedThisWeek: Scalars['Int']['output'];
  /** Shipments CartonCloud dispatched today. */
  dispatchedToday: Scalars['Int']['output'];
};

export type OrderCreationInput = {
  /** Where shipments go when their Unleashed warehouse has no mapping. */
  defaultWarehouseId?: InputMaybe<Scalars['ID']['input']>;
  /** Copy the order’s and shipment’s comments into the packing instructions. */
  includeComments: Scalars['Boolean']['input'];
  /** Send a Placed order that has no sales shipment yet (normal with Order Management off, until the order is completed) as one sale order built from the order’s own lines, reference "{order number}"; the shipment Unleashed creates later is linked to it for the write-back. Default false: such orders wait for their shipment. */
  sendOrdersWithoutShipment?: InputMaybe<Scalars['Boolean']['input']>;
  warehouseMappings: Array<WarehouseMappingInput>;
};

/** What would happen to one current Placed order’s shipment with the settings on screen (previewOrderCreation writes nothing). */
export type OrderCreationPreviewRow = {
  __typename?: 'OrderCreationPreviewRow';
  /** "{order number} | {shipment number}" (the order number alone for an order without a shipment). */
  customerReference: Scalars['String']['output'];
  orderNumber: Scalars['String']['output'];
  /** CREATE, SKIP, or why it would not be created: REJECT (unknown products), AWAITING_SHIPMENT, ALREADY_SENT. */
  outcome: Scalars['String']['output'];
  /** Whether the product codes were checked against CartonCloud. */
  productsChecked: Scalars['Boolean']['output'];
  /** Why, in plain words (null for a plain CREATE). */
  reason: Maybe<Scalars['String']['output']>;
  shipmentNumber: Maybe<Scalars['String']['output']>;
  /** Product codes of the shipment CartonCloud does not know for this customer (empty when all are known or they could not be checked). */
  unknownProductCodes: Array<Scalars['String']['output']>;
  /** The Unleashed warehouse the shipment (or order) names. */
  unleashedWarehouseCode: Maybe<Scalars['String']['output']>;
  /** The CartonCloud warehouse it would be created in; null when it would not be. */
  warehouse: Maybe<Warehouse>;
};

/** What needs doing today, for 3PL administrators (the console’s landing page). */
export type Overview = {
  __typename?: 'Overview';
  /** Where CartonCloud should send "order status changed" webhooks (ask CartonCloud support to set it up): each delivery makes the integrations of the orders it names write their dispatches back at once. Secret: treat it like a password. */
  cartonCloudWebhookUrl: Scalars['String']['output'];
  createBudget: CreateBudget;
  /** When it was read. */
  generatedAt: Scalars['DateTime']['output'];
  /** Shipments needing a person, per customer (customers with none left out), most first. */
  needsAttention: Array<CustomerAttentionCount>;
  orders: OrderActivity;
  /** What is wrong with the whole deployment, most severe first. */
  platformConditions: Array<HealthCondition>;
  /** The IANA time zone "today" and "this week" (from Monday) are counted in. */
  timeZone: Scalars['String']['output'];
  /** Integrations with an open condition worse than a notice (see Integration.conditions), by name. */
  unhealthyIntegrations: Array<Integration>;
  /** Unleashed API calls this month per integration against its quota; null while this deployment does not count them. */
  unleashedCallsThisMonth: Maybe<Array<UnleashedCallUsage>>;
};

export type Query = {
  __typename?: 'Query';
  /** How this server sends alerts (whether e-mail works, whether the development mail catcher runs). */
  alertSettings: AlertSettings;
  /** Admin: every subscription, or one customer's. Customer user: their customer's. */
  alertSubscriptions: Array<AlertSubscription>;
  /** Admin only. Billed lines whose week overlaps [from, to), newest week first. */
  billingLines: Array<BillingLine>;
  /** Admin only. What the current, still-open billing week will bill if nothing changes. */
  billingPreview: Array<BillingPreviewLine>;
  /** Admin only. Per customer, per billing week totals of the lines overlapping [from, to), newest week first. */
  billingSummary: Array<BillingWeekTotal>;
  customer: Maybe<Customer>;
  /** Admin: every customer. Customer user: their own. */
  customers: Array<Customer>;
  /** Admin, development only: the e-mails the development mail catcher received, newest first (at most 200). */
  devMailbox: Array<DevMailMessage>;
  integration: Maybe<Integration>;
  /** Every shipment a person must act on (attentionReason, attentionAction, attentionSince say why, what to do and since when), longest waiting first; limit 1–500. Admins see every customer, customer users their own; filter by customer, integration and reason. */
  needsAttention: Array<SyncedShipment>;
  /** How many shipments need a person for each reason (reasons with none left out), most first, with the reason’s words. */
  needsAttentionByReason: Array<AttentionReasonCount>;
  /** How many shipments needsAttention would list without a limit (the navigation badge). */
  needsAttentionCount: Scalars['Int']['output'];
  /** Admins: what needs doing today (the console’s landing page for admins). `timeZone` (IANA) says when today and this week begin. */
  overview: Overview;
  /** Admins: what is wrong with the whole deployment (e.g. CartonCloud unavailable, the 3PL’s API client refused or missing a role), most severe first. */
  platformConditions: Array<HealthCondition>;
  /** Dry run of setup step 3: what would happen to the account’s newest Placed orders (at most 20, newest first; at most 5 Unleashed calls) with these settings, before they are saved — the CartonCloud warehouse, or skipped and why, and product codes CartonCloud does not know. Writes nothing. */
  previewOrderCreation: Array<OrderCreationPreviewRow>;
  /** One order poll or fulfilment pass, if the viewer may see its integration. */
  syncRun: Maybe<SyncRun>;
  /** The warehouses of the integration’s Unleashed account, read live (setup step 3). */
  unleashedWarehouses: Array<UnleashedWarehouse>;
  /** The signed-in user or API client (UNAUTHENTICATED without a valid token). */
  viewer: Viewer;
  /** Admin: every warehouse. Customer user: those their customer may use. */
  warehouses: Array<Warehouse>;
};


export type QueryAlertSubscriptionsArgs = {
  customerId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryBillingLinesArgs = {
  customerId: InputMaybe<Scalars['ID']['input']>;
  from: InputMaybe<Scalars['DateTime']['input']>;
  to: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryBillingPreviewArgs = {
  customerId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryBillingSummaryArgs = {
  customerId: InputMaybe<Scalars['ID']['input']>;
  from: InputMaybe<Scalars['DateTime']['input']>;
  to: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryIntegrationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNeedsAttentionArgs = {
  customerId: InputMaybe<Scalars['ID']['input']>;
  integrationId: InputMaybe<Scalars['ID']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  reason: InputMaybe<AttentionCode>;
};


export type QueryNeedsAttentionByReasonArgs = {
  customerId: InputMaybe<Scalars['ID']['input']>;
  integrationId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryNeedsAttentionCountArgs = {
  customerId: InputMaybe<Scalars['ID']['input']>;
  integrationId: InputMaybe<Scalars['ID']['input']>;
  reason: InputMaybe<AttentionCode>;
};


export type QueryOverviewArgs = {
  timeZone?: InputMaybe<Scalars['String']['input']>;
};


export type QueryPreviewOrderCreationArgs = {
  input: OrderCreationInput;
  integrationId: Scalars['ID']['input'];
};


export type QuerySyncRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryUnleashedWarehousesArgs = {
  integrationId: Scalars['ID']['input'];
};

/** The next setup step the integration needs (COMPLETE: all done). */
export type SetupStep =
  | 'AUTHENTICATION'
  | 'COMPLETE'
  | 'FULFILMENT'
  | 'INITIAL'
  | 'ORDER_CREATION';

export type Subscription = {
  __typename?: 'Subscription';
  /** Every change to a visible integration: a setup step, activation, deletion, health. */
  integrationUpdated: Integration;
  /** Each progress step of every run the viewer may see (of one integration, when given). */
  syncRunUpdated: SyncRun;
};


export type SubscriptionIntegrationUpdatedArgs = {
  customerId: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionSyncRunUpdatedArgs = {
  integrationId: InputMaybe<Scalars['ID']['input']>;
};

export type SyncError = {
  __typename?: 'SyncError';
  message: Scalars['String']['output'];
  /** The customer reference of the shipment concerned, when there is one. */
  reference: Maybe<Scalars['String']['output']>;
};

/** One order poll or fulfilment pass, updated as it goes. */
export type SyncRun = {
  __typename?: 'SyncRun';
  /** ORDERS: sale orders created in CartonCloud. FULFILMENT: shipments whose dispatch was written back to Unleashed. */
  created: Scalars['Int']['output'];
  errors: Array<SyncError>;
  failed: Scalars['Int']['output'];
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  integration: Integration;
  kind: SyncRunKind;
  processed: Scalars['Int']['output'];
  skipped: Scalars['Int']['output'];
  startedAt: Maybe<Scalars['DateTime']['output']>;
  status: SyncRunStatus;
  /** Shipments to handle in this run, once known. */
  total: Maybe<Scalars['Int']['output']>;
  trigger: Scalars['String']['output'];
};

export type SyncRunKind =
  | 'FULFILMENT'
  | 'ORDERS';

export type SyncRunStatus =
  | 'FAILED'
  | 'PARTIAL'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

/** One Unleashed sales shipment and what became of it. */
export type SyncedShipment = {
  __typename?: 'SyncedShipment';
  /** How many times creating it in CartonCloud was tried, counted against its limit; a try that failed while CartonCloud was down for everyone (creation paused) does not count. */
  attempts: Scalars['Int']['output'];
  /** What to do about it (null when nothing is needed of a person). */
  attentionAction: Maybe<Scalars['String']['output']>;
  /** Why a person must act on it (attentionReason has the words); null when nobody needs to. */
  attentionCode: Maybe<AttentionCode>;
  /** The reason in a few words, for lists and filters (e.g. "Rejected by CartonCloud"); null when nothing is needed of a person. */
  attentionLabel: Maybe<Scalars['String']['output']>;
  /** Why a person must act on this shipment, in plain words; null when nothing is needed of a person. */
  attentionReason: Maybe<Scalars['String']['output']>;
  /** Since when it has needed attention (for this reason). */
  attentionSince: Maybe<Scalars['DateTime']['output']>;
  carrier: Maybe<Scalars['String']['output']>;
  cartonCloudOrderId: Maybe<Scalars['String']['output']>;
  cartonCloudStatus: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** "{order number} | {shipment number}": the CartonCloud sale order's customer reference ("{order number}" for an order sent without a shipment). */
  customerReference: Scalars['String']['output'];
  dispatchedAt: Maybe<Scalars['DateTime']['output']>;
  /** A change in Unleashed after the order was sent (edited, deleted), in plain words. */
  drift: Maybe<Scalars['String']['output']>;
  /** When the dispatch was last written to Unleashed. */
  fulfilledAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** The integration it belongs to. */
  integration: Integration;
  /** Why it was rejected, skipped or failed, in CartonCloud's or our words. */
  lastError: Maybe<Scalars['String']['output']>;
  /** When a failed create will be retried. */
  nextAttemptAt: Maybe<Scalars['DateTime']['output']>;
  packages: Maybe<Scalars['Int']['output']>;
  /** Whether retryShipment(s) would send it again now: FAILED, REJECTED or SKIPPED for a reason a retry can fix. */
  retryable: Scalars['Boolean']['output'];
  /** PENDING while waiting for (or in) its create, or waiting for Unleashed to have a shipment for the order (attentionReason says so after a day). */
  state: SyncedShipmentState;
  trackingNumber: Maybe<Scalars['String']['output']>;
  unleashedOrderNumber: Scalars['String']['output'];
  /** The Unleashed shipment number; "" while an order sent (or waiting) without a shipment has none in Unleashed yet. */
  unleashedShipmentNumber: Scalars['String']['output'];
  unleashedWarehouseCode: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  /** True when it stands for a whole Unleashed order sent without a sales shipment (reference "{order number}"); the shipment Unleashed creates later is linked to it for the dispatch write-back. */
  wholeOrder: Scalars['Boolean']['output'];
};

export type SyncedShipmentState =
  | 'CREATED'
  | 'DISPATCHED'
  | 'FAILED'
  | 'FULFILLED'
  | 'PENDING'
  | 'REJECTED'
  | 'SKIPPED';

/** Unleashed API calls of one integration this month against its monthly quota. */
export type UnleashedCallUsage = {
  __typename?: 'UnleashedCallUsage';
  callsThisMonth: Scalars['Int']['output'];
  integration: Maybe<Integration>;
  /** Calls at this month’s pace until its end (UTC), the time elapsed counted as at least a day. */
  projectedThisMonth: Scalars['Int']['output'];
  /** The account’s monthly quota, when known (UNLEASHED_MONTHLY_ALLOWANCE). */
  quota: Maybe<Scalars['Int']['output']>;
  /** Calls left this month, when the quota is known. */
  remaining: Maybe<Scalars['Int']['output']>;
};

/** A warehouse of the connected Unleashed account. */
export type UnleashedWarehouse = {
  __typename?: 'UnleashedWarehouse';
  code: Scalars['String']['output'];
  isDefault: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
};

/** Who the access token belongs to. */
export type Viewer = {
  __typename?: 'Viewer';
  /** The OAuth client the token was issued to (API clients). */
  clientId: Maybe<Scalars['String']['output']>;
  /** The customer a customer user belongs to (null for admins). */
  customer: Maybe<Customer>;
  email: Maybe<Scalars['String']['output']>;
  /** A 3PL administrator: sees and manages every customer. */
  isAdmin: Scalars['Boolean']['output'];
  /** Display name, when the token carries one. */
  name: Maybe<Scalars['String']['output']>;
  subject: Scalars['String']['output'];
};

/** A CartonCloud warehouse of the 3PL. */
export type Warehouse = {
  __typename?: 'Warehouse';
  /** The warehouse UUID in CartonCloud. */
  cartonCloudWarehouseId: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

export type WarehouseInput = {
  /** The warehouse UUID in CartonCloud. */
  cartonCloudWarehouseId: Scalars['String']['input'];
  name: Scalars['String']['input'];
};

/** Where the shipments of one Unleashed warehouse go. A null warehouse means the default. */
export type WarehouseMapping = {
  __typename?: 'WarehouseMapping';
  unleashedWarehouseCode: Scalars['String']['output'];
  /** null: shipments from this Unleashed warehouse go to the default warehouse. */
  warehouse: Maybe<Warehouse>;
};

export type WarehouseMappingInput = {
  /** An Unleashed warehouse code, exactly as in Unleashed. */
  unleashedWarehouseCode: Scalars['String']['input'];
  /** The CartonCloud warehouse for that code; null means "use the default warehouse". */
  warehouseId?: InputMaybe<Scalars['ID']['input']>;
};

export type AlertDeliveryRowFragment = { __typename?: 'AlertDelivery', id: string, type: string, status: AlertDeliveryStatus, attempts: number, lastStatusCode: number | null, lastError: string | null, createdAt: string, deliveredAt: string | null, nextAttemptAt: string | null };

export type AlertSubscriptionRowFragment = { __typename?: 'AlertSubscription', id: string, channel: AlertChannel, target: string, createdAt: string, createdBy: string | null, customer: { __typename?: 'Customer', id: string, name: string } | null, deliveries: Array<{ __typename?: 'AlertDelivery', id: string, type: string, status: AlertDeliveryStatus, attempts: number, lastStatusCode: number | null, lastError: string | null, createdAt: string, deliveredAt: string | null, nextAttemptAt: string | null }> };

export type AlertSubscriptionsQueryVariables = Exact<{
  customerId: InputMaybe<Scalars['ID']['input']>;
}>;


export type AlertSubscriptionsQuery = { __typename?: 'Query', alertSubscriptions: Array<{ __typename?: 'AlertSubscription', id: string, channel: AlertChannel, target: string, createdAt: string, createdBy: string | null, customer: { __typename?: 'Customer', id: string, name: string } | null, deliveries: Array<{ __typename?: 'AlertDelivery', id: string, type: string, status: AlertDeliveryStatus, attempts: number, lastStatusCode: number | null, lastError: string | null, createdAt: string, deliveredAt: string | null, nextAttemptAt: string | null }> }> };

export type AlertFormOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type AlertFormOptionsQuery = { __typename?: 'Query', alertSettings: { __typename?: 'AlertSettings', emailEnabled: boolean, devMailCatcher: boolean }, customers: Array<{ __typename?: 'Customer', id: string, name: string, selfManagedIntegrationsAllowed: boolean }> };

export type CreateAlertSubscriptionMutationVariables = Exact<{
  input: AlertSubscriptionInput;
}>;


export type CreateAlertSubscriptionMutation = { __typename?: 'Mutation', createAlertSubscription: { __typename?: 'AlertSubscriptionCreated', signingSecret: string | null, subscription: { __typename?: 'AlertSubscription', id: string, channel: AlertChannel, target: string, createdAt: string, createdBy: string | null, customer: { __typename?: 'Customer', id: string, name: string } | null, deliveries: Array<{ __typename?: 'AlertDelivery', id: string, type: string, status: AlertDeliveryStatus, attempts: number, lastStatusCode: number | null, lastError: string | null, createdAt: string, deliveredAt: string | null, nextAttemptAt: string | null }> } } };

export type DeleteAlertSubscriptionMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteAlertSubscriptionMutation = { __typename?: 'Mutation', deleteAlertSubscription: boolean };

export type SendTestAlertMutationVariables = Exact<{
  subscriptionId: Scalars['ID']['input'];
}>;


export type SendTestAlertMutation = { __typename?: 'Mutation', sendTestAlert: { __typename?: 'AlertDelivery', id: string, type: string, status: AlertDeliveryStatus, attempts: number, lastStatusCode: number | null, lastError: string | null, createdAt: string, deliveredAt: string | null, nextAttemptAt: string | null } };

export type AttentionItemFragment = { __typename?: 'SyncedShipment', id: string, customerReference: string, unleashedOrderNumber: string, unleashedShipmentNumber: string, unleashedWarehouseCode: string | null, state: SyncedShipmentState, attentionCode: AttentionCode | null, attentionLabel: string | null, attentionReason: string | null, attentionAction: string | null, attentionSince: string | null, retryable: boolean, integration: { __typename?: 'Integration', id: string, name: string, customer: { __typename?: 'Customer', id: string, name: string, selfManagedIntegrationsAllowed: boolean } } };

export type NeedsAttentionQueryVariables = Exact<{
  customerId: InputMaybe<Scalars['ID']['input']>;
  integrationId: InputMaybe<Scalars['ID']['input']>;
  reason: InputMaybe<AttentionCode>;
  limit: InputMaybe<Scalars['Int']['input']>;
}>;


export type NeedsAttentionQuery = { __typename?: 'Query', needsAttentionCount: number, needsAttention: Array<{ __typename?: 'SyncedShipment', id: string, customerReference: string, unleashedOrderNumber: string, unleashedShipmentNumber: string, unleashedWarehouseCode: string | null, state: SyncedShipmentState, attentionCode: AttentionCode | null, attentionLabel: string | null, attentionReason: string | null, attentionAction: string | null, attentionSince: string | null, retryable: boolean, integration: { __typename?: 'Integration', id: string, name: string, customer: { __typename?: 'Customer', id: string, name: string, selfManagedIntegrationsAllowed: boolean } } }>, needsAttentionByReason: Array<{ __typename?: 'AttentionReasonCount', code: AttentionCode, label: string, count: number, retryable: boolean }> };

export type AttentionFiltersQueryVariables = Exact<{ [key: string]: never; }>;


export type AttentionFiltersQuery = { __typename?: 'Query', customers: Array<{ __typename?: 'Customer', id: string, name: string, integrations: Array<{ __typename?: 'Integration', id: string, name: string, status: IntegrationStatus }> }> };

export type NeedsAttentionBadgeQueryVariables = Exact<{ [key: string]: never; }>;


export type NeedsAttentionBadgeQuery = { __typename?: 'Query', needsAttentionCount: number };

export type RetryShipmentsMutationVariables = Exact<{
  ids: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
}>;


export type RetryShipmentsMutation = { __typename?: 'Mutation', retryShipments: Array<{ __typename?: 'SyncedShipment', id: string, customerReference: string, unleashedOrderNumber: string, unleashedShipmentNumber: string, unleashedWarehouseCode: string | null, state: SyncedShipmentState, attentionCode: AttentionCode | null, attentionLabel: string | null, attentionReason: string | null, attentionAction: string | null, attentionSince: string | null, retryable: boolean, integration: { __typename?: 'Integration', id: string, name: string, customer: { __typename?: 'Customer', id: string, name: string, selfManagedIntegrationsAllowed: boolean } } }> };

export type AttentionRunEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AttentionRunEventsSubscription = { __typename?: 'Subscription', syncRunUpdated: { __typename?: 'SyncRun', id: string, status: SyncRunStatus } };

export type AttentionIntegrationEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AttentionIntegrationEventsSubscription = { __typename?: 'Subscription', integrationUpdated: { __typename?: 'Integration', id: string } };

export type BillingCustomersQueryVariables = Exact<{ [key: string]: never; }>;


export type BillingCustomersQuery = { __typename?: 'Query', customers: Array<{ __typename?: 'Customer', id: string, name: string }> };

export type BillingQueryVariables = Exact<{
  customerId: InputMaybe<Scalars['ID']['input']>;
  from: InputMaybe<Scalars['DateTime']['input']>;
  to: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type BillingQuery = { __typename?: 'Query', billingSummary: Array<{ __typename?: 'BillingWeekTotal', periodStart: string, periodEnd: string, amountCents: number, currency: string, integrationCount: number, customer: { __typename?: 'Customer', id: string, name: string } }>, billingLines: Array<{ __typename?: 'BillingLine', id: string, periodStart: string, periodEnd: string, amountCents: number, currency: string, customer: { __typename?: 'Customer', id: string, name: string }, integration: { __typename?: 'Integration', id: string, name: string, status: IntegrationStatus } }>, billingPreview: Array<{ __typename?: 'BillingPreviewLine', periodStart: string, periodEnd: string, amountCents: number, currency: string, customer: { __typename?: 'Customer', id: string, name: string }, integration: { __typename?: 'Integration', id: string, name: string } }> };

export type CustomerRowFragment = { __typename?: 'Customer', id: string, name: string, cartonCloudCustomerId: string, selfManagedIntegrationsAllowed: boolean, activeIntegrationCount: number, hasLiveIntegration: boolean, warehouses: Array<{ __typename?: 'Warehouse', id: string, name: string }> };

export type CustomersQueryVariables = Exact<{ [key: string]: never; }>;


export type CustomersQuery = { __typename?: 'Query', customers: Array<{ __typename?: 'Customer', id: string, name: string, cartonCloudCustomerId: string, selfManagedIntegrationsAllowed: boolean, activeIntegrationCount: number, hasLiveIntegration: boolean, warehouses: Array<{ __typename?: 'Warehouse', id: string, name: string }> }>, warehouses: Array<{ __typename?: 'Warehouse', id: string, name: string, cartonCloudWarehouseId: string }> };

export type UpdateCustomerMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: CustomerInput;
}>;


export type UpdateCustomerMutation = { __typename?: 'Mutation', updateCustomer: { __typename?: 'Customer', id: string, name: string, cartonCloudCustomerId: string, selfManagedIntegrationsAllowed: boolean, activeIntegrationCount: number, hasLiveIntegration: boolean, warehouses: Array<{ __typename?: 'Warehouse', id: string, name: string }> } };

export type ImportCustomersMutationVariables = Exact<{ [key: string]: never; }>;


export type ImportCustomersMutation = { __typename?: 'Mutation', importCustomersFromCartonCloud: Array<{ __typename?: 'Customer', id: string, name: string, cartonCloudCustomerId: string, selfManagedIntegrationsAllowed: boolean, activeIntegrationCount: number, hasLiveIntegration: boolean, warehouses: Array<{ __typename?: 'Warehouse', id: string, name: string }> }> };

export type CreateWarehouseMutationVariables = Exact<{
  input: WarehouseInput;
}>;


export type CreateWarehouseMutation = { __typename?: 'Mutation', createWarehouse: { __typename?: 'Warehouse', id: string, name: string, cartonCloudWarehouseId: string } };

export type CreateCustomerMutationVariables = Exact<{
  input: CustomerInput;
}>;


export type CreateCustomerMutation = { __typename?: 'Mutation', createCustomer: { __typename?: 'Customer', id: string, name: string, cartonCloudCustomerId: string, selfManagedIntegrationsAllowed: boolean, activeIntegrationCount: number, hasLiveIntegration: boolean, warehouses: Array<{ __typename?: 'Warehouse', id: string, name: string }> } };

export type DevMailboxQueryVariables = Exact<{ [key: string]: never; }>;


export type DevMailboxQuery = { __typename?: 'Query', devMailbox: Array<{ __typename?: 'DevMailMessage', id: string, from: string, to: Array<string>, subject: string, text: string, receivedAt: string }> };

export type DevMailCatcherEnabledQueryVariables = Exact<{ [key: string]: never; }>;


export type DevMailCatcherEnabledQuery = { __typename?: 'Query', alertSettings: { __typename?: 'AlertSettings', devMailCatcher: boolean } };

export type SyncRunRowFragment = { __typename?: 'SyncRun', id: string, kind: SyncRunKind, status: SyncRunStatus, trigger: string, startedAt: string | null, finishedAt: string | null, total: number | null, processed: number, created: number, skipped: number, failed: number, errors: Array<{ __typename?: 'SyncError', reference: string | null, message: string }> };

export type ShipmentRowFragment = { __typename?: 'SyncedShipment', id: string, customerReference: string, unleashedOrderNumber: string, unleashedShipmentNumber: string, unleashedWarehouseCode: string | null, cartonCloudOrderId: string | null, cartonCloudStatus: string | null, state: SyncedShipmentState, lastError: string | null, retryable: boolean, attentionReason: string | null, attentionAction: string | null, drift: string | null, attempts: number, nextAttemptAt: string | null, trackingNumber: string | null, carrier: string | null, packages: number | null, dispatchedAt: string | null, fulfilledAt: string | null, createdAt: string, updatedAt: string };

export type IntegrationDetailQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type IntegrationDetailQuery = { __typename?: 'Query', integration: { __typename?: 'Integration', includeComments: boolean, sendOrdersWithoutShipment: boolean, unleashedTimeZone: string, credentialsRejectedAt: string | null, unleashedOrderManagement: boolean | null, fulfilmentNotice: string | null, skippedUnleashedWarehouseCodes: Array<string>, id: string, name: string, status: IntegrationStatus, nextStep: SetupStep, health: IntegrationHealth, healthMessage: string | null, lastSyncedAt: string | null, activatedAt: string | null, unleashedApiId: string | null, fulfilmentEnabled: boolean, unleashedCalls: { __typename?: 'UnleashedCallUsage', callsThisMonth: number, quota: number | null, projectedThisMonth: number }, syncRuns: Array<{ __typename?: 'SyncRun', id: string, kind: SyncRunKind, status: SyncRunStatus, trigger: string, startedAt: string | null, finishedAt: string | null, total: number | null, processed: number, created: number, skipped: number, failed: number, errors: Array<{ __typename?: 'SyncError', reference: string | null, message: string }> }>, defaultWarehouse: { __typename?: 'Warehouse', id: string, name: string } | null, warehouseMappings: Array<{ __typename?: 'WarehouseMapping', unleashedWarehouseCode: string, warehouse: { __typename?: 'Warehouse', id: string, name: string } | null }>, customer: { __typename?: 'Customer', id: string, name: string, selfManagedIntegrationsAllowed: boolean, warehouses: Array<{ __typename?: 'Warehouse', id: string, name: string }> } } | null };

export type IntegrationShipmentsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  state: InputMaybe<SyncedShipmentState>;
  orderNumber: InputMaybe<Scalars['String']['input']>;
  limit: InputMaybe<Scalars['Int']['input']>;
}>;


export type IntegrationShipmentsQuery = { __typename?: 'Query', integration: { __typename?: 'Integration', id: string, shipments: Array<{ __typename?: 'SyncedShipment', id: string, customerReference: string, unleashedOrderNumber: string, unleashedShipmentNumber: string, unleashedWarehouseCode: string | null, cartonCloudOrderId: string | null, cartonCloudStatus: string | null, state: SyncedShipmentState, lastError: string | null, retryable: boolean, attentionReason: string | null, attentionAction: string | null, drift: string | null, attempts: number, nextAttemptAt: string | null, trackingNumber: string | null, carrier: string | null, packages: number | null, dispatchedAt: string | null, fulfilledAt: string | null, createdAt: string, updatedAt: string }> } | null };

export type IntegrationActivityQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type IntegrationActivityQuery = { __typename?: 'Query', integration: { __typename?: 'Integration', id: string, activity: Array<{ __typename?: 'DailyActivity', day: string, synced: number, problems: number, pending: number }> } | null };

export type SyncRunUpdatedSubscriptionVariables = Exact<{
  integrationId: InputMaybe<Scalars['ID']['input']>;
}>;


export type SyncRunUpdatedSubscription = { __typename?: 'Subscription', syncRunUpdated: { __typename?: 'SyncRun', id: string, kind: SyncRunKind, status: SyncRunStatus, trigger: string, startedAt: string | null, finishedAt: string | null, total: number | null, processed: number, created: number, skipped: number, failed: number, errors: Array<{ __typename?: 'SyncError', reference: string | null, message: string }> } };

export type SyncNowMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SyncNowMutation = { __typename?: 'Mutation', syncNow: { __typename?: 'SyncRun', id: string, kind: SyncRunKind, status: SyncRunStatus, trigger: string, startedAt: string | null, finishedAt: string | null, total: number | null, processed: number, created: number, skipped: number, failed: number, errors: Array<{ __typename?: 'SyncError', reference: string | null, message: string }> } };

export type RetryShipmentMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RetryShipmentMutation = { __typename?: 'Mutation', retryShipment: { __typename?: 'SyncedShipment', id: string, customerReference: string, unleashedOrderNumber: string, unleashedShipmentNumber: string, unleashedWarehouseCode: string | null, cartonCloudOrderId: string | null, cartonCloudStatus: string | null, state: SyncedShipmentState, lastError: string | null, retryable: boolean, attentionReason: string | null, attentionAction: string | null, drift: string | null, attempts: number, nextAttemptAt: string | null, trackingNumber: string | null, carrier: string | null, packages: number | null, dispatchedAt: string | null, fulfilledAt: string | null, createdAt: string, updatedAt: string } };

export type IntegrationAuditQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type IntegrationAuditQuery = { __typename?: 'Query', integration: { __typename?: 'Integration', id: string, auditTrail: Array<{ __typename?: 'AuditEvent', id: string, at: string, actorEmail: string | null, actorSubject: string, action: string }> } | null };

export type IntegrationSummaryFragment = { __typename?: 'Integration', id: string, name: string, status: IntegrationStatus, nextStep: SetupStep, health: IntegrationHealth, healthMessage: string | null, lastSyncedAt: string | null, activatedAt: string | null, unleashedApiId: string | null, fulfilmentEnabled: boolean };

export type CustomerPickerQueryVariables = Exact<{ [key: string]: never; }>;


export type CustomerPickerQuery = { __typename?: 'Query', customers: Array<{ __typename?: 'Customer', id: string, name: string, hasLiveIntegration: boolean, activeIntegrationCount: number }> };

export type CustomerIntegrationsQueryVariables = Exact<{
  customerId: Scalars['ID']['input'];
}>;


export type CustomerIntegrationsQuery = { __typename?: 'Query', customer: { __typename?: 'Customer', id: string, name: string, selfManagedIntegrationsAllowed: boolean, integrations: Array<{ __typename?: 'Integration', id: string, name: string, status: IntegrationStatus, nextStep: SetupStep, health: IntegrationHealth, healthMessage: string | null, lastSyncedAt: string | null, activatedAt: string | null, unleashedApiId: string | null, fulfilmentEnabled: boolean }> } | null };

export type CustomerIntegrationUpdatedSubscriptionVariables = Exact<{
  customerId: InputMaybe<Scalars['ID']['input']>;
}>;


export type CustomerIntegrationUpdatedSubscription = { __typename?: 'Subscription', integrationUpdated: { __typename?: 'Integration', id: string, name: string, status: IntegrationStatus, nextStep: SetupStep, health: IntegrationHealth, healthMessage: string | null, lastSyncedAt: string | null, activatedAt: string | null, unleashedApiId: string | null, fulfilmentEnabled: boolean } };

export type IntegrationSetupFragment = { __typename?: 'Integration', includeComments: boolean, sendOrdersWithoutShipment: boolean, unleashedTimeZone: string, credentialsRejectedAt: string | null, unleashedOrderManagement: boolean | null, fulfilmentNotice: string | null, skippedUnleashedWarehouseCodes: Array<string>, id: string, name: string, status: IntegrationStatus, nextStep: SetupStep, health: IntegrationHealth, healthMessage: string | null, lastSyncedAt: string | null, activatedAt: string | null, unleashedApiId: string | null, fulfilmentEnabled: boolean, defaultWarehouse: { __typename?: 'Warehouse', id: string, name: string } | null, warehouseMappings: Array<{ __typename?: 'WarehouseMapping', unleashedWarehouseCode: string, warehouse: { __typename?: 'Warehouse', id: string, name: string } | null }>, customer: { __typename?: 'Customer', id: string, name: string, selfManagedIntegrationsAllowed: boolean, warehouses: Array<{ __typename?: 'Warehouse', id: string, name: string }> } };

export type IntegrationSetupQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type IntegrationSetupQuery = { __typename?: 'Query', integration: { __typename?: 'Integration', includeComments: boolean, sendOrdersWithoutShipment: boolean, unleashedTimeZone: string, credentialsRejectedAt: string | null, unleashedOrderManagement: boolean | null, fulfilmentNotice: string | null, skippedUnleashedWarehouseCodes: Array<string>, id: string, name: string, status: IntegrationStatus, nextStep: SetupStep, health: IntegrationHealth, healthMessage: string | null, lastSyncedAt: string | null, activatedAt: string | null, unleashedApiId: string | null, fulfilmentEnabled: boolean, defaultWarehouse: { __typename?: 'Warehouse', id: string, name: string } | null, warehouseMappings: Array<{ __typename?: 'WarehouseMapping', unleashedWarehouseCode: string, warehouse: { __typename?: 'Warehouse', id: string, name: string } | null }>, customer: { __typename?: 'Customer', id: string, name: string, selfManagedIntegrationsAllowed: boolean, warehouses: Array<{ __typename?: 'Warehouse', id: string, name: string }> } } | null };

export type WizardCustomerQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type WizardCustomerQuery = { __typename?: 'Query', customer: { __typename?: 'Customer', id: string, name: string, selfManagedIntegrationsAllowed: boolean, warehouses: Array<{ __typename?: 'Warehouse', id: string, name: string }> } | null };

export type UnleashedWarehousesQueryVariables = Exact<{
  integrationId: Scalars['ID']['input'];
}>;


export type UnleashedWarehousesQuery = { __typename?: 'Query', unleashedWarehouses: Array<{ __typename?: 'UnleashedWarehouse', code: string, name: string, isDefault: boolean }> };

export type CreateIntegrationMutationVariables = Exact<{
  input: CreateIntegrationInput;
}>;


export type CreateIntegrationMutation = { __typename?: 'Mutation', createIntegration: { __typename?: 'Integration', includeComments: boolean, sendOrdersWithoutShipment: boolean, unleashedTimeZone: string, credentialsRejectedAt: string | null, unleashedOrderManagement: boolean | null, fulfilmentNotice: string | null, skippedUnleashedWarehouseCodes: Array<string>, id: string, name: string, status: IntegrationStatus, nextStep: SetupStep, health: IntegrationHealth, healthMessage: string | null, lastSyncedAt: string | null, activatedAt: string | null, unleashedApiId: string | null, fulfilmentEnabled: boolean, defaultWarehouse: { __typename?: 'Warehouse', id: string, name: string } | null, warehouseMappings: Array<{ __typename?: 'WarehouseMapping', unleashedWarehouseCode: string, warehouse: { __typename?: 'Warehouse', id: string, name: string } | null }>, customer: { __typename?: 'Customer', id: string, name: string, selfManagedIntegrationsAllowed: boolean, warehouses: Array<{ __typename?: 'Warehouse', id: string, name: string }> } } };

export type RenameIntegrationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
}>;


export type RenameIntegrationMutation = { __typename?: 'Mutation', renameIntegration: { __typename?: 'Integration', includeComments: boolean, sendOrdersWithoutShipment: boolean, unleashedTimeZone: string, credentialsRejectedAt: string | null, unleashedOrderManagement: boolean | null, fulfilmentNotice: string | null, skippedUnleashedWarehouseCodes: Array<string>, id: string, name: string, status: IntegrationStatus, nextStep: SetupStep, health: IntegrationHealth, healthMessage: string | null, lastSyncedAt: string | null, activatedAt: string | null, unleashedApiId: string | null, fulfilmentEnabled: boolean, defaultWarehouse: { __typename?: 'Warehouse', id: string, name: string } | null, warehouseMappings: Array<{ __typename?: 'WarehouseMapping', unleashedWarehouseCode: string, warehouse: { __typename?: 'Warehouse', id: string, name: string } | null }>, customer: { __typename?: 'Customer', id: string, name: string, selfManagedIntegrationsAllowed: boolean, warehouses: Array<{ __typename?: 'Warehouse', id: string, name: string }> } } };

export type ConfigureAuthenticationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: AuthenticationInput;
}>;


export type ConfigureAuthenticationMutation = { __typename?: 'Mutation', configureAuthentication: { __typename?: 'Integration', includeComments: boolean, sendOrdersWithoutShipment: boolean, unleashedTimeZone: string, credentialsRejectedAt: string | null, unleashedOrderManagement: boolean | null, fulfilmentNotice: string | null, skippedUnleashedWarehouseCodes: Array<string>, id: string, name: string, status: IntegrationStatus, nextStep: SetupStep, health: IntegrationHealth, healthMessage: string | null, lastSyncedAt: string | null, activatedAt: string | null, unleashedApiId: string | null, fulfilmentEnabled: boolean, defaultWarehouse: { __typename?: 'Warehouse', id: string, name: string } | null, warehouseMappings: Array<{ __typename?: 'WarehouseMapping', unleashedWarehouseCode: string, warehouse: { __typename?: 'Warehouse', id: string, name: string } | null }>, customer: { __typename?: 'Customer', id: string, name: string, selfManagedIntegrationsAllowed: boolean, warehouses: Array<{ __typename?: 'Warehouse', id: string, name: string }> } } };

export type ConfigureOrderCreationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: OrderCreationInput;
}>;


export type ConfigureOrderCreationMutation = { __typename?: 'Mutation', configureOrderCreation: { __typename?: 'Integration', includeComments: boolean, sendOrdersWithoutShipment: boolean, unleashedTimeZone: string, credentialsRejectedAt: string | null, unleashedOrderManagement: boolean | null, fulfilmentNotice: string | null, skippedUnleashedWarehouseCodes: Array<string>, id: string, name: string, status: IntegrationStatus, nextStep: SetupStep, health: IntegrationHealth, healthMessage: string | null, lastSyncedAt: string | null, activatedAt: string | null, unleashedApiId: string | null, fulfilmentEnabled: boolean, defaultWarehouse: { __typename?: 'Warehouse', id: string, name: string } | null, warehouseMappings: Array<{ __typename?: 'WarehouseMapping', unleashedWarehouseCode: string, warehouse: { __typename?: 'Warehouse', id: string, name: string } | null }>, customer: { __typename?: 'Customer', id: string, name: string, selfManagedIntegrationsAllowed: boolean, warehouses: Array<{ __typename?: 'Warehouse', id: string, name: string }> } } };

export type ConfigureFulfilmentMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: FulfilmentInput;
}>;


export type ConfigureFulfilmentMutation = { __typename?: 'Mutation', configureFulfilment: { __typename?: 'Integration', includeComments: boolean, sendOrdersWithoutShipment: boolean, unleashedTimeZone: string, credentialsRejectedAt: string | null, unleashedOrderManagement: boolean | null, fulfilmentNotice: string | null, skippedUnleashedWarehouseCodes: Array<string>, id: string, name: string, status: IntegrationStatus, nextStep: SetupStep, health: IntegrationHealth, healthMessage: string | null, lastSyncedAt: string | null, activatedAt: string | null, unleashedApiId: string | null, fulfilmentEnabled: boolean, defaultWarehouse: { __typename?: 'Warehouse', id: string, name: string } | null, warehouseMappings: Array<{ __typename?: 'WarehouseMapping', unleashedWarehouseCode: string, warehouse: { __typename?: 'Warehouse', id: string, name: string } | null }>, customer: { __typename?: 'Customer', id: string, name: string, selfManagedIntegrationsAllowed: boolean, warehouses: Array<{ __typename?: 'Warehouse', id: string, name: string }> } } };

export type FinishIntegrationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type FinishIntegrationMutation = { __typename?: 'Mutation', finishIntegration: { __typename?: 'Integration', includeComments: boolean, sendOrdersWithoutShipment: boolean, unleashedTimeZone: string, credentialsRejectedAt: string | null, unleashedOrderManagement: boolean | null, fulfilmentNotice: string | null, skippedUnleashedWarehouseCodes: Array<string>, id: string, name: string, status: IntegrationStatus, nextStep: SetupStep, health: IntegrationHealth, healthMessage: string | null, lastSyncedAt: string | null, activatedAt: string | null, unleashedApiId: string | null, fulfilmentEnabled: boolean, defaultWarehouse: { __typename?: 'Warehouse', id: string, name: string } | null, warehouseMappings: Array<{ __typename?: 'WarehouseMapping', unleashedWarehouseCode: string, warehouse: { __typename?: 'Warehouse', id: string, name: string } | null }>, customer: { __typename?: 'Customer', id: string, name: string, selfManagedIntegrationsAllowed: boolean, warehouses: Array<{ __typename?: 'Warehouse', id: string, name: string }> } } };

export type DeleteIntegrationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteIntegrationMutation = { __typename?: 'Mutation', deleteIntegration: { __typename?: 'Integration', id: string, name: string, status: IntegrationStatus, nextStep: SetupStep, health: IntegrationHealth, healthMessage: string | null, lastSyncedAt: string | null, activatedAt: string | null, unleashedApiId: string | null, fulfilmentEnabled: boolean } };

export type PreviewOrderCreationQueryVariables = Exact<{
  integrationId: Scalars['ID']['input'];
  input: OrderCreationInput;
}>;


export type PreviewOrderCreationQuery = { __typename?: 'Query', previewOrderCreation: Array<{ __typename?: 'OrderCreationPreviewRow', customerReference: string, orderNumber: string, shipmentNumber: string | null, unleashedWarehouseCode: string | null, outcome: string, reason: string | null, unknownProductCodes: Array<string>, productsChecked: boolean, warehouse: { __typename?: 'Warehouse', id: string, name: string } | null }> };

export type AdminOverviewQueryVariables = Exact<{
  timeZone: InputMaybe<Scalars['String']['input']>;
}>;


export type AdminOverviewQuery = { __typename?: 'Query', overview: { __typename?: 'Overview', generatedAt: string, timeZone: string, cartonCloudWebhookUrl: string, unhealthyIntegrations: Array<{ __typename?: 'Integration', id: string, name: string, status: IntegrationStatus, customer: { __typename?: 'Customer', id: string, name: string }, conditions: Array<{ __typename?: 'HealthCondition', id: string, code: HealthConditionCode, severity: HealthSeverity, message: string, action: string, since: string }> }>, platformConditions: Array<{ __typename?: 'HealthCondition', id: string, code: HealthConditionCode, severity: HealthSeverity, message: string, action: string, since: string }>, needsAttention: Array<{ __typename?: 'CustomerAttentionCount', count: number, oldestSince: string, customer: { __typename?: 'Customer', id: string, name: string } }>, orders: { __typename?: 'OrderActivity', createdToday: number, createdThisWeek: number, dispatchedToday: number, dispatchedThisWeek: number }, createBudget: { __typename?: 'CreateBudget', limitPerMinute: number, usedLastMinute: number, reservedAhead: number }, unleashedCallsThisMonth: Array<{ __typename?: 'UnleashedCallUsage', callsThisMonth: number, quota: number | null, remaining: number | null, projectedThisMonth: number, integration: { __typename?: 'Integration', id: string, name: string } | null }> | null } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', subject: string, email: string | null, isAdmin: boolean, customer: { __typename?: 'Customer', id: string, name: string, selfManagedIntegrationsAllowed: boolean } | null } };

export const AlertDeliveryRowFragmentDoc = gql`
    fragment AlertDeliveryRow on AlertDelivery {
  id
  type
  status
  attempts
  lastStatusCode
  lastError
  createdAt
  deliveredAt
  nextAttemptAt
}
    `;
export const AlertSubscriptionRowFragmentDoc = gql`
    fragment AlertSubscriptionRow on AlertSubscription {
  id
  channel
  target
  createdAt
  createdBy
  customer {
    id
    name
  }
  deliveries(limit: 10) {
    ...AlertDeliveryRow
  }
}
    ${AlertDeliveryRowFragmentDoc}`;
export const AttentionItemFragmentDoc = gql`
    fragment AttentionItem on SyncedShipment {
  id
  customerReference
  unleashedOrderNumber
  unleashedShipmentNumber
  unleashedWarehouseCode
  state
  attentionCode
  attentionLabel
  attentionReason
  attentionAction
  attentionSince
  retryable
  integration {
    id
    name
    customer {
      id
      name
      selfManagedIntegrationsAllowed
    }
  }
}
    `;
export const CustomerRowFragmentDoc = gql`
    fragment CustomerRow on Customer {
  id
  name
  cartonCloudCustomerId
  selfManagedIntegrationsAllowed
  activeIntegrationCount
  hasLiveIntegration
  warehouses {
    id
    name
  }
}
    `;
export const SyncRunRowFragmentDoc = gql`
    fragment SyncRunRow on SyncRun {
  id
  kind
  status
  trigger
  startedAt
  finishedAt
  total
  processed
  created
  skipped
  failed
  errors {
    reference
    message
  }
}
    `;
export const ShipmentRowFragmentDoc = gql`
    fragment ShipmentRow on SyncedShipment {
  id
  customerReference
  unleashedOrderNumber
  unleashedShipmentNumber
  unleashedWarehouseCode
  cartonCloudOrderId
  cartonCloudStatus
  state
  lastError
  retryable
  attentionReason
  attentionAction
  drift
  attempts
  nextAttemptAt
  trackingNumber
  carrier
  packages
  dispatchedAt
  fulfilledAt
  createdAt
  updatedAt
}
    `;
export const IntegrationSummaryFragmentDoc = gql`
    fragment IntegrationSummary on Integration {
  id
  name
  status
  nextStep
  health
  healthMessage
  lastSyncedAt
  activatedAt
  unleashedApiId
  fulfilmentEnabled
}
    `;
export const IntegrationSetupFragmentDoc = gql`
    fragment IntegrationSetup on Integration {
  ...IntegrationSummary
  includeComments
  sendOrdersWithoutShipment
  unleashedTimeZone
  credentialsRejectedAt
  unleashedOrderManagement
  fulfilmentNotice
  skippedUnleashedWarehouseCodes
  defaultWarehouse {
    id
    name
  }
  warehouseMappings {
    unleashedWarehouseCode
    warehouse {
      id
      name
    }
  }
  customer {
    id
    name
    selfManagedIntegrationsAllowed
    warehouses {
      id
      name
    }
  }
}
    ${IntegrationSummaryFragmentDoc}`;
export const AlertSubscriptionsDocument = gql`
    query AlertSubscriptions($customerId: ID) {
  alertSubscriptions(customerId: $customerId) {
    ...AlertSubscriptionRow
  }
}
    ${AlertSubscriptionRowFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class AlertSubscriptionsGQL extends Apollo.Query<AlertSubscriptionsQuery, AlertSubscriptionsQueryVariables> {
    override document = AlertSubscriptionsDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const AlertFormOptionsDocument = gql`
    query AlertFormOptions {
  alertSettings {
    emailEnabled
    devMailCatcher
  }
  customers {
    id
    name
    selfManagedIntegrationsAllowed
  }
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class AlertFormOptionsGQL extends Apollo.Query<AlertFormOptionsQuery, AlertFormOptionsQueryVariables> {
    override document = AlertFormOptionsDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const CreateAlertSubscriptionDocument = gql`
    mutation CreateAlertSubscription($input: AlertSubscriptionInput!) {
  createAlertSubscription(input: $input) {
    signingSecret
    subscription {
      ...AlertSubscriptionRow
    }
  }
}
    ${AlertSubscriptionRowFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class CreateAlertSubscriptionGQL extends Apollo.Mutation<CreateAlertSubscriptionMutation, CreateAlertSubscriptionMutationVariables> {
    override document = CreateAlertSubscriptionDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const DeleteAlertSubscriptionDocument = gql`
    mutation DeleteAlertSubscription($id: ID!) {
  deleteAlertSubscription(id: $id)
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class DeleteAlertSubscriptionGQL extends Apollo.Mutation<DeleteAlertSubscriptionMutation, DeleteAlertSubscriptionMutationVariables> {
    override document = DeleteAlertSubscriptionDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const SendTestAlertDocument = gql`
    mutation SendTestAlert($subscriptionId: ID!) {
  sendTestAlert(subscriptionId: $subscriptionId) {
    ...AlertDeliveryRow
  }
}
    ${AlertDeliveryRowFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class SendTestAlertGQL extends Apollo.Mutation<SendTestAlertMutation, SendTestAlertMutationVariables> {
    override document = SendTestAlertDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const NeedsAttentionDocument = gql`
    query NeedsAttention($customerId: ID, $integrationId: ID, $reason: AttentionCode, $limit: Int) {
  needsAttention(
    customerId: $customerId
    integrationId: $integrationId
    reason: $reason
    limit: $limit
  ) {
    ...AttentionItem
  }
  needsAttentionCount(
    customerId: $customerId
    integrationId: $integrationId
    reason: $reason
  )
  needsAttentionByReason(customerId: $customerId, integrationId: $integrationId) {
    code
    label
    count
    retryable
  }
}
    ${AttentionItemFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class NeedsAttentionGQL extends Apollo.Query<NeedsAttentionQuery, NeedsAttentionQueryVariables> {
    override document = NeedsAttentionDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const AttentionFiltersDocument = gql`
    query AttentionFilters {
  customers {
    id
    name
    integrations {
      id
      name
      status
    }
  }
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class AttentionFiltersGQL extends Apollo.Query<AttentionFiltersQuery, AttentionFiltersQueryVariables> {
    override document = AttentionFiltersDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const NeedsAttentionBadgeDocument = gql`
    query NeedsAttentionBadge {
  needsAttentionCount
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class NeedsAttentionBadgeGQL extends Apollo.Query<NeedsAttentionBadgeQuery, NeedsAttentionBadgeQueryVariables> {
    override document = NeedsAttentionBadgeDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const RetryShipmentsDocument = gql`
    mutation RetryShipments($ids: [ID!]!) {
  retryShipments(ids: $ids) {
    ...AttentionItem
  }
}
    ${AttentionItemFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class RetryShipmentsGQL extends Apollo.Mutation<RetryShipmentsMutation, RetryShipmentsMutationVariables> {
    override document = RetryShipmentsDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const AttentionRunEventsDocument = gql`
    subscription AttentionRunEvents {
  syncRunUpdated {
    id
    status
  }
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class AttentionRunEventsGQL extends Apollo.Subscription<AttentionRunEventsSubscription, AttentionRunEventsSubscriptionVariables> {
    override document = AttentionRunEventsDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const AttentionIntegrationEventsDocument = gql`
    subscription AttentionIntegrationEvents {
  integrationUpdated {
    id
  }
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class AttentionIntegrationEventsGQL extends Apollo.Subscription<AttentionIntegrationEventsSubscription, AttentionIntegrationEventsSubscriptionVariables> {
    override document = AttentionIntegrationEventsDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const BillingCustomersDocument = gql`
    query BillingCustomers {
  customers {
    id
    name
  }
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class BillingCustomersGQL extends Apollo.Query<BillingCustomersQuery, BillingCustomersQueryVariables> {
    override document = BillingCustomersDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const BillingDocument = gql`
    query Billing($customerId: ID, $from: DateTime, $to: DateTime) {
  billingSummary(customerId: $customerId, from: $from, to: $to) {
    periodStart
    periodEnd
    amountCents
    currency
    integrationCount
    customer {
      id
      name
    }
  }
  billingLines(customerId: $customerId, from: $from, to: $to) {
    id
    periodStart
    periodEnd
    amountCents
    currency
    customer {
      id
      name
    }
    integration {
      id
      name
      status
    }
  }
  billingPreview(customerId: $customerId) {
    periodStart
    periodEnd
    amountCents
    currency
    customer {
      id
      name
    }
    integration {
      id
      name
    }
  }
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class BillingGQL extends Apollo.Query<BillingQuery, BillingQueryVariables> {
    override document = BillingDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const CustomersDocument = gql`
    query Customers {
  customers {
    ...CustomerRow
  }
  warehouses {
    id
    name
    cartonCloudWarehouseId
  }
}
    ${CustomerRowFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class CustomersGQL extends Apollo.Query<CustomersQuery, CustomersQueryVariables> {
    override document = CustomersDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const UpdateCustomerDocument = gql`
    mutation UpdateCustomer($id: ID!, $input: CustomerInput!) {
  updateCustomer(id: $id, input: $input) {
    ...CustomerRow
  }
}
    ${CustomerRowFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class UpdateCustomerGQL extends Apollo.Mutation<UpdateCustomerMutation, UpdateCustomerMutationVariables> {
    override document = UpdateCustomerDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const ImportCustomersDocument = gql`
    mutation ImportCustomers {
  importCustomersFromCartonCloud {
    ...CustomerRow
  }
}
    ${CustomerRowFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class ImportCustomersGQL extends Apollo.Mutation<ImportCustomersMutation, ImportCustomersMutationVariables> {
    override document = ImportCustomersDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const CreateWarehouseDocument = gql`
    mutation CreateWarehouse($input: WarehouseInput!) {
  createWarehouse(input: $input) {
    id
    name
    cartonCloudWarehouseId
  }
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class CreateWarehouseGQL extends Apollo.Mutation<CreateWarehouseMutation, CreateWarehouseMutationVariables> {
    override document = CreateWarehouseDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const CreateCustomerDocument = gql`
    mutation CreateCustomer($input: CustomerInput!) {
  createCustomer(input: $input) {
    ...CustomerRow
  }
}
    ${CustomerRowFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class CreateCustomerGQL extends Apollo.Mutation<CreateCustomerMutation, CreateCustomerMutationVariables> {
    override document = CreateCustomerDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const DevMailboxDocument = gql`
    query DevMailbox {
  devMailbox {
    id
    from
    to
    subject
    text
    receivedAt
  }
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class DevMailboxGQL extends Apollo.Query<DevMailboxQuery, DevMailboxQueryVariables> {
    override document = DevMailboxDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const DevMailCatcherEnabledDocument = gql`
    query DevMailCatcherEnabled {
  alertSettings {
    devMailCatcher
  }
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class DevMailCatcherEnabledGQL extends Apollo.Query<DevMailCatcherEnabledQuery, DevMailCatcherEnabledQueryVariables> {
    override document = DevMailCatcherEnabledDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const IntegrationDetailDocument = gql`
    query IntegrationDetail($id: ID!) {
  integration(id: $id) {
    ...IntegrationSetup
    unleashedCalls {
      callsThisMonth
      quota
      projectedThisMonth
    }
    syncRuns(limit: 20) {
      ...SyncRunRow
    }
  }
}
    ${IntegrationSetupFragmentDoc}
${SyncRunRowFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class IntegrationDetailGQL extends Apollo.Query<IntegrationDetailQuery, IntegrationDetailQueryVariables> {
    override document = IntegrationDetailDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const IntegrationShipmentsDocument = gql`
    query IntegrationShipments($id: ID!, $state: SyncedShipmentState, $orderNumber: String, $limit: Int) {
  integration(id: $id) {
    id
    shipments(state: $state, orderNumber: $orderNumber, limit: $limit) {
      ...ShipmentRow
    }
  }
}
    ${ShipmentRowFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class IntegrationShipmentsGQL extends Apollo.Query<IntegrationShipmentsQuery, IntegrationShipmentsQueryVariables> {
    override document = IntegrationShipmentsDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const IntegrationActivityDocument = gql`
    query IntegrationActivity($id: ID!) {
  integration(id: $id) {
    id
    activity(days: 14) {
      day
      synced
      problems
      pending
    }
  }
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class IntegrationActivityGQL extends Apollo.Query<IntegrationActivityQuery, IntegrationActivityQueryVariables> {
    override document = IntegrationActivityDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const SyncRunUpdatedDocument = gql`
    subscription SyncRunUpdated($integrationId: ID) {
  syncRunUpdated(integrationId: $integrationId) {
    ...SyncRunRow
  }
}
    ${SyncRunRowFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class SyncRunUpdatedGQL extends Apollo.Subscription<SyncRunUpdatedSubscription, SyncRunUpdatedSubscriptionVariables> {
    override document = SyncRunUpdatedDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const SyncNowDocument = gql`
    mutation SyncNow($id: ID!) {
  syncNow(id: $id) {
    ...SyncRunRow
  }
}
    ${SyncRunRowFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class SyncNowGQL extends Apollo.Mutation<SyncNowMutation, SyncNowMutationVariables> {
    override document = SyncNowDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const RetryShipmentDocument = gql`
    mutation RetryShipment($id: ID!) {
  retryShipment(id: $id) {
    ...ShipmentRow
  }
}
    ${ShipmentRowFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class RetryShipmentGQL extends Apollo.Mutation<RetryShipmentMutation, RetryShipmentMutationVariables> {
    override document = RetryShipmentDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const IntegrationAuditDocument = gql`
    query IntegrationAudit($id: ID!) {
  integration(id: $id) {
    id
    auditTrail(limit: 50) {
      id
      at
      actorEmail
      actorSubject
      action
    }
  }
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class IntegrationAuditGQL extends Apollo.Query<IntegrationAuditQuery, IntegrationAuditQueryVariables> {
    override document = IntegrationAuditDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const CustomerPickerDocument = gql`
    query CustomerPicker {
  customers {
    id
    name
    hasLiveIntegration
    activeIntegrationCount
  }
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class CustomerPickerGQL extends Apollo.Query<CustomerPickerQuery, CustomerPickerQueryVariables> {
    override document = CustomerPickerDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const CustomerIntegrationsDocument = gql`
    query CustomerIntegrations($customerId: ID!) {
  customer(id: $customerId) {
    id
    name
    selfManagedIntegrationsAllowed
    integrations {
      ...IntegrationSummary
    }
  }
}
    ${IntegrationSummaryFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class CustomerIntegrationsGQL extends Apollo.Query<CustomerIntegrationsQuery, CustomerIntegrationsQueryVariables> {
    override document = CustomerIntegrationsDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const CustomerIntegrationUpdatedDocument = gql`
    subscription CustomerIntegrationUpdated($customerId: ID) {
  integrationUpdated(customerId: $customerId) {
    ...IntegrationSummary
  }
}
    ${IntegrationSummaryFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class CustomerIntegrationUpdatedGQL extends Apollo.Subscription<CustomerIntegrationUpdatedSubscription, CustomerIntegrationUpdatedSubscriptionVariables> {
    override document = CustomerIntegrationUpdatedDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const IntegrationSetupDocument = gql`
    query IntegrationSetup($id: ID!) {
  integration(id: $id) {
    ...IntegrationSetup
  }
}
    ${IntegrationSetupFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class IntegrationSetupGQL extends Apollo.Query<IntegrationSetupQuery, IntegrationSetupQueryVariables> {
    override document = IntegrationSetupDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const WizardCustomerDocument = gql`
    query WizardCustomer($id: ID!) {
  customer(id: $id) {
    id
    name
    selfManagedIntegrationsAllowed
    warehouses {
      id
      name
    }
  }
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class WizardCustomerGQL extends Apollo.Query<WizardCustomerQuery, WizardCustomerQueryVariables> {
    override document = WizardCustomerDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const UnleashedWarehousesDocument = gql`
    query UnleashedWarehouses($integrationId: ID!) {
  unleashedWarehouses(integrationId: $integrationId) {
    code
    name
    isDefault
  }
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class UnleashedWarehousesGQL extends Apollo.Query<UnleashedWarehousesQuery, UnleashedWarehousesQueryVariables> {
    override document = UnleashedWarehousesDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const CreateIntegrationDocument = gql`
    mutation CreateIntegration($input: CreateIntegrationInput!) {
  createIntegration(input: $input) {
    ...IntegrationSetup
  }
}
    ${IntegrationSetupFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class CreateIntegrationGQL extends Apollo.Mutation<CreateIntegrationMutation, CreateIntegrationMutationVariables> {
    override document = CreateIntegrationDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const RenameIntegrationDocument = gql`
    mutation RenameIntegration($id: ID!, $name: String!) {
  renameIntegration(id: $id, name: $name) {
    ...IntegrationSetup
  }
}
    ${IntegrationSetupFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class RenameIntegrationGQL extends Apollo.Mutation<RenameIntegrationMutation, RenameIntegrationMutationVariables> {
    override document = RenameIntegrationDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const ConfigureAuthenticationDocument = gql`
    mutation ConfigureAuthentication($id: ID!, $input: AuthenticationInput!) {
  configureAuthentication(id: $id, input: $input) {
    ...IntegrationSetup
  }
}
    ${IntegrationSetupFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class ConfigureAuthenticationGQL extends Apollo.Mutation<ConfigureAuthenticationMutation, ConfigureAuthenticationMutationVariables> {
    override document = ConfigureAuthenticationDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const ConfigureOrderCreationDocument = gql`
    mutation ConfigureOrderCreation($id: ID!, $input: OrderCreationInput!) {
  configureOrderCreation(id: $id, input: $input) {
    ...IntegrationSetup
  }
}
    ${IntegrationSetupFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class ConfigureOrderCreationGQL extends Apollo.Mutation<ConfigureOrderCreationMutation, ConfigureOrderCreationMutationVariables> {
    override document = ConfigureOrderCreationDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const ConfigureFulfilmentDocument = gql`
    mutation ConfigureFulfilment($id: ID!, $input: FulfilmentInput!) {
  configureFulfilment(id: $id, input: $input) {
    ...IntegrationSetup
  }
}
    ${IntegrationSetupFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class ConfigureFulfilmentGQL extends Apollo.Mutation<ConfigureFulfilmentMutation, ConfigureFulfilmentMutationVariables> {
    override document = ConfigureFulfilmentDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const FinishIntegrationDocument = gql`
    mutation FinishIntegration($id: ID!) {
  finishIntegration(id: $id) {
    ...IntegrationSetup
  }
}
    ${IntegrationSetupFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class FinishIntegrationGQL extends Apollo.Mutation<FinishIntegrationMutation, FinishIntegrationMutationVariables> {
    override document = FinishIntegrationDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const DeleteIntegrationDocument = gql`
    mutation DeleteIntegration($id: ID!) {
  deleteIntegration(id: $id) {
    ...IntegrationSummary
  }
}
    ${IntegrationSummaryFragmentDoc}`;

  @Injectable({
    providedIn: 'root'
  })
  export class DeleteIntegrationGQL extends Apollo.Mutation<DeleteIntegrationMutation, DeleteIntegrationMutationVariables> {
    override document = DeleteIntegrationDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const PreviewOrderCreationDocument = gql`
    query PreviewOrderCreation($integrationId: ID!, $input: OrderCreationInput!) {
  previewOrderCreation(integrationId: $integrationId, input: $input) {
    customerReference
    orderNumber
    shipmentNumber
    unleashedWarehouseCode
    warehouse {
      id
      name
    }
    outcome
    reason
    unknownProductCodes
    productsChecked
  }
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class PreviewOrderCreationGQL extends Apollo.Query<PreviewOrderCreationQuery, PreviewOrderCreationQueryVariables> {
    override document = PreviewOrderCreationDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const AdminOverviewDocument = gql`
    query AdminOverview($timeZone: String) {
  overview(timeZone: $timeZone) {
    generatedAt
    timeZone
    unhealthyIntegrations {
      id
      name
      status
      customer {
        id
        name
      }
      conditions {
        id
        code
        severity
        message
        action
        since
      }
    }
    platformConditions {
      id
      code
      severity
      message
      action
      since
    }
    needsAttention {
      customer {
        id
        name
      }
      count
      oldestSince
    }
    orders {
      createdToday
      createdThisWeek
      dispatchedToday
      dispatchedThisWeek
    }
    createBudget {
      limitPerMinute
      usedLastMinute
      reservedAhead
    }
    cartonCloudWebhookUrl
    unleashedCallsThisMonth {
      callsThisMonth
      quota
      remaining
      projectedThisMonth
      integration {
        id
        name
      }
    }
  }
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class AdminOverviewGQL extends Apollo.Query<AdminOverviewQuery, AdminOverviewQueryVariables> {
    override document = AdminOverviewDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }
export const ViewerDocument = gql`
    query Viewer {
  viewer {
    subject
    email
    isAdmin
    customer {
      id
      name
      selfManagedIntegrationsAllowed
    }
  }
}
    `;

  @Injectable({
    providedIn: 'root'
  })
  export class ViewerGQL extends Apollo.Query<ViewerQuery, ViewerQueryVariables> {
    override document = ViewerDocument;
    
    constructor(apollo: Apollo.Apollo) {
      super(apollo);
    }
  }