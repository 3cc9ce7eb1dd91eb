import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '../common/logger.js';

/**
 * One error policy for HTTP and WebSocket: an unexpected error (no code, or INTERNAL_SERVER_ERROR) is
 * logged with its cause and answered with a generic message — never SQL text, a stack or a driver
 * message; our own errors keep their code and field; `stacktrace` and `http` never reach a client; with
 * introspection off, "Did you mean …?" suggestions (which leak the schema) are removed.
 */
export function createErrorFormatter(logger: Logger, options: { introspection: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
      const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
      logger.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL request');
      return { message: 'Something went wrong on our side; it has been logged.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    const { stacktrace: _stack, http: _http, ...extensions } = formatted.extensions ?? {};
    const message = options.introspection ? formatted.message : formatted.message.replace(/\s*Did you mean [^?]*\?/g, '');
    return { ...formatted, message, extensions };
  };
}

export type ErrorFormatter = ReturnType<typeof createErrorFormatter>;

/** GraphQL errors as a client sees them (a GraphQLError's own JSON form, then the formatter). */
export function formatErrors(format: ErrorFormatter, errors: readonly GraphQLError[]): GraphQLFormattedError[] {
  return errors.map((error) => format(error.toJSON(), error));
}
