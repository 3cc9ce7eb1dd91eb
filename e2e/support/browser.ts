import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';

const ROOT = path.resolve(__dirname, '..', '..');
const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');

/** Base URL of the server that global-setup.js started. */
export function baseUrl(): string {
  const url = process.env['E2E_BASE_URL'];
  if (!url) throw new Error('E2E_BASE_URL is not set: run the browser tests with `npx jest --selectProjects browser`');
  return url;
}

/**
 * The Chromium that global-setup.js chose (chromium.js: CHROMIUM_PATH, else the one shipped in the npm
 * package @sparticuz/chromium), headless, with the flags this machine needs: no sandbox (we run as root),
 * no GPU, and none of Chromium's own traffic to Google (the network is closed: those connections fail,
 * many at a time). No profile directory in the args (Playwright manages its own).
 */
export function launchBrowser(): Promise<Browser> {
  const chosen = process.env['E2E_CHROMIUM'];
  if (!chosen) throw new Error('E2E_CHROMIUM is not set: run the browser tests with `npx jest --selectProjects browser`');
  const { executablePath, env } = JSON.parse(chosen) as { executablePath: string; env: Record<string, string> };
  return chromium.launch({
    executablePath,
    env: { ...process.env, ...env },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh context (no cookies, no sessionStorage) at the width the console is designed for. */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  // reduced motion: Material then skips its animations, so screenshots never catch a step or dialog mid-transition
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/**
 * Registers the usual hooks of a browser spec — one Chromium for the file, a fresh context per test — and
 * hands back a getter for the current test's page.
 */
export function pagePerTest(): { page(): Page } {
  let browser: Browser | undefined;
  let current: { context: BrowserContext; page: Page } | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    current = await newPage(browser!);
  });
  afterEach(async () => {
    await current?.context.close();
  });
  return { page: () => current!.page };
}

/** Fills the development IdP's login form (`#email`, `#password`, "Sign in") and submits it. */
export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.locator('#email').waitFor();
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Saves `test-artifacts/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

declare global {
  interface Window {
    axe: { run: (context?: unknown, options?: unknown) => Promise<AxeResults> };
  }
}

function describeViolation(v: Result): string {
  const targets = v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ') ?? ''}`);
  return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${targets.join('\n')}`;
}

/** Runs axe-core (from node_modules, nothing fetched) on the page; fails on serious or critical violations. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  // evaluated through the DevTools protocol: an inline <script> tag would be refused by the page's CSP
  await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) {
    throw new Error(`axe found ${serious.length} serious/critical accessibility violation(s) on ${page.url()}:\n${serious.map(describeViolation).join('\n')}`);
  }
}
