import { createHash } from 'node:crypto';
import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Viewer } from '../auth/viewer.js';
import { oncePerEvent } from '../common/fan-out.js';
import type { GraphQLContext } from '../graphql/context.js';

/**
 * Subscriptions at scale (graphql-ws's `subscribe`): each subscriber keeps its own source stream — its own
 * filter, run with its own viewer (who may see the event) — but an event is *executed* once per distinct
 * (document, variables, access), not once per subscriber. A thousand admins following the same
 * integration cost one execution per event and a thousand sends.
 *
 * Shared executions run as the viewer's access only — admin or not, and which customer — never as the
 * person: the shared context's viewer has no subject, e-mail, name or client. Everything a subscription
 * type shows is decided by access alone (field permissions, `canSeeCustomer`); a field that would show
 * something of the person would get the placeholder, never another subscriber's data.
 */
export async function sharedSubscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!isAsyncIterable(source)) return source;
  const context = args.contextValue as GraphQLContext;
  const access = accessOf(context.viewer);
  const key = createHash('sha1')
    .update(print(args.document))
    .update('\0')
    .update(args.operationName ?? '')
    .update('\0')
    .update(JSON.stringify(args.variableValues ?? {}))
    .update('\0')
    .update(JSON.stringify(access))
    .digest('base64');
  const executeEvent = (payload: unknown): Promise<ExecutionResult> => {
    const run = () => Promise.resolve(execute({ ...args, rootValue: payload, contextValue: { ...context, viewer: access } satisfies GraphQLContext }));
    return typeof payload === 'object' && payload !== null ? oncePerEvent(payload, `execute:${key}`, run) : run();
  };
  return mapEach(source[Symbol.asyncIterator](), executeEvent);
}

/** What a shared execution may know of a viewer: its access, nothing personal. */
export function accessOf(viewer: Viewer | null): Viewer | null {
  return viewer && { subject: 'subscription', email: null, name: null, isAdmin: viewer.isAdmin, customerId: viewer.customerId, clientId: null };
}

/** Maps an async iterator; `return()` reaches the source at once (an async generator would wait for its next event). */
function mapEach<T, R>(source: AsyncIterator<T>, map: (value: T) => Promise<R>): AsyncIterableIterator<R> {
  const iterator: AsyncIterableIterator<R> = {
    async next() {
      const item = await source.next();
      return item.done ? { value: undefined, done: true } : { value: await map(item.value), done: false };
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    async throw(error?: unknown) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
