import type { Page } from 'playwright-core';
import { expectNoSeriousA11yViolations, screenshot, pagePerTest } from './support/browser';
import { navLabels, signIn } from './support/console';
import { createRunReconfigureAndDelete } from './support/integration-flow';
import { activeIntegrationViaApi, createUnleashedAccount, customerIdByName } from './support/sandboxes';

jest.setTimeout(180_000);

describe('customer users in the console', () => {
  const browser = pagePerTest();
  let page: Page;
  beforeEach(() => {
    page = browser.page();
  });

  it("lets Acme's owner (allowed) set up, run, reconfigure and delete an integration of Acme — and nothing of other customers or billing", async () => {
    const account = await createUnleashedAccount();
    await signIn(page, 'owner@acme.test', '/integrations');
    await page.getByRole('heading', { level: 1, name: 'Integrations' }).waitFor();
    expect(await navLabels(page.getByRole('navigation', { name: 'Main' }))).toEqual(['Integrations', 'Needs attention', 'Alerts']);
    expect(await page.getByRole('combobox', { name: 'Customer' }).count()).toBe(0);
    expect(await page.getByTestId('read-only-note').count()).toBe(0);
    await screenshot(page, 'integrations-owner');
    await expectNoSeriousA11yViolations(page);

    await createRunReconfigureAndDelete(page, { integrationName: 'Acme AU store (owner)', orderPrefix: 'OWN', account, shots: 'owner' });
  });

  it("shows Globex's staff (not allowed) their integrations read-only, with a note to ask the account owner", async () => {
    const globexId = await customerIdByName('Globex Foods');
    const id = await activeIntegrationViaApi(globexId, 'Globex pantry', await createUnleashedAccount());
    await signIn(page, 'staff@globex.test', '/integrations');

    await page.getByTestId('integration-Globex pantry').waitFor();
    const note = page.getByTestId('read-only-note');
    expect(await note.textContent()).toContain('ask the account owner');
    expect(await page.getByRole('link', { name: 'New integration' }).count()).toBe(0);
    await screenshot(page, 'integrations-read-only');
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('link', { name: 'Globex pantry', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Globex pantry' }).waitFor();
    await page.getByTestId('read-only-note').waitFor();
    for (const action of ['Sync now', 'Delete']) expect(await page.getByRole('button', { name: action }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Reconfigure' }).count()).toBe(0);
    // the merchant sees what the integration spends of their Unleashed allowance
    expect(await page.getByTestId('unleashed-calls').textContent()).toMatch(/\d+ of \d+\s+\(at this pace \d+ by the month's end\)/);
    await screenshot(page, 'detail-read-only');
    await expectNoSeriousA11yViolations(page);

    // typing the setup address does not help: the wizard shows the note instead of the steps
    await page.goto(`/integrations/${id}/setup`);
    await page.getByTestId('read-only-note').waitFor();
    expect(await page.getByRole('tab').count()).toBe(0);
    await page.goto(`/integrations/new?customer=${globexId}`);
    await page.getByTestId('read-only-note').waitFor();
    expect(await page.getByLabel('Integration name').count()).toBe(0);

    // admin-only pages send them home
    await page.goto('/customers');
    await page.waitForURL((url) => url.pathname === '/');
  });
});
