import { GraphQLError } from 'graphql';

/** The error codes of CONTRACT §4, raised as GraphQL errors with `extensions.code` (and `field`). */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'UNLEASHED_AUTH_FAILED' | 'UPSTREAM_UNAVAILABLE' | 'CONFLICT';

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const unauthenticated = (message = 'Sign in first: this request carries no valid access token.') => new AppError('UNAUTHENTICATED', message);
export const forbidden = (message: string) => new AppError('FORBIDDEN', message);
export const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `${what} ${id} was not found.`, { id });
/** `field` names the input field, as a path from the mutation's arguments (e.g. `input.name`). */
export const badInput = (field: string, message: string) => new AppError('BAD_USER_INPUT', message, { field });
export const conflict = (message: string) => new AppError('CONFLICT', message);
