import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import type { RequestLoaders } from '../common/request-loaders.js';

/** What every resolver gets: who is asking, one ORM context for the request, and per-request loaders. */
export interface GraphQLContext {
  viewer: Viewer | null;
  em: EntityManager;
  loaders: RequestLoaders;
  requestId: string;
}
