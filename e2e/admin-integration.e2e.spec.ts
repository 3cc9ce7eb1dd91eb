import type { Page } from 'playwright-core';
import { expectNoSeriousA11yViolations, screenshot, pagePerTest } from './support/browser';
import { choose, openSelect, signIn } from './support/console';
import { createRunReconfigureAndDelete } from './support/integration-flow';
import { adminGql, createUnleashedAccount } from './support/sandboxes';

jest.setTimeout(180_000);

describe('a 3PL admin in the console', () => {
  const browser = pagePerTest();
  let page: Page;
  beforeEach(() => {
    page = browser.page();
  });

  it("finds Acme among the customers, sets up its integration in four steps, watches orders arrive, reads a rejection, sees fulfilment written back, reconfigures, deletes, and sees it billed this week", async () => {
    const account = await createUnleashedAccount();
    await signIn(page, 'admin@demo.test', '/customers');

    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await page.getByTestId('customer-Acme Outdoor').waitFor();
    await screenshot(page, 'customers');
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('Search customers').fill('acme');
    await page.getByTestId('customer-Globex Foods').waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Integrations of Acme Outdoor' }).click();
    await page.waitForURL((url) => url.pathname === '/integrations' && url.searchParams.has('customer'));
    await page.getByRole('combobox', { name: 'Customer' }).getByText('Acme Outdoor').waitFor();
    await screenshot(page, 'integrations-admin');
    await expectNoSeriousA11yViolations(page);

    await createRunReconfigureAndDelete(page, { integrationName: 'Acme NZ store (admin)', orderPrefix: 'ADM', account, shots: 'admin' });

    // billing: the deleted integration was active this week, so the open week bills it
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Billing' }).click();
    await page.getByRole('heading', { level: 1, name: 'Billing' }).waitFor();
    await page.getByTestId('preview-line').filter({ hasText: 'Acme NZ store (admin)' }).waitFor();
    await choose(page, 'Customer', 'Acme Outdoor');
    await page.getByTestId('preview-line').filter({ hasText: 'Acme NZ store (admin)' }).waitFor();
    await screenshot(page, 'billing');
    await expectNoSeriousA11yViolations(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^conveyor-billing-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it("shows the live dot and active count, and switches whether a customer's users manage their integrations", async () => {
    const suffix = Date.now().toString(36);
    const created = await adminGql<{ createCustomer: { id: string } }>('mutation($input: CustomerInput!) { createCustomer(input: $input) { id } }', {
      input: { name: `Initech ${suffix}`, cartonCloudCustomerId: crypto.randomUUID() },
    });
    expect(created.createCustomer.id).toBeTruthy();
    await signIn(page, 'admin@demo.test', '/customers');
    await page.getByLabel('Search customers').fill(`Initech ${suffix}`);
    const row = page.getByTestId(`customer-Initech ${suffix}`);
    await row.waitFor();
    expect(await row.getByTestId('active-count').textContent()).toBe('0 active integrations');
    expect(await row.getByRole('img', { name: 'Live integration' }).count()).toBe(0);

    const toggle = row.getByRole('switch', { name: 'Its users manage their integrations' });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await page.getByText(`Initech ${suffix}'s users may now manage their integrations`).waitFor();
    const saved = await adminGql<{ customer: { selfManagedIntegrationsAllowed: boolean } }>('query($id: ID!) { customer(id: $id) { selfManagedIntegrationsAllowed } }', {
      id: created.createCustomer.id,
    });
    expect(saved.customer.selfManagedIntegrationsAllowed).toBe(true);

    await openSelect(row.getByRole('combobox', { name: 'Warehouses it may use' }));
    await page.getByRole('option', { name: 'Sydney DC' }).click();
    await page.keyboard.press('Escape');
    await page.getByText('Warehouses saved').waitFor();
    const withWarehouse = await adminGql<{ customer: { warehouses: Array<{ name: string }> } }>('query($id: ID!) { customer(id: $id) { warehouses { name } } }', {
      id: created.createCustomer.id,
    });
    expect(withWarehouse.customer.warehouses.map((w) => w.name)).toEqual(['Sydney DC']);
  });

  it('says plainly on step 2 when Unleashed rejects the credentials, and shows a server field error next to the name', async () => {
    const acme = (await adminGql<{ customers: Array<{ id: string; name: string }> }>('{ customers { id name } }')).customers.find((c) => c.name === 'Acme Outdoor')!;
    await adminGql('mutation($input: CreateIntegrationInput!) { createIntegration(input: $input) { id } }', { input: { customerId: acme.id, name: 'Name already taken' } });
    await signIn(page, 'admin@demo.test', `/integrations/new?customer=${acme.id}`);

    await page.getByLabel('Integration name').fill('Name already taken');
    await page.getByRole('button', { name: 'Create and continue' }).click();
    const nameField = page.locator('mat-form-field', { has: page.getByLabel('Integration name') });
    await nameField.locator('mat-error').waitFor();
    expect(await nameField.locator('mat-error').textContent()).toMatch(/already|taken|exists|unique/i);
    await screenshot(page, 'wizard-server-field-error');

    await page.getByLabel('Integration name').fill('Wrong key attempt');
    await page.getByRole('button', { name: 'Create and continue' }).click();
    await page.getByLabel('API ID').fill('d3e0a1c2-7b4f-4e8a-9c1d-2f5b6a7c8d90');
    await page.getByLabel('API key').fill('notTheRightKey+Acme==');
    await page.getByRole('button', { name: 'Check and continue' }).click();
    const rejected = page.getByTestId('credentials-rejected');
    await rejected.waitFor();
    expect(await rejected.textContent()).toContain('Unleashed rejected these credentials.');
    expect(await page.getByRole('tab', { name: /Connect Unleashed/ }).getAttribute('aria-selected')).toBe('true');
    await screenshot(page, 'wizard-credentials-rejected');
    await expectNoSeriousA11yViolations(page);
  });
});
