import {
  getNamedType,
  GraphQLError,
  isInputType,
  isListType,
  isNonNullType,
  Kind,
  typeFromAST,
  valueFromAST,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * Depth and cost of one operation, measured before it runs (HTTP: an Apollo plugin at didResolveOperation;
 * WebSocket: graphql-ws onSubscribe), with the request's variables:
 * - every field costs 1; a list field multiplies what is selected under it by its `limit` argument (literal,
 *   variable or the schema default; clamped to 1…maxListSize) or, without one, by `defaultListSize`;
 * - each fragment is measured once (memoised) and every spread adds its cost, so a document of fragments
 *   that spread each other twice is priced at 2^n without 2^n work;
 * - arithmetic saturates and the walk stops at the first limit exceeded;
 * - introspection counts: `__schema` / `__type` subtrees have their own depth and cost budget, sized so the
 *   standard introspection query (GraphiQL, codegen) passes and nested introspection does not.
 */
export interface OperationLimits {
  maxDepth: number;
  maxCost: number;
  /** assumed size of a list without a `limit` argument */
  defaultListSize: number;
  /** the largest `limit` a resolver honours */
  maxListSize: number;
  maxIntrospectionDepth: number;
  maxIntrospectionCost: number;
}

export const defaultOperationLimits: OperationLimits = {
  maxDepth: 10,
  maxCost: 50_000,
  defaultListSize: 20,
  maxListSize: 500,
  maxIntrospectionDepth: 16,
  maxIntrospectionCost: 400_000,
};

export interface OperationMeasure {
  depth: number;
  cost: number;
  introspectionDepth: number;
  introspectionCost: number;
}

type LimitName = 'depth' | 'cost' | 'introspectionDepth' | 'introspectionCost';

class LimitExceeded extends Error {
  constructor(
    readonly limit: LimitName,
    readonly value: number,
  ) {
    super(limit);
  }
}

const EMPTY: OperationMeasure = { depth: 0, cost: 0, introspectionDepth: 0, introspectionCost: 0 };

function listOf(type: GraphQLType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

export class OperationMeter {
  private readonly fragmentMeasures = new Map<string, OperationMeasure | 'measuring'>();
  private readonly fragments: Map<string, FragmentDefinitionNode>;

  constructor(
    private readonly schema: GraphQLSchema,
    fragments: readonly FragmentDefinitionNode[],
    private readonly variables: Record<string, unknown>,
    private readonly limits: OperationLimits,
    private readonly operation: OperationDefinitionNode,
  ) {
    this.fragments = new Map(fragments.map((f) => [f.name.value, f]));
  }

  /** The measure, or the first limit exceeded. */
  measure(): { ok: true; measure: OperationMeasure } | { ok: false; limit: LimitName; value: number } {
    const root = this.schema.getRootType(this.operation.operation);
    if (!root) return { ok: true, measure: EMPTY };
    try {
      return { ok: true, measure: this.selectionSet(this.operation.selectionSet, root, 1) };
    } catch (error) {
      if (error instanceof LimitExceeded) return { ok: false, limit: error.limit, value: error.value };
      throw error;
    }
  }

  private cap(value: number, limit: LimitName): number {
    const max = { depth: this.limits.maxDepth, cost: this.limits.maxCost, introspectionDepth: this.limits.maxIntrospectionDepth, introspectionCost: this.limits.maxIntrospectionCost }[limit];
    if (value > max) throw new LimitExceeded(limit, value);
    return value;
  }

  private add(into: OperationMeasure, part: OperationMeasure): void {
    into.depth = this.cap(Math.max(into.depth, part.depth), 'depth');
    into.introspectionDepth = this.cap(Math.max(into.introspectionDepth, part.introspectionDepth), 'introspectionDepth');
    into.cost = this.cap(into.cost + part.cost, 'cost');
    into.introspectionCost = this.cap(into.introspectionCost + part.introspectionCost, 'introspectionCost');
  }

  /** `level`: the depth of the fields directly in this selection set (root fields are at 1). */
  private selectionSet(set: SelectionSetNode, parent: GraphQLCompositeType, level: number): OperationMeasure {
    const total: OperationMeasure = { ...EMPTY };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        this.add(total, this.field(selection.name.value, selection.arguments ?? [], selection.selectionSet, parent, level));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typeName = selection.typeCondition?.name.value;
        const type = typeName ? this.schema.getType(typeName) : parent;
        this.add(total, this.selectionSet(selection.selectionSet, (type ?? parent) as GraphQLCompositeType, level));
      } else {
        const relative = this.fragment(selection.name.value);
        this.add(total, {
          cost: relative.cost,
          introspectionCost: relative.introspectionCost,
          depth: relative.depth > 0 ? relative.depth + level - 1 : 0,
          introspectionDepth: relative.introspectionDepth > 0 ? relative.introspectionDepth + level - 1 : 0,
        });
      }
    }
    return total;
  }

  /** A fragment's measure as if its fields were root fields (depth 1): computed once per document. */
  private fragment(name: string): OperationMeasure {
    const known = this.fragmentMeasures.get(name);
    if (known === 'measuring') return EMPTY; // a cycle: graphql's NoFragmentCycles rule refuses the document
    if (known) return known;
    const definition = this.fragments.get(name);
    const type = definition ? this.schema.getType(definition.typeCondition.name.value) : undefined;
    if (!definition || !type) return EMPTY;
    this.fragmentMeasures.set(name, 'measuring');
    const measure = this.selectionSet(definition.selectionSet, type as GraphQLCompositeType, 1);
    this.fragmentMeasures.set(name, measure);
    return measure;
  }

  private field(name: string, args: readonly { name: { value: string }; value: ValueNode }[], set: SelectionSetNode | undefined, parent: GraphQLCompositeType, level: number): OperationMeasure {
    const introspection = name === '__schema' || name === '__type' || parent.name.startsWith('__');
    const definition = this.fieldDefinition(parent, name);
    let cost = 1;
    let depth = level;
    if (set && definition) {
      const inner = this.selectionSet(set, getNamedType(definition.type) as GraphQLCompositeType, level + 1);
      const multiplier = listOf(definition.type) ? this.listSize(definition, args) : 1;
      cost += multiplier * (introspection ? inner.introspectionCost : inner.cost);
      depth = Math.max(depth, introspection ? inner.introspectionDepth : inner.depth);
    }
    return introspection ? { ...EMPTY, introspectionCost: cost, introspectionDepth: depth } : { ...EMPTY, cost, depth };
  }

  private fieldDefinition(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
    if (name === '__schema' || name === '__type' || name === '__typename') {
      // meta fields are not in getFields(); their types come from the introspection types
      const meta = this.schema.getType(name === '__schema' ? '__Schema' : name === '__type' ? '__Type' : 'String');
      return meta ? ({ name, type: meta, args: [] } as unknown as GraphQLField<unknown, unknown>) : undefined;
    }
    return 'getFields' in parent ? (parent.getFields() as Record<string, GraphQLField<unknown, unknown>>)[name] : undefined;
  }

  /** The `limit` argument's value (literal, variable, variable default, schema default), else the default list size. */
  private listSize(definition: GraphQLField<unknown, unknown>, args: readonly { name: { value: string }; value: ValueNode }[]): number {
    const argument = definition.args.find((a) => a.name === 'limit');
    let size: unknown;
    if (argument) {
      const node = args.find((a) => a.name.value === 'limit')?.value;
      if (node) size = valueFromAST(node, argument.type, this.variablesWithDefaults());
      if (size === undefined || size === null) size = argument.defaultValue;
    }
    const n = typeof size === 'number' && Number.isFinite(size) ? Math.trunc(size) : this.limits.defaultListSize;
    return Math.min(Math.max(n, 1), this.limits.maxListSize);
  }

  private cachedVariables: Record<string, unknown> | null = null;

  private variablesWithDefaults(): Record<string, unknown> {
    if (this.cachedVariables) return this.cachedVariables;
    const values: Record<string, unknown> = { ...this.variables };
    for (const definition of this.operation.variableDefinitions ?? []) {
      const name = definition.variable.name.value;
      const type = typeFromAST(this.schema, definition.type);
      if (values[name] === undefined && definition.defaultValue && type && isInputType(type)) values[name] = valueFromAST(definition.defaultValue, type);
    }
    this.cachedVariables = values;
    return values;
  }
}

const LIMIT_WORDS: Record<LimitName, (value: number, limits: OperationLimits) => string> = {
  depth: (v, l) => `Query is too deep: more than ${l.maxDepth} levels (found ${v} at least).`,
  cost: (v, l) => `Query is too expensive: estimated cost over ${l.maxCost} (found ${v} at least). Ask for fewer items (limit) or fewer nested lists.`,
  introspectionDepth: (v, l) => `Introspection is too deep: more than ${l.maxIntrospectionDepth} levels (found ${v} at least).`,
  introspectionCost: (v, l) => `Introspection is too expensive: estimated cost over ${l.maxIntrospectionCost} (found ${v} at least).`,
};

/**
 * The operation's measure, or a GraphQLError (code GRAPHQL_VALIDATION_FAILED, HTTP 400) naming the limit.
 * `document` must already be valid (graphql's rules refuse fragment cycles and unknown fields first).
 */
export function checkOperationLimits(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  variables: Record<string, unknown> | undefined,
  limits: OperationLimits = defaultOperationLimits,
): GraphQLError | null {
  const result = new OperationMeter(schema, fragments, variables ?? {}, limits, operation).measure();
  if (result.ok) return null;
  return new GraphQLError(LIMIT_WORDS[result.limit](result.value, limits), {
    nodes: [operation],
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: result.limit, http: { status: 400 } },
  });
}
