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

export type CustomerInput = {
  /** The customer UUID in CartonCloud. */
  cartonCloudCustomerId: Scalars['String']['input'];
  name: Scalars['String']['input'];
  /** Whether its own users may manage integrations (default false; unchanged when omitted on update). */
  selfManagedIntegrationsAllowed?: InputMaybe<Scalars['Boolean']['input']>;
  /** The warehouses the customer may use (unchanged when omitted on update). */
  warehouseIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** A self-managed Unleashed integration of one customer. */
export type Integration = {
  __typename?: 'Integration';
  activatedAt: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** When Unleashed last refused the stored credentials (polling is stopped until they are replaced). */
  credentialsRejectedAt: Maybe<Scalars['DateTime']['output']>;
  deletedAt: Maybe<Scalars['DateTime']['output']>;
  fulfilmentEnabled: Scalars['Boolean']['output'];
  /** A problem the integration’s users should know about, in plain words. */
  healthMessage: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  includeComments: Scalars['Boolean']['output'];
  lastSyncedAt: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  status: IntegrationStatus;
  /** The Unleashed API ID. The API key is write-only and never returned. */
  unleashedApiId: Maybe<Scalars['String']['output']>;
  /** Whether the Unleashed account has Order Management on; null until first learnt. */
  unleashedOrderManagement: Maybe<Scalars['Boolean']['output']>;
  /** IANA time zone of the Unleashed account, used for date-only values such as the dispatch date. */
  unleashedTimeZone: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type IntegrationStatus =
  | 'ACTIVE'
  | 'DELETED'
  | 'DRAFT';

export type Mutation = {
  __typename?: 'Mutation';
  createCustomer: Customer;
  createWarehouse: Warehouse;
  updateCustomer: Customer;
};


export type MutationCreateCustomerArgs = {
  input: CustomerInput;
};


export type MutationCreateWarehouseArgs = {
  input: WarehouseInput;
};


export type MutationUpdateCustomerArgs = {
  id: Scalars['ID']['input'];
  input: CustomerInput;
};

export type Query = {
  __typename?: 'Query';
  customer: Maybe<Customer>;
  /** Admin: every customer. Customer user: their own. */
  customers: Array<Customer>;
  /** The signed-in user or API client (UNAUTHENTICATED without a valid token). */
  viewer: Viewer;
  /** Admin: every warehouse. Customer user: those their customer may use. */
  warehouses: Array<Warehouse>;
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
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