import { DestroyRef, EnvironmentProviders, inject, makeEnvironmentProviders } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { HttpHeaders, provideHttpClient, withFetch } from '@angular/common/http';
import { provideApollo } from 'apollo-angular';
import { HttpLink } from 'apollo-angular/http';
import { ApolloLink, InMemoryCache } from '@apollo/client/core';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { AuthService } from '../auth/auth.service';
import { RuntimeConfigService } from '../config/runtime-config';
import { ConnectionStateService } from './connection-state.service';

/** Exponential backoff with jitter, capped at 30 s: 1 s, 2 s, 4 s … */
export function reconnectDelayMs(retries: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.min(retries, 10));
  return Math.round(base * (0.75 + random() * 0.5));
}

/** ws(s):// URL of the GraphQL endpoint, relative to the page's own origin. */
export function websocketUrl(graphqlPath: string, pageUrl: string): string {
  const url = new URL(graphqlPath, pageUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

function isUnauthenticated(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED');
  }
  return ServerError.is(error) && error.statusCode === 401;
}

/**
 * Apollo for the console: queries and mutations over HTTP with `Authorization: Bearer …`,
 * subscriptions over graphql-ws (same path, retried forever with backoff), split by operation type.
 */
export function provideGraphql(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideHttpClient(withFetch()),
    provideApollo(() => {
      const { graphqlPath } = inject(RuntimeConfigService).config;
      const auth = inject(AuthService);
      const connection = inject(ConnectionStateService);
      const document = inject(DOCUMENT);

      const bearer = (): Record<string, string> => {
        const token = auth.accessToken();
        return token ? { authorization: `Bearer ${token}` } : {};
      };

      const authLink = new ApolloLink((operation, forward) => {
        operation.setContext(({ headers }: { headers?: HttpHeaders | Record<string, string> }) => {
          let merged = headers instanceof HttpHeaders ? headers : new HttpHeaders(headers ?? {});
          const token = auth.accessToken();
          if (token) merged = merged.set('Authorization', `Bearer ${token}`);
          return { headers: merged };
        });
        return forward(operation);
      });

      // An expired or rejected token: send the user to log in again (no refresh token).
      const errorLink = new ErrorLink(({ error }) => {
        if (isUnauthenticated(error)) {
          auth.login().catch((e: unknown) => console.error('Could not start sign-in', e));
        }
      });

      const wsClient = createClient({
        url: websocketUrl(graphqlPath, document.location.href),
        connectionParams: bearer,
        lazy: false,
        keepAlive: 20_000,
        retryAttempts: Number.POSITIVE_INFINITY,
        shouldRetry: () => true,
        retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, reconnectDelayMs(retries))),
        on: {
          connected: () => connection.connected(),
          closed: () => connection.lost(),
        },
      });
      inject(DestroyRef).onDestroy(() => void wsClient.dispose());

      const isSubscription = ({ query }: ApolloLink.Operation): boolean => {
        const definition = getMainDefinition(query);
        return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
      };

      const http = inject(HttpLink).create({ uri: graphqlPath });
      return {
        link: ApolloLink.from([
          errorLink,
          ApolloLink.split(isSubscription, new GraphQLWsLink(wsClient), ApolloLink.from([authLink, http])),
        ]),
        cache: new InMemoryCache(),
      };
    }),
  ]);
}
