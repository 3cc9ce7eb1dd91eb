import fs from 'node:fs';
import path from 'node:path';
import { getIntrospectionQuery, Kind, parse, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { checkOperationLimits, defaultOperationLimits, OperationMeter } from './operation-limits.js';
import { buildConveyorSchema } from '../app/schema.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildConveyorSchema(null, { publish: () => undefined, subscribe: () => (async function* () {})() });
});

function operations(source: string) {
  const document = parse(source);
  const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  return document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION).map((operation) => ({ operation, fragments }));
}

function measure(source: string, variables: Record<string, unknown> = {}) {
  const [first] = operations(source);
  return new OperationMeter(schema, first!.fragments, variables, { ...defaultOperationLimits, maxCost: 1e15, maxDepth: 1e3 }, first!.operation).measure();
}

function check(source: string, variables: Record<string, unknown> = {}) {
  const [first] = operations(source);
  return checkOperationLimits(schema, first!.operation, first!.fragments, variables);
}

function consoleDocuments(): string {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else if (entry.name.endsWith('.graphql')) files.push(path.join(dir, entry.name));
    }
  };
  walk(path.resolve(__dirname, '../../../console/src/app'));
  return files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

describe('operation limits', () => {
  it("let every one of the console's operations through", () => {
    const all = operations(consoleDocuments());
    expect(all.length).toBeGreaterThan(20);
    for (const { operation, fragments } of all) {
      expect({ name: operation.name?.value, error: checkOperationLimits(schema, operation, fragments, {})?.message ?? null }).toEqual({ name: operation.name?.value, error: null });
    }
  });

  it('let the standard introspection query through (GraphiQL, codegen), counted against its own budget', () => {
    const result = measure(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }));
    expect(result.ok && result.measure.introspectionCost).toBeGreaterThan(1_000);
    expect(check(getIntrospectionQuery())).toBeNull();
  });

  it('price 31 fragments that spread each other twice at 2^31 without walking 2^31 times, and refuse them at once', () => {
    let doc = 'query { customers { ...F31 } }\nfragment F0 on Customer { name }\n';
    for (let i = 1; i <= 31; i++) doc += `fragment F${i} on Customer { ...F${i - 1} ...F${i - 1} }\n`;
    const started = performance.now();
    const unlimited = measure(doc);
    const refused = check(doc);
    const ms = performance.now() - started;
    expect(unlimited).toMatchObject({ ok: true, measure: { cost: 1 + 20 * 2 ** 31 } });
    expect(refused?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost' });
    process.stdout.write(`31 doubling fragments measured and refused in ${ms.toFixed(2)} ms\n`);
    expect(ms).toBeLessThan(100);
  });

  it('multiply a list by its limit from a literal, a variable, a variable default or the schema default', () => {
    const cost = (source: string, variables: Record<string, unknown> = {}) => {
      const result = measure(source, variables);
      return result.ok ? result.measure.cost : null;
    };
    const id = '3f2c1a4e-8b7d-4c6e-9f01-2a3b4c5d6e7f';
    expect(cost(`{ integration(id: "${id}") { syncRuns(limit: 7) { id } } }`)).toBe(1 + 1 + 7);
    expect(cost('query($n: Int) { integration(id: "x") { syncRuns(limit: $n) { id } } }', { n: 300 })).toBe(1 + 1 + 300);
    expect(cost('query($n: Int = 40) { integration(id: "x") { syncRuns(limit: $n) { id } } }')).toBe(1 + 1 + 40);
    expect(cost('{ integration(id: "x") { syncRuns { id } } }')).toBe(1 + 1 + 20); // syncRuns(limit: Int = 20)
    expect(cost('query($n: Int) { integration(id: "x") { syncRuns(limit: $n) { id } } }', { n: 1_000_000 })).toBe(1 + 1 + 500); // what a resolver honours
    expect(cost('{ customers { id } }')).toBe(1 + 20); // no limit argument: the default page
  });

  it('count depth through fragments and inline fragments, and stop at the first limit', () => {
    const result = measure('{ viewer { ...V } } fragment V on Viewer { customer { ... on Customer { integrations { name } } } }');
    expect(result).toMatchObject({ ok: true, measure: { depth: 4 } }); // viewer › customer › integrations › name
    const deep = `query { integration(id: "x") { ${'syncRuns(limit: 1) { integration { '.repeat(6)} name ${'} } '.repeat(6)} } }`;
    expect(check(deep)?.extensions).toMatchObject({ limit: 'depth' });
  });
});
