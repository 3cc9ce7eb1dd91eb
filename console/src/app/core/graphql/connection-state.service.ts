import { Injectable, computed, signal } from '@angular/core';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

/** State of the live-updates socket (graphql-ws), shown by the shell as a non-blocking banner. */
@Injectable({ providedIn: 'root' })
export class ConnectionStateService {
  private readonly current = signal<ConnectionState>('connecting');
  readonly state = this.current.asReadonly();
  readonly reconnecting = computed(() => this.current() === 'reconnecting');

  connected(): void {
    this.current.set('connected');
  }

  lost(): void {
    this.current.set('reconnecting');
  }
}
