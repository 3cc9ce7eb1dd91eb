import type { Page, WebSocketRoute } from 'playwright-core';
import { baseUrl, expectNoSeriousA11yViolations, login, screenshot, pagePerTest } from './support/browser';
import { navLabels } from './support/console';

jest.setTimeout(60_000);

/** The console's origin and the IdP's login page (served under /oidc on the same server). */
const isIdpLogin = (url: URL): boolean => url.pathname.startsWith('/oidc/') && !url.pathname.includes('/session/end');
const isConsole = (url: URL): boolean => url.origin === baseUrl() && !url.pathname.startsWith('/oidc') && !url.pathname.startsWith('/auth/');

describe('signing in to the console', () => {
  const browser = pagePerTest();
  let page: Page;
  beforeEach(() => {
    page = browser.page();
  });

  async function signIn(email: string, password = 'demo'): Promise<void> {
    await page.goto('/');
    await page.waitForURL(isIdpLogin);
    await login(page, email, password);
    await page.waitForURL(isConsole);
    await page.getByTestId('viewer-role').waitFor();
  }

  it('sends a visitor of / to the IdP login page, and a 3PL admin then sees the shell with their name and role', async () => {
    await page.goto('/');
    await page.waitForURL(isIdpLogin);
    await page.locator('#email').waitFor();
    expect(await page.title()).toContain('Sign in');
    await screenshot(page, 'login-page');

    await login(page, 'admin@demo.test', 'demo');
    await page.waitForURL(isConsole);
    await page.getByTestId('viewer-role').waitFor();

    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByTestId('viewer-name').textContent()).toContain('Avery Admin');
    expect(await page.getByTestId('viewer-role').textContent()).toBe('3PL admin');
    expect(await page.getByTestId('viewer-email').textContent()).toBe('admin@demo.test');
    // admins land on the overview of what needs doing today
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Today');
    const nav = page.getByRole('navigation', { name: 'Main' });
    // Mail (development): npm start runs the development mail catcher (SMTP_URL unset)
    expect(await navLabels(nav)).toEqual(['Customers', 'Integrations', 'Needs attention', 'Billing', 'Alerts', 'Mail (development)']);
    await screenshot(page, 'shell-admin');
    await expectNoSeriousA11yViolations(page);
  });

  it('can be used from the keyboard: skip link first, then the navigation with a visible focus ring', async () => {
    await signIn('admin@demo.test');

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    await page.keyboard.press('Shift+Tab'); // back into the toolbar: Sign out
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Sign out');
    const customers = page.getByRole('link', { name: 'Customers' }).first();
    await customers.focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      // Material draws its (strong) focus indicator as the ::before border of a .mat-focus-indicator.
      const indicator = el.matches('.mat-focus-indicator') ? el : el.querySelector('.mat-focus-indicator');
      const ring = indicator ? getComputedStyle(indicator, '::before') : null;
      const own = getComputedStyle(el);
      const ringShown = !!ring && ring.content !== 'none' && parseFloat(ring.borderTopWidth) >= 2;
      const outlineShown = own.outlineStyle !== 'none' && parseFloat(own.outlineWidth) >= 2;
      return { text: el.textContent?.trim(), visible: ringShown || outlineShown };
    });
    await screenshot(page, 'shell-keyboard-focus');
    expect(focused).toEqual({ text: 'Integrations', visible: true });
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/integrations');
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
  });

  it('returns the user to the page they asked for after signing in', async () => {
    await page.goto('/integrations');
    await page.waitForURL(isIdpLogin);
    await login(page, 'admin@demo.test', 'demo');
    await page.waitForURL((url) => isConsole(url) && url.pathname === '/integrations');
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
    await expectNoSeriousA11yViolations(page);
  });

  it("shows a customer user their customer's name and no admin-only sections", async () => {
    await signIn('owner@acme.test');
    await screenshot(page, 'shell-customer');

    expect(await page.getByTestId('viewer-name').textContent()).toContain('Olive Owner');
    expect(await page.getByTestId('viewer-role').textContent()).toBe('Acme Outdoor');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await navLabels(nav)).toEqual(['Integrations', 'Needs attention', 'Alerts']);
    expect(await page.getByRole('link', { name: 'Customers' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
  });

  it('keeps a wrong password on the login page with an error', async () => {
    await page.goto('/');
    await page.waitForURL(isIdpLogin);
    await login(page, 'admin@demo.test', 'not-the-password');

    const error = page.getByRole('alert');
    await error.waitFor();
    expect(await error.textContent()).toContain('Wrong email or password');
    expect(isIdpLogin(new URL(page.url()))).toBe(true);
    expect(await page.locator('#password').count()).toBe(1);
    await screenshot(page, 'login-wrong-password');
  });

  it('signs out at the IdP, so visiting the console again asks for a password', async () => {
    await signIn('admin@demo.test');

    await page.getByRole('button', { name: 'Sign out' }).click();
    // Post-logout redirect to / , which (signed out) goes straight back to the IdP's login form.
    await page.waitForURL(isIdpLogin);
    await page.locator('#email').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('conveyor.auth.session'))).toBeNull();

    await page.goto('/');
    await page.waitForURL(isIdpLogin);
    await page.locator('#password').waitFor();
  });

  it('shows "Live updates paused — reconnecting…" while the live-updates socket is down, and hides it after reconnecting', async () => {
    const sockets: WebSocketRoute[] = [];
    let acknowledged = 0;
    // Sits between the page and the real server so the test can drop the socket.
    await page.routeWebSocket(/\/graphql$/, (ws) => {
      sockets.push(ws);
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (typeof message === 'string' && message.includes('"connection_ack"')) acknowledged += 1;
        ws.send(message);
      });
    });
    await signIn('admin@demo.test');
    const banner = page.getByText('Live updates paused — reconnecting…');

    await waitUntil(() => acknowledged === 1, 'the socket to be acknowledged');
    expect(await banner.count()).toBe(0);

    await sockets[0]!.close({ code: 4499, reason: 'dropped by the test' });
    await banner.waitFor();
    expect(await page.getByTestId('viewer-role').textContent()).toBe('3PL admin'); // the page stays usable
    await screenshot(page, 'shell-reconnecting');

    await waitUntil(() => acknowledged === 2, 'the socket to reconnect');
    await banner.waitFor({ state: 'detached' });
  });
});

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
