import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations, launchBrowser, newPage, screenshot } from './support/browser';
import { signIn } from './support/console';
import { adminGql } from './support/sandboxes';

jest.setTimeout(120_000);

/** Warehouses cannot be imported (CartonCloud does not list them): the admin adds them, and customers, by hand. */
describe('adding a warehouse and a customer by hand', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('checks the id as you type, shows the server\u2019s field error, and adds both', async () => {
    const suffix = Date.now().toString(36);
    await signIn(page, 'admin@demo.test', '/customers');

    await page.getByRole('button', { name: 'New warehouse' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill(`Perth DC ${suffix}`);
    await dialog.getByLabel('CartonCloud warehouse id').fill('not-a-uuid');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.getByText('CartonCloud ids are UUIDs').waitFor();
    const warehouseId = crypto.randomUUID();
    await dialog.getByLabel('CartonCloud warehouse id').fill(warehouseId);
    await screenshot(page, 'customers-new-warehouse');
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: 'Add' }).click();
    await page.getByText(`Warehouse Perth DC ${suffix} added`).waitFor();

    // the same CartonCloud id again: the server names the field
    await page.getByRole('button', { name: 'New warehouse' }).click();
    await dialog.getByLabel('Name').fill(`Perth copy ${suffix}`);
    await dialog.getByLabel('CartonCloud warehouse id').fill(warehouseId);
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.getByText('A warehouse with this CartonCloud id already exists.').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'New customer' }).click();
    await dialog.getByLabel('Name').fill(`Wayne Enterprises ${suffix}`);
    await dialog.getByLabel('CartonCloud customer id').fill(crypto.randomUUID());
    await dialog.getByRole('combobox', { name: 'Warehouses it may use' }).click();
    await page.getByRole('option', { name: `Perth DC ${suffix}` }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await page.getByText(`Customer Wayne Enterprises ${suffix} added`).waitFor();
    await page.getByTestId(`customer-Wayne Enterprises ${suffix}`).waitFor();

    const saved = await adminGql<{ customers: { name: string; warehouses: { name: string }[]; selfManagedIntegrationsAllowed: boolean }[] }>('{ customers { name warehouses { name } selfManagedIntegrationsAllowed } }', {});
    expect(saved.customers.find((c) => c.name === `Wayne Enterprises ${suffix}`)).toEqual({ name: `Wayne Enterprises ${suffix}`, warehouses: [{ name: `Perth DC ${suffix}` }], selfManagedIntegrationsAllowed: false });
  });
});
