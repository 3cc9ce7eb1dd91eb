import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** One graphql-ws subscriber (its own socket, like one browser tab) and what it received, with arrival times. */
export interface Subscriber<T> {
  deliveries: { at: number; data: T }[];
  errors: unknown[];
  /** resolves when the socket is open and acknowledged */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function subscribe<T>(apiUrl: string, token: string, query: string, variables: Record<string, unknown> = {}): Subscriber<T> {
  const deliveries: { at: number; data: T }[] = [];
  const errors: unknown[] = [];
  const client: Client = createClient({
    url: `${apiUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
  });
  const ready = new Promise<void>((resolve, reject) => {
    client.on('connected', () => resolve());
    client.on('closed', (event) => reject(new Error(`socket closed before it was ready: ${JSON.stringify(event)}`)));
  });
  ready.catch(() => undefined);
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        const at = Date.now();
        if (value.errors?.length) errors.push(value.errors);
        if (value.data) deliveries.push({ at, data: value.data as T });
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return {
    deliveries,
    errors,
    ready,
    close: async () => {
      dispose();
      await client.dispose();
    },
  };
}

/** The p-th percentile (0–100) of the values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
