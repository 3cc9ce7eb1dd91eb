/**
 * The sandbox's evaluator of CartonCloud search condition trees (reference §3.3): And/Or wrappers with
 * `conditions`, Text / Numeric / Date / DateTime comparisons on `JsonField` pointers. Pure functions, so
 * the unit tests exercise them without HTTP.
 */

/** A search body the real API would refuse; the sandbox answers 400 `[{"message"}]`. */
export class SearchConditionError extends Error {}

const textMethods = new Set(['EQUAL_TO', 'NOT_EQUAL_TO', 'CONTAINS', 'DOES_NOT_CONTAIN', 'STARTS_WITH']);
const orderedMethods = new Set([
  'EQUAL_TO',
  'NOT_EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL_TO',
]);
const comparisonTypes: Record<string, Set<string>> = {
  TextComparisonCondition: textMethods,
  NumericComparisonCondition: orderedMethods,
  DateComparisonCondition: orderedMethods,
  DateTimeComparisonCondition: orderedMethods,
};

/** Deprecated `ValueField` selectors the docs still list, with the pointer each stands for. */
const deprecatedValueFields: Record<string, string> = {
  reference: '/references/customer',
  customerName: '/customer/name',
  customerId: '/customer/id',
};

export type Matcher = (doc: unknown) => boolean;

export interface CompileOptions {
  /** pointers the search accepts; undefined accepts any pointer */
  allowedPointers?: ReadonlySet<string>;
  /** pointers refused even when allowed (the sandbox's `refuseStatusPointer`) */
  refusedPointers?: ReadonlySet<string>;
  /** comparison types refused (the sandbox's `refuseDateTimeComparisons`) */
  refusedTypes?: ReadonlySet<string>;
}

/** Validates `{condition}` and compiles it; throws SearchConditionError with the API's wording. */
export function compileSearch(body: unknown, options: CompileOptions = {}): Matcher {
  if (!isRecord(body) || !('condition' in body)) throw new SearchConditionError('Missing field: condition');
  const condition = body.condition;
  if (!isRecord(condition) || (condition.type !== 'AndCondition' && condition.type !== 'OrCondition')) {
    // observed live: a bare top-level comparison is refused (reference §3.3, [Z])
    throw new SearchConditionError('Missing field: conditions');
  }
  return compile(condition, options);
}

function compile(node: unknown, options: CompileOptions): Matcher {
  if (!isRecord(node)) throw new SearchConditionError('Invalid condition');
  const type = node.type;
  if (type === 'AndCondition' || type === 'OrCondition') {
    if (!Array.isArray(node.conditions)) throw new SearchConditionError('Missing field: conditions');
    const children = node.conditions.map((child) => compile(child, options));
    return type === 'AndCondition'
      ? (doc) => children.every((match) => match(doc))
      : (doc) => children.some((match) => match(doc));
  }
  if (typeof type !== 'string' || !(type in comparisonTypes)) {
    throw new SearchConditionError(`Unknown condition type: ${String(type)}`);
  }
  if (options.refusedTypes?.has(type)) throw new SearchConditionError(`Unsupported condition type: ${type}`);
  const method = node.method;
  if (typeof method !== 'string' || !comparisonTypes[type]!.has(method)) {
    throw new SearchConditionError(`Invalid method for ${type}: ${String(method)}`);
  }
  const pointer = fieldPointer(node.field, options);
  if (!isRecord(node.value) || node.value.type !== 'ValueField' || !('value' in node.value)) {
    throw new SearchConditionError('Missing field: value');
  }
  const value = node.value.value;
  switch (type) {
    case 'TextComparisonCondition':
      return textMatcher(pointer, method, value);
    case 'NumericComparisonCondition': {
      if (typeof value !== 'number' && (typeof value !== 'string' || !Number.isFinite(Number(value)))) {
        throw new SearchConditionError('Invalid value for NumericComparisonCondition');
      }
      const expected = Number(value);
      return orderedMatcher(pointer, method, (actual) => (typeof actual === 'number' || typeof actual === 'string' ? Number(actual) : NaN), expected);
    }
    case 'DateComparisonCondition': {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        throw new SearchConditionError('Invalid value for DateComparisonCondition: expected YYYY-MM-DD');
      }
      // a date-time field is compared by its local date part, as written with its offset
      return orderedMatcher(pointer, method, (actual) => (typeof actual === 'string' ? actual.slice(0, 10) : undefined), value);
    }
    default: {
      const instant = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
      if (Number.isNaN(instant)) throw new SearchConditionError('Invalid value for DateTimeComparisonCondition: expected ISO 8601');
      return orderedMatcher(pointer, method, (actual) => (typeof actual === 'string' ? Date.parse(actual) : NaN), instant);
    }
  }
}

function fieldPointer(field: unknown, options: CompileOptions): string {
  if (!isRecord(field)) throw new SearchConditionError('Missing field: field');
  let pointer: string;
  if (field.type === 'JsonField' && typeof field.pointer === 'string') pointer = field.pointer;
  else if (field.type === 'ValueField' && typeof field.value === 'string' && field.value in deprecatedValueFields) {
    pointer = deprecatedValueFields[field.value]!;
  } else throw new SearchConditionError(`Unsupported field: ${JSON.stringify(field)}`);
  if ((options.allowedPointers && !options.allowedPointers.has(pointer)) || options.refusedPointers?.has(pointer)) {
    throw new SearchConditionError(`Unsupported field: ${pointer}`);
  }
  return pointer;
}

function textMatcher(pointer: string, method: string, value: unknown): Matcher {
  if (typeof value !== 'string') throw new SearchConditionError('Invalid value for TextComparisonCondition');
  return (doc) => {
    const actual = resolvePointer(doc, pointer);
    const present = actual !== undefined && actual !== null;
    const text = present ? String(actual) : '';
    switch (method) {
      case 'EQUAL_TO':
        return present && text === value;
      case 'NOT_EQUAL_TO':
        return !present || text !== value;
      case 'CONTAINS':
        return present && text.includes(value);
      case 'DOES_NOT_CONTAIN':
        return !present || !text.includes(value);
      default:
        return present && text.startsWith(value);
    }
  };
}

/** Ordered comparisons; a missing value (e.g. not yet dispatched) matches nothing. */
function orderedMatcher<T extends number | string>(
  pointer: string,
  method: string,
  read: (actual: unknown) => T | undefined,
  expected: T,
): Matcher {
  return (doc) => {
    const actual = read(resolvePointer(doc, pointer));
    if (actual === undefined || (typeof actual === 'number' && Number.isNaN(actual))) return false;
    switch (method) {
      case 'EQUAL_TO':
        return actual === expected;
      case 'NOT_EQUAL_TO':
        return actual !== expected;
      case 'GREATER_THAN':
        return actual > expected;
      case 'GREATER_THAN_OR_EQUAL_TO':
        return actual >= expected;
      case 'LESS_THAN':
        return actual < expected;
      default:
        return actual <= expected;
    }
  };
}

/** RFC 6901 JSON pointer lookup; undefined where the path does not exist. */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  let current: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = current[Number(key)];
    else if (isRecord(current)) current = current[key];
    else return undefined;
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
