import { and, byCustomerReference, dateTime, dispatchedSince, numeric, or, text, type Condition } from '../cartoncloud.conditions';
import { compileSearch, resolvePointer, SearchConditionError } from './cartoncloud-sandbox.search';

const order = (reference: string, customerId: string, dispatched?: string) => ({
  references: { customer: reference },
  customer: { id: customerId, name: 'Acme Outdoor' },
  status: dispatched ? 'DISPATCHED' : 'AWAITING_PICK_AND_PACK',
  version: dispatched ? 3 : 1,
  timestamps: { created: { time: '2026-01-05T09:00:00.000+10:00' }, ...(dispatched ? { dispatched: { time: dispatched } } : {}) },
});
const matches = (condition: Condition, doc: unknown, allowedPointers?: Set<string>) =>
  compileSearch({ condition }, { allowedPointers })(doc);

describe('sandbox search condition evaluator', () => {
  it('matches byCustomerReference only on the same reference and customer', () => {
    const condition = byCustomerReference('SO-1 | SS-1', 'c1');
    expect(matches(condition, order('SO-1 | SS-1', 'c1'))).toBe(true);
    expect(matches(condition, order('SO-1 | SS-1', 'c2'))).toBe(false);
    expect(matches(condition, order('SO-1 | SS-10', 'c1'))).toBe(false);
  });

  it('compares dispatched times as instants across offsets and skips undispatched orders', () => {
    const since = dispatchedSince('2026-01-05T00:00:00Z', 'c1');
    expect(matches(since, order('A', 'c1', '2026-01-05T10:00:00.000+10:00'))).toBe(true); // the same instant
    expect(matches(since, order('A', 'c1', '2026-01-05T09:59:59.000+10:00'))).toBe(false);
    expect(matches(since, order('A', 'c1'))).toBe(false);
    expect(matches(and(dateTime('/timestamps/dispatched/time', 'NOT_EQUAL_TO', '2026-01-01T00:00:00Z')), order('A', 'c1'))).toBe(false);
  });

  it('evaluates nested And/Or trees and every text method', () => {
    const doc = order('SO-12 | SS-1', 'c1');
    expect(matches(or(text('/status', 'EQUAL_TO', 'DISPATCHED'), and(text('/references/customer', 'CONTAINS', '12 |'))), doc)).toBe(true);
    expect(matches(and(text('/references/customer', 'STARTS_WITH', 'SO-12'), text('/status', 'NOT_EQUAL_TO', 'REJECTED')), doc)).toBe(true);
    expect(matches(and(text('/references/customer', 'DOES_NOT_CONTAIN', 'SO-12')), doc)).toBe(false);
    expect(matches(and(numeric('/version', 'GREATER_THAN', 1)), doc)).toBe(false);
    expect(matches(or(), doc)).toBe(false);
  });

  it('compares a Date condition with the local date of a timestamp', () => {
    const condition = { type: 'AndCondition', conditions: [{ type: 'DateComparisonCondition', field: { type: 'JsonField', pointer: '/timestamps/created/time' }, value: { type: 'ValueField', value: '2026-01-05' }, method: 'EQUAL_TO' }] };
    expect(compileSearch({ condition })(order('A', 'c1'))).toBe(true);
  });

  it.each([
    ['no condition', {}, 'Missing field: condition'],
    ['a bare comparison', { condition: text('/status', 'EQUAL_TO', 'X') }, 'Missing field: conditions'],
    ['a wrapper without conditions', { condition: { type: 'AndCondition' } }, 'Missing field: conditions'],
    ['an unknown type', { condition: and({ type: 'FuzzyCondition' } as unknown as Condition) }, 'Unknown condition type: FuzzyCondition'],
    ['a text method on a date-time', { condition: and({ ...dateTime('/timestamps/created/time', 'EQUAL_TO', '2026-01-05T00:00:00Z'), method: 'CONTAINS' } as unknown as Condition) }, 'Invalid method'],
    ['a date-time that is not ISO', { condition: and(dateTime('/timestamps/created/time', 'GREATER_THAN', 'yesterday')) }, 'expected ISO 8601'],
    ['the rejected ValueField status', { condition: and({ ...text('/status', 'EQUAL_TO', 'X'), field: { type: 'ValueField', value: 'status' } } as unknown as Condition) }, 'Unsupported field'],
  ])('refuses %s', (_situation, body, message) => {
    expect(() => compileSearch(body)).toThrow(SearchConditionError);
    expect(() => compileSearch(body)).toThrow(message);
  });

  it('accepts the deprecated ValueField selector reference as /references/customer', () => {
    const condition = and({ ...text('', 'EQUAL_TO', 'R-1'), field: { type: 'ValueField', value: 'reference' } } as unknown as Condition);
    expect(compileSearch({ condition })(order('R-1', 'c1'))).toBe(true);
  });

  it('refuses a pointer outside the allowed set', () => {
    expect(() => matches(and(text('/details/urgent', 'EQUAL_TO', 'true')), {}, new Set(['/status']))).toThrow('Unsupported field: /details/urgent');
  });

  it('resolves JSON pointers with escapes and array indexes', () => {
    expect(resolvePointer({ 'a/b': [{ 'c~d': 7 }] }, '/a~1b/0/c~0d')).toBe(7);
    expect(resolvePointer({ a: 1 }, '/a/b')).toBeUndefined();
  });
});
