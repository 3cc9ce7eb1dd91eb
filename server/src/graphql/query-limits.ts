import {
  getNamedType,
  GraphQLError,
  isListType as gqlIsListType,
  isNonNullType,
  type GraphQLType,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';

/**
 * Validation rules that keep one request from tying up the server: a maximum selection depth, and a
 * cost estimate where every list multiplies the cost of what is selected under it by its `limit`
 * argument (or a default page size). Both reject before anything runs.
 */
export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  /** assumed size of a list field without a `limit` argument */
  defaultListSize: number;
}

export const defaultQueryLimits: QueryLimits = { maxDepth: 10, maxCost: 50_000, defaultListSize: 20 };

function intArg(value: ValueNode | undefined, variables: Record<string, unknown>): number | null {
  if (!value) return null;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : null;
  }
  return null;
}

export function measureSelection(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  isList: (parentPath: string[], field: string) => boolean,
  limits: QueryLimits,
  depth = 1,
  path: string[] = [],
  seen: Set<string> = new Set(),
): { depth: number; cost: number } {
  let maxDepth = depth;
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name.startsWith('__')) continue;
      let fieldCost = 1;
      if (selection.selectionSet) {
        const inner = measureSelection(selection.selectionSet, fragments, variables, isList, limits, depth + 1, [...path, name], seen);
        maxDepth = Math.max(maxDepth, inner.depth);
        const multiplier = isList(path, name)
          ? intArg(selection.arguments?.find((a) => a.name.value === 'limit')?.value, variables) ?? limits.defaultListSize
          : 1;
        fieldCost += multiplier * inner.cost;
      }
      cost += fieldCost;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const inner = measureSelection(selection.selectionSet, fragments, variables, isList, limits, depth, path, seen);
      maxDepth = Math.max(maxDepth, inner.depth);
      cost += inner.cost;
    } else {
      const fragment = fragments[selection.name.value];
      if (!fragment || seen.has(fragment.name.value)) continue; // cycles are reported by graphql's own rule
      const inner = measureSelection(fragment.selectionSet, fragments, variables, isList, limits, depth, path, new Set([...seen, fragment.name.value]));
      maxDepth = Math.max(maxDepth, inner.depth);
      cost += inner.cost;
    }
  }
  return { depth: maxDepth, cost };
}

export function queryLimitRule(limits: QueryLimits = defaultQueryLimits, variables: Record<string, unknown> = {}) {
  return (context: ValidationContext): ASTVisitor => {
    const schema = context.getSchema();
    const isList = (parentPath: string[], field: string): boolean => {
      // walk the schema along the path to find whether `field` returns a list
      let type: unknown = null;
      const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
      for (const root of roots) {
        if (!root) continue;
        let current: unknown = root;
        let ok = true;
        for (const step of [...parentPath, field]) {
          const named = unwrap(current);
          const fields = named && typeof (named as { getFields?: unknown }).getFields === 'function' ? (named as { getFields(): Record<string, { type: unknown }> }).getFields() : null;
          const f = fields?.[step];
          if (!f) {
            ok = false;
            break;
          }
          current = f.type;
        }
        if (ok) {
          type = current;
          break;
        }
      }
      return isListType(type);
    };
    return {
      Document(node) {
        const fragments: Record<string, FragmentDefinitionNode> = {};
        for (const d of node.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
        for (const d of node.definitions) {
          if (d.kind !== Kind.OPERATION_DEFINITION) continue;
          const { depth, cost } = measureSelection(d.selectionSet, fragments, variables, isList, limits);
          if (depth > limits.maxDepth) {
            context.reportError(new GraphQLError(`Query is too deep: ${depth} levels, at most ${limits.maxDepth} allowed.`, { nodes: [d], extensions: { code: 'QUERY_TOO_COMPLEX', depth, maxDepth: limits.maxDepth } }));
          } else if (cost > limits.maxCost) {
            context.reportError(new GraphQLError(`Query is too expensive: estimated cost ${cost}, at most ${limits.maxCost} allowed. Ask for fewer items (limit) or fewer nested lists.`, { nodes: [d], extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost: limits.maxCost } }));
          }
        }
        return false;
      },
    };
  };
}

function unwrap(type: unknown): unknown {
  return type ? getNamedType(type as GraphQLType) : null;
}

function isListType(type: unknown): boolean {
  if (!type) return false;
  const t = type as GraphQLType;
  return gqlIsListType(isNonNullType(t) ? t.ofType : t);
}
