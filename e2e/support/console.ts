import type { Locator, Page } from 'playwright-core';
import { baseUrl, login } from './browser';

const isIdpLogin = (url: URL): boolean => url.pathname.startsWith('/oidc/') && !url.pathname.includes('/session/end');
const isConsole = (url: URL): boolean => url.origin === baseUrl() && !url.pathname.startsWith('/oidc') && !url.pathname.startsWith('/auth/');

/** Signs in through the development IdP and waits for the shell. */
export async function signIn(page: Page, email: string, path = '/'): Promise<void> {
  await page.goto(path);
  await page.waitForURL(isIdpLogin);
  await login(page, email, 'demo');
  await page.waitForURL(isConsole);
  await page.getByTestId('viewer-role').waitFor();
}

/** Opens a Material select from the keyboard (its floating label covers it for the mouse while it is empty). */
export async function openSelect(select: Locator): Promise<void> {
  await select.focus();
  await select.press('Enter');
}

/** Picks an option of a Material select by the select's accessible name. */
export async function choose(page: Page, selectName: string | RegExp, option: string | RegExp): Promise<void> {
  await openSelect(page.getByRole('combobox', { name: selectName }));
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
  await page.locator('.cdk-overlay-backdrop').waitFor({ state: 'detached' }).catch(() => undefined);
}

/** The ledger row of an Unleashed order. */
export function shipmentRow(page: Page, orderNumber: string): Locator {
  return page.getByTestId(`shipment-${orderNumber}`);
}

/** Waits until the ledger row of an order shows `state` (live: no reload). */
export async function waitForShipmentState(page: Page, orderNumber: string, state: string, timeout = 45_000): Promise<void> {
  await page.locator(`[data-testid="shipment-${orderNumber}"][data-state="${state}"]`).waitFor({ timeout });
}

/** Clicks a state filter of the shipments ledger ("All", "Rejected", …). */
export async function filterShipments(page: Page, label: string): Promise<void> {
  await page.locator('mat-button-toggle', { hasText: new RegExp(`^\\s*${label}\\s*$`) }).locator('button').click();
}

/** The navigation's link labels, without the needs-attention count the badge adds to its link. */
export async function navLabels(nav: Locator): Promise<string[]> {
  return (await nav.getByRole('link').allTextContents()).map((text) => text.replace(/\s+\d+\+?\s*$/, '').trim());
}
