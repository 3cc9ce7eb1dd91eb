import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import type { Loaders } from './loaders.js';

/** What every resolver gets: who is asking, one ORM context for the request, and per-request loaders. */
export interface GraphQLContext {
  viewer: Viewer | null;
  em: EntityManager;
  loaders: Loaders;
  requestId: string;
}
