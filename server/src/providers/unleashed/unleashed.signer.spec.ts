import { buildQuery, decodedQueryMessage, signQuery } from './unleashed.signer.js';

describe('signQuery', () => {
  // vectors from shared/reference/unleashed-api.md §1 (key `dummy-api-key`); the last four computed with
  // `openssl dgst -sha256 -hmac dummy-api-key -binary | base64` for the decoded forms of §8
  it.each([
    ['', 'rymCztoQ6Ha9iy8+ME4k8fD647MmMRdT5N3b1sgOSGA='],
    ['customerCode=ACME', 'yqb60IVOjMx7LkWgGG4TVqghldW94WmAW4v6X3AWPGc='],
    ['orderStatus=Placed,Backordered&pageSize=200', 'Hevtrsp+Ewi+bUn9D7yEwJdOOhSgNf8P0GcFgDEr2Q8='],
    ['orderStatus=Placed%2CBackordered&pageSize=200', 'VOpJDbbsuVgfYSS1shVMLDe/WUKzDQh1S2iaRqtm5ac='],
    ['orderNumber=DTC#13633', 'b18ycmUSvGX3K7fbzOB7RRWyuNwvF4dsu7USK52tBE8='],
    ['orderNumber=DTC%2313633', 'yEQVxRfMALtUAkXKGKiWBMYdZH29CLnEWLcWC+dIJsc='],
    ['modifiedSince=2024-04-17T23:11:05&pageSize=200', 'yNYTMRQqfUSM8nqpD9Hd66g8RmrthfVwGFZ4mzWlcsQ='],
    ['modifiedSince=2024-04-17T23%3A11%3A05&pageSize=200', 'RqqEjsRlQ7t/By+AcZDxEJ45Fy3KtdXO1srkkWCLVqw='],
  ])('signs the message %j as the known answer %s', (message, expected) => {
    expect(signQuery('dummy-api-key', message)).toBe(expected);
  });

  it('uses the key text as-is rather than base64-decoding it', () => {
    const key = 'c2VjcmV0LWtleQ==';
    expect(signQuery(key, 'a=1')).not.toBe(signQuery(Buffer.from(key, 'base64').toString('utf8'), 'a=1'));
  });
});

describe('buildQuery', () => {
  it('sends `:` and `,` as they are, keeps the order, drops undefined values, and signs the same text', () => {
    const query = buildQuery([
      ['orderStatus', 'Placed,Deleted'],
      ['modifiedSince', '2024-04-17T23:11:05'],
      ['orderNumber', undefined],
      ['pageSize', 200],
    ]);
    expect(query.queryString).toBe('orderStatus=Placed,Deleted&modifiedSince=2024-04-17T23:11:05&pageSize=200');
    expect(query.message).toBe(query.queryString);
    expect(signQuery('dummy-api-key', query.message)).toBe(signQuery('dummy-api-key', 'orderStatus=Placed,Deleted&modifiedSince=2024-04-17T23:11:05&pageSize=200'));
  });

  it('encodes what must be encoded (#, &, space, +, %) and signs the decoded value', () => {
    const query = buildQuery([['orderNumber', 'DTC#13633']]);
    expect(query).toEqual({ queryString: 'orderNumber=DTC%2313633', message: 'orderNumber=DTC#13633' });
    expect(signQuery('dummy-api-key', query.message)).toBe('b18ycmUSvGX3K7fbzOB7RRWyuNwvF4dsu7USK52tBE8=');
    expect(buildQuery([['orderNumber', 'A&B 1+2%']])).toEqual({ queryString: 'orderNumber=A%26B%201%2B2%25', message: 'orderNumber=A&B 1+2%' });
  });

  it('gives the empty string when there are no parameters', () => {
    expect(buildQuery([])).toEqual({ queryString: '', message: '' });
  });
});

describe('decodedQueryMessage (what Unleashed verifies)', () => {
  it('decodes each pair in the order received, reading + as a space', () => {
    expect(decodedQueryMessage('orderNumber=DTC%2313633&pageSize=200')).toBe('orderNumber=DTC#13633&pageSize=200');
    expect(decodedQueryMessage('modifiedSince=2024-04-17T23%3A11%3A05')).toBe('modifiedSince=2024-04-17T23:11:05');
    expect(decodedQueryMessage('a=x+y&b')).toBe('a=x y&b');
    expect(decodedQueryMessage('')).toBe('');
  });

  it('agrees with what the client signs for every value it may send', () => {
    for (const value of ['DTC#13633', 'A&B 1+2%', 'Placed,Deleted', '2024-04-17T23:11:05', 'Ōtautahi/Christchurch?']) {
      const query = buildQuery([['orderNumber', value], ['pageSize', 1]]);
      expect(decodedQueryMessage(query.queryString)).toBe(query.message);
    }
  });
});
