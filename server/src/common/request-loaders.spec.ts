import type { EntityManager } from '@mikro-orm/postgresql';
import { perArguments, RequestLoaders } from './request-loaders.js';

describe('per-request loaders', () => {
  const em = {} as EntityManager;

  it('builds a factory\u2019s loaders once per request, on the request\u2019s EntityManager', () => {
    let builds = 0;
    const factory = (given: EntityManager) => {
      builds++;
      return { em: given };
    };
    const request = new RequestLoaders(em);
    expect(request.of(factory)).toBe(request.of(factory));
    expect(request.of(factory).em).toBe(em);
    expect(builds).toBe(1);
    new RequestLoaders(em).of(factory);
    expect(builds).toBe(2);
  });

  it('keeps one loader per distinct argument set', () => {
    const byLimit = perArguments((limit: number, state: string | null) => ({ limit, state }));
    expect(byLimit(5, null)).toBe(byLimit(5, null));
    expect(byLimit(5, null)).not.toBe(byLimit(6, null));
    expect(byLimit(5, 'FAILED')).not.toBe(byLimit(5, null));
  });
});
