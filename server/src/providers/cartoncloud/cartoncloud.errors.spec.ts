import { errorFromResponse, readErrorItems } from './cartoncloud.errors';

describe('CartonCloud error bodies', () => {
  it('reads a 422 array with pointers, types and details', () => {
    const body = [{ field: '/references/customer', message: 'exists', type: 'DUPLICATE', details: { duplicateId: 'x' } }];
    expect(readErrorItems(body)).toEqual(body);
  });

  it('reads an OAuth-style object and a bare message leniently', () => {
    expect(readErrorItems({ error: 'invalid_token', error_description: 'expired' })).toEqual([{ message: 'expired' }]);
    expect(readErrorItems({ message: 'boom' })).toEqual([{ message: 'boom' }]);
  });

  it('drops an HTML or text body instead of echoing it', () => {
    expect(readErrorItems('<html>Bearer abc</html>')).toEqual([]);
  });

  it.each([
    [400, 'VALIDATION'],
    [403, 'AUTH'],
    [404, 'NOT_FOUND'],
    [422, 'VALIDATION'],
    [429, 'RATE_LIMITED'],
    [503, 'TEMPORARY'],
  ])('maps status %i to %s with the messages and Retry-After', (status, code) => {
    const response = new Response(null, { status, headers: { 'Retry-After': '7' } });
    const error = errorFromResponse('sale order read', response, [{ message: 'why' }]);
    expect([error.code, error.status, error.options.retryAfterMs]).toEqual([code, status, 7000]);
    expect(error.message).toBe(`CartonCloud sale order read failed with ${status}: why`);
  });
});
