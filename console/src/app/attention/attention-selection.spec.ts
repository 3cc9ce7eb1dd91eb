import { allState, keepShown, retryableIds, toggled } from './attention-selection';

describe('the inbox selection', () => {
  const items = [
    { id: 'a', retryable: true },
    { id: 'b', retryable: false },
    { id: 'c', retryable: true },
  ];

  it('offers only what a retry can help', () => {
    expect(retryableIds(items)).toEqual(['a', 'c']);
  });

  it('says whether all shown retryable shipments are chosen', () => {
    expect(allState(new Set(), items)).toBe('none');
    expect(allState(new Set(['a']), items)).toBe('some');
    expect(allState(new Set(['a', 'c']), items)).toBe('all');
    expect(allState(new Set(), [{ id: 'b', retryable: false }])).toBe('none');
  });

  it('drops chosen shipments that are no longer shown or no longer retryable', () => {
    expect([...keepShown(new Set(['a', 'b', 'gone']), items)]).toEqual(['a']);
  });

  it('chooses and unchooses one', () => {
    expect([...toggled(new Set(['a']), 'c', true)]).toEqual(['a', 'c']);
    expect([...toggled(new Set(['a', 'c']), 'a', false)]).toEqual(['c']);
  });
});
