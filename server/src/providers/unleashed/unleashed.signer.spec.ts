import { buildQueryString, signQuery } from './unleashed.signer.js';

describe('signQuery', () => {
  // vectors from shared/reference/unleashed-api.md §1 (key `dummy-api-key`)
  it.each([
    ['', 'rymCztoQ6Ha9iy8+ME4k8fD647MmMRdT5N3b1sgOSGA='],
    ['customerCode=ACME', 'yqb60IVOjMx7LkWgGG4TVqghldW94WmAW4v6X3AWPGc='],
    ['orderStatus=Placed,Backordered&pageSize=200', 'Hevtrsp+Ewi+bUn9D7yEwJdOOhSgNf8P0GcFgDEr2Q8='],
    ['orderStatus=Placed%2CBackordered&pageSize=200', 'VOpJDbbsuVgfYSS1shVMLDe/WUKzDQh1S2iaRqtm5ac='],
  ])('signs the query %j as the known answer %s', (query, expected) => {
    expect(signQuery('dummy-api-key', query)).toBe(expected);
  });

  it('uses the key text as-is rather than base64-decoding it', () => {
    const key = 'c2VjcmV0LWtleQ==';
    expect(signQuery(key, 'a=1')).not.toBe(signQuery(Buffer.from(key, 'base64').toString('utf8'), 'a=1'));
  });
});

describe('buildQueryString', () => {
  it('keeps parameter order, percent-encodes commas and colons, and drops undefined values', () => {
    expect(
      buildQueryString([
        ['orderStatus', 'Placed,Backordered'],
        ['modifiedSince', '2024-04-17T23:11:05'],
        ['orderNumber', undefined],
        ['pageSize', 200],
      ]),
    ).toBe('orderStatus=Placed%2CBackordered&modifiedSince=2024-04-17T23%3A11%3A05&pageSize=200');
  });

  it('gives the empty string when there are no parameters', () => {
    expect(buildQueryString([])).toBe('');
  });
});
