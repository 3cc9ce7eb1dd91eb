import { describeForeign, isOurs, ownOrder, stampFor, withStamp } from './order-stamp.js';

const order = (id: string, alternateReference: string | null, status = 'AWAITING_PICK_AND_PACK') => ({ id, status, references: { customer: 'SO-1 | SS-1', alternateReference, numericId: '1042' } });
const row = { id: 'row-1', cartonCloudOrderId: null };

describe('order stamp: telling our sale orders from anyone else\u2019s', () => {
  it('stamps the body with the ledger row, keeping the customer reference', () => {
    const body = withStamp({ references: { customer: 'SO-1 | SS-1' }, customer: { id: 'c' }, details: { deliver: { address: {} } }, items: [] }, 'row-1');
    expect(body.references).toEqual({ customer: 'SO-1 | SS-1', alternateReference: 'conveyor:row-1' });
  });

  it.each([
    ['our stamp', order('o-1', stampFor('row-1')), row, true],
    ['another row\u2019s stamp (another integration of the same customer)', order('o-2', stampFor('row-2')), row, false],
    ['no stamp (created by hand, or by another tool)', order('o-3', null), row, false],
    ['no stamp, but the order the row recorded (a REJECTED one being retried)', order('o-4', null, 'REJECTED'), { id: 'row-1', cartonCloudOrderId: 'o-4' }, true],
  ])('%s', (_case, found, which, expected) => {
    expect(isOurs(found, which)).toBe(expected);
  });

  it('adopts ours, a live one before a REJECTED one, and nothing when none is ours', () => {
    const rejected = order('o-1', stampFor('row-1'), 'REJECTED');
    const live = order('o-2', stampFor('row-1'));
    expect(ownOrder([order('x', stampFor('row-9')), rejected, live], row)).toBe(live);
    expect(ownOrder([rejected], row)).toBe(rejected);
    expect(ownOrder([order('x', stampFor('row-9')), order('y', null)], row)).toBeNull();
  });

  it('names the foreign order by its CartonCloud number and id', () => {
    expect(describeForeign(order('o-9', null))).toBe('CartonCloud already has sale order 1042 (id o-9) with this reference, created by someone else');
  });
});
