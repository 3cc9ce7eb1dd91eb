import {
  getNamedType,
  GraphQLError,
  GraphQLID,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  valueFromAST,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { isUuid } from '../common/validation.js';
import { registerSecret } from '../common/redaction.js';

/**
 * Every `ID` in this API is a UUID (customers, warehouses, integrations, runs, shipments, billing lines).
 * Before an operation runs, each `ID` argument and `ID` input field it carries (literals and variables, in
 * lists and nested inputs, in fragments too) is checked: a malformed one refuses the whole operation with
 * BAD_USER_INPUT, `extensions.field` naming it (e.g. `id`, `input.warehouseIds`,
 * `input.warehouseMappings[1].warehouseId`), before any resolver — so PostgreSQL never sees it (it used to
 * answer INTERNAL_SERVER_ERROR) and nothing is half-done.
 *
 * The same walk registers the values of secret-named inputs (`apiKey`, `…secret`, `password`, `token`)
 * with the log redactor, so such a value is blanked wherever it would later appear in a log line.
 */

const SECRET_INPUT = /key|secret|password|token/i;
const EXAMPLE = '3f2c1a4e-8b7d-4c6e-9f01-2a3b4c5d6e7f';

type ArgumentNodes = readonly { name: { value: string }; value: import('graphql').ValueNode }[];

class IdProblem extends Error {
  constructor(readonly field: string) {
    super(field);
  }
}

function checkValue(value: unknown, type: GraphQLInputType, path: string): void {
  if (value === null || value === undefined) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    if (!Array.isArray(value)) return checkValue(value, inner.ofType as GraphQLInputType, path);
    const itemType = inner.ofType as GraphQLInputType;
    const objects = isInputObjectType(getNamedType(itemType));
    value.forEach((item, index) => checkValue(item, itemType, objects ? `${path}[${index}]` : path));
    return;
  }
  if (inner === GraphQLID || getNamedType(inner) === GraphQLID) {
    if (typeof value !== 'string' || !isUuid(value)) throw new IdProblem(path);
    return;
  }
  if (isInputObjectType(inner) && typeof value === 'object') {
    const fields = inner.getFields();
    for (const [name, fieldValue] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (!field) continue;
      if (typeof fieldValue === 'string' && SECRET_INPUT.test(name)) registerSecret(fieldValue);
      checkValue(fieldValue, field.type, `${path}.${name}`);
    }
  }
}

function checkArguments(field: GraphQLField<unknown, unknown>, nodes: ArgumentNodes, variables: Record<string, unknown>): void {
  for (const node of nodes) {
    const definition = field.args.find((a) => a.name === node.name.value);
    if (!definition) continue;
    // undefined: not coercible; graphql's own coercion reports that when the operation runs
    const value = valueFromAST(node.value, definition.type, variables);
    if (typeof value === 'string' && SECRET_INPUT.test(definition.name)) registerSecret(value);
    checkValue(value, definition.type, definition.name);
  }
}

function walk(
  schema: GraphQLSchema,
  set: SelectionSetNode,
  parent: GraphQLCompositeType,
  fragments: Map<string, FragmentDefinitionNode>,
  visited: Set<string>,
  variables: Record<string, unknown>,
): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = 'getFields' in parent ? (parent.getFields() as Record<string, GraphQLField<unknown, unknown>>)[selection.name.value] : undefined;
      if (!field) continue; // meta fields (__typename, __type, __schema) carry no ID of ours
      checkArguments(field, selection.arguments ?? [], variables);
      if (selection.selectionSet) walk(schema, selection.selectionSet, getNamedType(field.type) as GraphQLCompositeType, fragments, visited, variables);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
      walk(schema, selection.selectionSet, (type ?? parent) as GraphQLCompositeType, fragments, visited, variables);
    } else {
      const name = selection.name.value;
      if (visited.has(name)) continue; // arguments do not depend on where a fragment is spread
      visited.add(name);
      const fragment = fragments.get(name);
      const type = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
      if (fragment && type) walk(schema, fragment.selectionSet, type as GraphQLCompositeType, fragments, visited, variables);
    }
  }
}

/** BAD_USER_INPUT (HTTP 400) for the first malformed id of the operation, or null. */
export function checkIdArguments(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  variables: Record<string, unknown> | undefined,
): GraphQLError | null {
  const root = schema.getRootType(operation.operation);
  if (!root) return null;
  try {
    walk(schema, operation.selectionSet, root, new Map(fragments.map((f) => [f.name.value, f])), new Set(), variables ?? {});
    return null;
  } catch (error) {
    if (!(error instanceof IdProblem)) throw error;
    return new GraphQLError(`\`${error.field}\` must be an id: a UUID such as ${EXAMPLE}.`, {
      extensions: { code: 'BAD_USER_INPUT', field: error.field, http: { status: 400 } },
    });
  }
}
