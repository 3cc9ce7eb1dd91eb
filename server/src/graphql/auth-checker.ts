import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../common/errors.js';
import type { GraphQLContext } from './context.js';

/** `@Authorized()`: any signed-in viewer; `@Authorized('ADMIN')`: a 3PL administrator. Finer rules live in access-policy. */
export const authChecker: AuthChecker<GraphQLContext> = ({ context }, roles) => {
  if (!context.viewer) throw unauthenticated();
  if (roles.includes('ADMIN') && !context.viewer.isAdmin) throw forbidden('Only a 3PL administrator may do this.');
  return true;
};
