import { baseUrl, pagePerTest, screenshot } from './support/browser';

jest.setTimeout(60_000);

/**
 * The API explorer a third-party developer opens at /graphiql, as the build serves it: GraphiQL and React
 * from the files `npm run build:server` copied into dist (they are devDependencies, absent in production).
 */
describe('the API explorer', () => {
  const current = pagePerTest();

  it('renders GraphiQL from its own assets and runs the default query against the API', async () => {
    const page = current.page();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const assets: { url: string; status: number }[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/graphiql/assets/')) assets.push({ url: response.url(), status: response.status() });
    });

    await page.goto(`${baseUrl()}/graphiql`);
    await page.locator('.graphiql-container').waitFor();
    await page.getByText('query Me').first().waitFor();
    // React, ReactDOM, GraphiQL's script and style, and the page's own script (a file: the CSP allows no inline script)
    expect(assets.map((a) => new URL(a.url).pathname.split('/').pop()).sort()).toEqual(['explorer.js', 'graphiql.min.css', 'graphiql.min.js', 'react-dom.production.min.js', 'react.production.min.js']);
    expect(assets.every((a) => a.status === 200)).toBe(true);
    expect(assets.every((a) => a.url.startsWith(baseUrl()))).toBe(true);

    // The default headers carry an empty bearer token: the API answers, and refuses it by name.
    await page.getByRole('button', { name: /execute query/i }).click();
    await page.locator('.result-window').getByText('UNAUTHENTICATED').waitFor();
    await screenshot(page, 'api-explorer');
    expect(pageErrors).toEqual([]);
  });
});
