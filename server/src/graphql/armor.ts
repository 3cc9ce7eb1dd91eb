import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { GraphQLContext } from './context.js';
import { forbiddenField } from './field-permissions.js';
import { checkIdArguments } from './id-arguments.js';
import { checkOperationLimits, defaultOperationLimits, type OperationLimits } from './operation-limits.js';

/**
 * Everything that keeps one GraphQL document from tying up a process, the same over HTTP and WebSocket:
 * - tokens per document: graphql-js's own `maxTokens` parse option (the algorithm GraphQL Armor's
 *   max-tokens plugin re-implements; for Apollo that plugin parses every document a second time and fails
 *   through an "unexpected error" hook, while the parse option refuses in the one parse, as a 400);
 * - aliases and directives per operation: GraphQL Armor's rules (fragments counted once, memoised);
 * - fragment spreads per document: a small rule below (no maintained rule exists for it);
 * - depth and cost, with the request's variables and introspection counted: operation-limits.ts;
 * - malformed ids: id-arguments.ts;
 * - a mutation selecting an admin-only field, sent by someone else: field-permissions.ts (refused before it writes);
 * - introspection only when enabled (GRAPHQL_INTROSPECTION).
 */
export interface DocumentLimits extends OperationLimits {
  maxTokens: number;
  maxAliases: number;
  maxDirectives: number;
  maxFragmentSpreads: number;
}

export const defaultDocumentLimits: DocumentLimits = {
  ...defaultOperationLimits,
  maxTokens: 3_000,
  maxAliases: 30,
  maxDirectives: 30,
  maxFragmentSpreads: 100,
};

/** Armor reports "Syntax Error: …" and would throw out of graphql's validate(); report a plain validation error instead. */
const reportArmorRejection = (context: ValidationContext | null, error: GraphQLError): void => {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
};

export function maxFragmentSpreadsRule(max: number): ValidationRule {
  return (context) => {
    let spreads = 0;
    return {
      FragmentSpread() {
        spreads += 1;
        if (spreads === max + 1) {
          context.reportError(new GraphQLError(`Too many fragment spreads: more than ${max} in one document.`, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        }
      },
    };
  };
}

export interface GraphQLArmor {
  limits: DocumentLimits;
  parseOptions: ParseOptions;
  /** run with graphql's specified rules (cached per document by Apollo: none depends on variables) */
  validationRules: ValidationRule[];
  /** depth, cost and ids, with the request's variables, before anything runs */
  plugin: ApolloServerPlugin;
  /** the same checks for a document arriving over graphql-ws: the parsed document, or why not */
  checkDocument(schema: GraphQLSchema, query: string, variables: Record<string, unknown> | undefined, operationName?: string | null): { document: DocumentNode; operation: OperationDefinitionNode } | { errors: GraphQLError[] };
}

/** graphql-js's own parse and validation errors carry no code; Apollo adds these two over HTTP. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions.code) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}

function fragmentsOf(document: DocumentNode): FragmentDefinitionNode[] {
  return document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
}

/** Depth/cost first (a refused operation is never walked again), then ids. */
function checkOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, limits: DocumentLimits): GraphQLError | null {
  const fragments = fragmentsOf(document);
  return checkOperationLimits(schema, operation, fragments, variables, limits) ?? checkIdArguments(schema, operation, fragments, variables);
}

export function createGraphQLArmor(options: { introspection: boolean; limits?: Partial<DocumentLimits> }): GraphQLArmor {
  const limits: DocumentLimits = { ...defaultDocumentLimits, ...options.limits };
  const parseOptions: ParseOptions = { maxTokens: limits.maxTokens };
  const validationRules: ValidationRule[] = [
    maxAliasesRule({ n: limits.maxAliases, propagateOnRejection: false, onReject: [reportArmorRejection] }) as unknown as ValidationRule,
    maxDirectivesRule({ n: limits.maxDirectives, propagateOnRejection: false, onReject: [reportArmorRejection] }) as unknown as ValidationRule,
    maxFragmentSpreadsRule(limits.maxFragmentSpreads),
    ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];

  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (!rc.operation) return;
          const problem =
            checkOperation(rc.schema, rc.document, rc.operation, rc.request.variables, limits) ??
            forbiddenField(rc.schema, rc.operation, fragmentsOf(rc.document), (rc.contextValue as Partial<GraphQLContext>).viewer ?? null);
          if (problem) throw problem;
        },
      };
    },
  };

  return {
    limits,
    parseOptions,
    validationRules,
    plugin,
    checkDocument(schema, query, variables, operationName) {
      let document: DocumentNode;
      try {
        document = parse(query, parseOptions);
      } catch (error) {
        return { errors: [withCode(error instanceof GraphQLError ? error : new GraphQLError('The document could not be parsed.'), 'GRAPHQL_PARSE_FAILED')] };
      }
      const errors = validate(schema, document, [...specifiedRules, ...validationRules]);
      if (errors.length) return { errors: errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED')) };
      const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
      if (!operation) {
        const message = operationName ? `Unknown operation "${operationName}".` : 'Name the operation to run (the document has several).';
        return { errors: [new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } })] };
      }
      const problem = checkOperation(schema, document, operation, variables, limits);
      return problem ? { errors: [problem] } : { document, operation };
    },
  };
}
