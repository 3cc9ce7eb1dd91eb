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
  DateTime: { input: string; output: string; }
};

export type AuthenticationInput = {
  apiId: Scalars['String']['input'];
  apiKey: Scalars['String']['input'];
};

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

export type CreateIntegrationInput = {
  customerId: Scalars['ID']['input'];
  name: Scalars['String']['input'];
};

export type Customer = {
  __typename?: 'Customer';
  activeIntegrationCount: Scalars['Int']['output'];
  cartonCloudCustomerId: Scalars['String']['output'];
  hasLiveIntegration: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  integrations: Array<Integration>;
  name: Scalars['String']['output'];
  selfManagedIntegrationsAllowed: Scalars['Boolean']['output'];
  warehouses: Array<Warehouse>;
};

export type CustomerInput = {
  cartonCloudCustomerId: Scalars['String']['input'];
  name: Scalars['String']['input'];
  selfManagedIntegrationsAllowed?: InputMaybe<Scalars['Boolean']['input']>;
  warehouseIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

export type FulfilmentInput = {
  enabled: Scalars['Boolean']['input'];
};

export type Integration = {
  __typename?: 'Integration';
  activatedAt: Maybe<Scalars['DateTime']['output']>;
  customer: Customer;
  defaultWarehouse: Maybe<Warehouse>;
  fulfilmentEnabled: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  includeComments: Scalars['Boolean']['output'];
  lastSyncedAt: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  nextStep: SetupStep;
  shipments: Array<SyncedShipment>;
  status: IntegrationStatus;
  syncRuns: Array<SyncRun>;
  unleashedApiId: Maybe<Scalars['String']['output']>;
  warehouseMappings: Array<WarehouseMapping>;
};


export type IntegrationShipmentsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  state: InputMaybe<SyncedShipmentState>;
};


export type IntegrationSyncRunsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
};

export type IntegrationStatus =
  | 'ACTIVE'
  | 'DELETED'
  | 'DRAFT';

export type Mutation = {
  __typename?: 'Mutation';
  configureAuthentication: Integration;
  configureFulfilment: Integration;
  configureOrderCreation: Integration;
  createCustomer: Customer;
  createIntegration: Integration;
  createWarehouse: Warehouse;
  deleteIntegration: Integration;
  finishIntegration: Integration;
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


export type MutationCreateCustomerArgs = {
  input: CustomerInput;
};


export type MutationCreateIntegrationArgs = {
  input: CreateIntegrationInput;
};


export type MutationCreateWarehouseArgs = {
  input: WarehouseInput;
};


export type MutationDeleteIntegrationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationFinishIntegrationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSyncNowArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateCustomerArgs = {
  id: Scalars['ID']['input'];
  input: CustomerInput;
};

export type OrderCreationInput = {
  defaultWarehouseId?: InputMaybe<Scalars['ID']['input']>;
  includeComments: Scalars['Boolean']['input'];
  warehouseMappings: Array<WarehouseMappingInput>;
};

export type Query = {
  __typename?: 'Query';
  billingLines: Array<BillingLine>;
  customer: Maybe<Customer>;
  customers: Array<Customer>;
  integration: Maybe<Integration>;
  syncRun: Maybe<SyncRun>;
  viewer: Viewer;
  warehouses: Array<Warehouse>;
};


export type QueryBillingLinesArgs = {
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


export type QuerySyncRunArgs = {
  id: Scalars['ID']['input'];
};

export type SetupStep =
  | 'AUTHENTICATION'
  | 'COMPLETE'
  | 'FULFILMENT'
  | 'INITIAL'
  | 'ORDER_CREATION';

export type Subscription = {
  __typename?: 'Subscription';
  integrationUpdated: Integration;
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
  reference: Maybe<Scalars['String']['output']>;
};

export type SyncRun = {
  __typename?: 'SyncRun';
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
  total: Maybe<Scalars['Int']['output']>;
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

export type SyncedShipment = {
  __typename?: 'SyncedShipment';
  carrier: Maybe<Scalars['String']['output']>;
  cartonCloudOrderId: Maybe<Scalars['String']['output']>;
  customerReference: Scalars['String']['output'];
  dispatchedAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  lastError: Maybe<Scalars['String']['output']>;
  packages: Maybe<Scalars['Int']['output']>;
  state: SyncedShipmentState;
  trackingNumber: Maybe<Scalars['String']['output']>;
  unleashedOrderNumber: Scalars['String']['output'];
  unleashedShipmentNumber: Scalars['String']['output'];
};

export type SyncedShipmentState =
  | 'CREATED'
  | 'DISPATCHED'
  | 'FAILED'
  | 'FULFILLED'
  | 'REJECTED'
  | 'SKIPPED';

export type Viewer = {
  __typename?: 'Viewer';
  customer: Maybe<Customer>;
  email: Maybe<Scalars['String']['output']>;
  isAdmin: Scalars['Boolean']['output'];
  subject: Scalars['String']['output'];
};

export type Warehouse = {
  __typename?: 'Warehouse';
  cartonCloudWarehouseId: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

export type WarehouseInput = {
  cartonCloudWarehouseId: Scalars['String']['input'];
  name: Scalars['String']['input'];
};

export type WarehouseMapping = {
  __typename?: 'WarehouseMapping';
  unleashedWarehouseCode: Scalars['String']['output'];
  warehouse: Maybe<Warehouse>;
};

export type WarehouseMappingInput = {
  unleashedWarehouseCode: Scalars['String']['input'];
  warehouseId?: InputMaybe<Scalars['ID']['input']>;
};

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', subject: string, email: string | null, isAdmin: boolean, customer: { __typename?: 'Customer', id: string, name: string, selfManagedIntegrationsAllowed: boolean } | null } };

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