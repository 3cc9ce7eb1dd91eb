import type { EntityManager } from '@mikro-orm/postgresql';

/** Builds one domain's batch loaders on one request's EntityManager. */
export type LoaderFactory<T> = (em: EntityManager) => T;

/**
 * The per-request loaders of one GraphQL request or subscription event (`context.loaders`) — the one way
 * loaders are made. Each domain declares its loaders as a factory beside its resolvers
 * (`customerLoaders`, `integrationLoaders`, `syncRunLoaders`, `ledgerLoaders`); the first field that asks
 * for a factory's loaders builds them, later fields of the same request get the same ones, so a field
 * costs one query per request however many parent rows the response holds.
 */
export class RequestLoaders {
  private readonly built = new Map<LoaderFactory<unknown>, unknown>();

  constructor(private readonly em: EntityManager) {}

  of<T>(factory: LoaderFactory<T>): T {
    if (!this.built.has(factory)) this.built.set(factory, factory(this.em));
    return this.built.get(factory) as T;
  }
}

/** One loader per distinct argument set of a field (`limit`, `state`…), built on first use. */
export function perArguments<A extends unknown[], L>(build: (...args: A) => L): (...args: A) => L {
  const loaders = new Map<string, L>();
  return (...args: A) => {
    const key = JSON.stringify(args);
    let loader = loaders.get(key);
    if (!loader) {
      loader = build(...args);
      loaders.set(key, loader);
    }
    return loader;
  };
}

/** Rows grouped by a key (a loader's answer for list fields). */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) out.set(key(row), [...(out.get(key(row)) ?? []), row]);
  return out;
}
