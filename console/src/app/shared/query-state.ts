import { DestroyRef, Signal, inject, signal } from '@angular/core';
import type { OperationVariables } from '@apollo/client/core';
import type { Query, QueryRef } from 'apollo-angular';
import type { Subscription } from 'rxjs';
import { errorMessage } from './api-errors';

export interface QueryState<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
}

/**
 * A watched query as a signal with loading and error states; `watch(variables)` switches to new variables,
 * `refetch()` asks the server again. Must be created in an injection context (it stops with its component).
 */
export class WatchedQuery<T, V extends OperationVariables> {
  private readonly current = signal<QueryState<T>>({ data: null, loading: true, error: null });
  readonly state: Signal<QueryState<T>> = this.current.asReadonly();
  private ref: QueryRef<T, V> | null = null;
  private subscription: Subscription | null = null;

  constructor(private readonly query: { watch: (...args: never[]) => QueryRef<T, V> } & Pick<Query<T, V>, "client">) {
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  watch(variables: V): void {
    this.subscription?.unsubscribe();
    this.current.set({ data: null, loading: true, error: null });
    const ref = (this.ref = (this.query.watch as (o: object) => QueryRef<T, V>)({ variables, fetchPolicy: 'cache-and-network', notifyOnNetworkStatusChange: false }));
    this.subscription = ref.valueChanges.subscribe((result) => {
      const data = result.dataState === 'complete' ? (result.data as T) : null;
      this.current.update((previous) => ({
        data: data ?? previous.data,
        loading: result.loading && !data,
        error: result.error ? errorMessage(result.error) : null,
      }));
    });
  }

  refetch(): void {
    this.ref?.refetch().catch(() => undefined);
  }
}
