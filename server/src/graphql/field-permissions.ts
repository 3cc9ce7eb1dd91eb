import { Authorized, Extensions } from 'type-graphql';
import {
  getNamedType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Viewer } from '../auth/viewer.js';
import { AppError } from '../common/errors.js';

/** The schema extension that marks a field only 3PL administrators may read. */
const ADMIN_ONLY = 'adminOnly';

/**
 * `@Authorized('ADMIN')` plus a mark in the schema, so a whole operation can be checked before it runs
 * (`forbiddenField`). Use it on every admin-only field, root or nested.
 */
export function AdminOnly(): MethodDecorator {
  const authorized = Authorized('ADMIN') as MethodDecorator;
  const marked = Extensions({ [ADMIN_ONLY]: true }) as MethodDecorator;
  return (target, key, descriptor) => {
    authorized(target, key, descriptor);
    marked(target, key, descriptor);
  };
}

/** The first admin-only field under the root fields (a root field's own guard runs before its resolver writes anything). */
function walk(schema: GraphQLSchema, set: SelectionSetNode, parent: GraphQLCompositeType, fragments: Map<string, FragmentDefinitionNode>, visited: Set<string>, root: boolean): string | null {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = 'getFields' in parent ? (parent.getFields() as Record<string, GraphQLField<unknown, unknown>>)[selection.name.value] : undefined;
      if (!field) continue;
      if (!root && field.extensions?.[ADMIN_ONLY]) return `${parent.name}.${field.name}`;
      if (selection.selectionSet) {
        const found = walk(schema, selection.selectionSet, getNamedType(field.type) as GraphQLCompositeType, fragments, visited, false);
        if (found) return found;
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
      const found = walk(schema, selection.selectionSet, (type ?? parent) as GraphQLCompositeType, fragments, visited, root);
      if (found) return found;
    } else {
      const name = selection.name.value;
      if (visited.has(name)) continue;
      visited.add(name);
      const fragment = fragments.get(name);
      const type = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
      const found = fragment && type ? walk(schema, fragment.selectionSet, type as GraphQLCompositeType, fragments, visited, root) : null;
      if (found) return found;
    }
  }
  return null;
}

/**
 * A mutation whose selection asks for an admin-only field, sent by someone who is not an administrator,
 * is refused whole before it runs: otherwise the write would happen and only the field would fail, and
 * the caller — seeing `data: null` and FORBIDDEN — would believe nothing changed. (Queries write nothing:
 * their admin-only fields fail one by one, as usual.)
 */
export function forbiddenField(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  viewer: Viewer | null,
): AppError | null {
  if (operation.operation !== 'mutation' || viewer?.isAdmin) return null;
  const root = schema.getMutationType();
  if (!root) return null;
  const field = walk(schema, operation.selectionSet, root, new Map(fragments.map((f) => [f.name.value, f])), new Set(), true);
  return field
    ? new AppError('FORBIDDEN', `Only a 3PL administrator may read ${field}; nothing was changed. Leave it out of the selection.`, { http: { status: 403 } })
    : null;
}
