import type { Page } from 'playwright-core';
import { baseUrl, pagePerTest, screenshot } from './support/browser';
import { signIn } from './support/console';

jest.setTimeout(60_000);

/**
 * Browser hardening (issue 17): the console and the API explorer run under the Content-Security-Policy
 * without a single violation (no inline script anywhere, no `onload` attribute from Angular's critical-CSS
 * inlining), and the headers are what a browser needs to refuse framing and referrer leaks.
 */
interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

declare global {
  interface Window {
    cspViolations: Violation[];
  }
}

/** Collects `securitypolicyviolation` events of every document (init scripts are not subject to the CSP) and CSP console errors. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(message.text())) consoleErrors.push(message.text());
  });
  await page.context().addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}` });
    });
  });
  const seen: string[] = [];
  const collect = async (): Promise<string[]> => {
    const violations = await page.evaluate(() => window.cspViolations ?? []).catch(() => [] as Violation[]);
    for (const v of violations) seen.push(`${page.url()}: ${v.directive} blocked ${v.blocked} (${v.source})`);
    return [...seen, ...consoleErrors];
  };
  return collect;
}

describe('browser hardening', () => {
  const browser = pagePerTest();

  it('serves the console with a CSP that has no inline script, refuses framing and sends no referrer', async () => {
    const response = await fetch(`${baseUrl()}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    // served over plain http here: no HSTS (it is sent only over HTTPS)
    expect(response.headers.get('strict-transport-security')).toBeNull();
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('runs the console (sign-in, customers, integrations, billing) without a single CSP violation', async () => {
    const page = browser.page();
    const violations = await watchCsp(page);
    await signIn(page, 'admin@demo.test');
    let found = await violations();
    for (const path of ['/customers', '/integrations', '/billing']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      found = await violations();
    }
    await screenshot(page, 'csp-billing');
    expect(found).toEqual([]);
  });

  it('runs the offline API explorer under the same policy: GraphiQL loads the schema and answers a query', async () => {
    const page = browser.page();
    const violations = await watchCsp(page);
    const introspection = page.waitForResponse(async (r) => r.url().endsWith('/graphql') && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('__schema'));
    await page.goto('/graphiql');
    const answer = await introspection;
    expect(answer.status()).toBe(200);
    expect(((await answer.json()) as { data?: { __schema?: unknown } }).data?.__schema).toBeTruthy();
    await page.locator('.graphiql-container').waitFor();
    await page.getByRole('button', { name: /execute query/i }).first().click();
    await page.locator('.result-window').getByText('UNAUTHENTICATED').first().waitFor();
    await screenshot(page, 'csp-graphiql');
    expect(await violations()).toEqual([]);
  });
});
