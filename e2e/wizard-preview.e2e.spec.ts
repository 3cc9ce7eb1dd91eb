import { expectNoSeriousA11yViolations, pagePerTest, screenshot } from './support/browser';
import { choose, signIn } from './support/console';
import { cartonCloudOrders, createUnleashedAccount, customerIdByName, KNOWN_PRODUCTS, placeOrder, UNKNOWN_PRODUCT } from './support/sandboxes';

jest.setTimeout(180_000);

/** Setup step 3's dry run: what the newest Placed orders would become with the settings on screen, before saving; nothing is sent. */
describe('the wizard\u2019s dry run', () => {
  const { page: current } = pagePerTest();

  it('shows where each current order would go, which would be skipped or rejected, and follows the settings on screen', async () => {
    const page = current();
    const account = await createUnleashedAccount();
    await placeOrder(account, { orderNumber: 'PRV-1', warehouseCode: 'AKL', productCode: KNOWN_PRODUCTS[0]! });
    await placeOrder(account, { orderNumber: 'PRV-2', warehouseCode: 'MEL', productCode: KNOWN_PRODUCTS[1]! });
    await placeOrder(account, { orderNumber: 'PRV-3', warehouseCode: 'AKL', productCode: UNKNOWN_PRODUCT });
    const acmeId = await customerIdByName('Acme Outdoor');

    await signIn(page, 'admin@demo.test', `/integrations/new?customer=${acmeId}`);
    await page.getByLabel('Integration name').fill('Acme preview store');
    await page.getByRole('button', { name: 'Create and continue' }).click();
    await page.getByLabel('API ID').fill(account.apiId);
    await page.getByLabel('API key').fill(account.apiKey);
    await page.getByRole('button', { name: 'Check and continue' }).click();
    await page.getByRole('combobox', { name: 'CartonCloud warehouse for AKL' }).waitFor();
    await choose(page, 'CartonCloud warehouse for AKL', 'Auckland DC');

    await page.getByTestId('preview-button').click();
    const summary = page.getByTestId('preview-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Dry run of the 3 newest Placed order shipments with these settings: 1 would be created, 1 rejected for unknown products, 1 skipped. Nothing was sent or saved.');
    expect(await page.getByTestId('preview-PRV-1').getAttribute('data-outcome')).toBe('CREATE');
    expect(await page.getByTestId('preview-PRV-1').textContent()).toContain('Auckland DC');
    expect(await page.getByTestId('preview-PRV-2').textContent()).toContain('No CartonCloud warehouse for Unleashed warehouse MEL');
    expect(await page.getByTestId('preview-PRV-3').textContent()).toContain(`CartonCloud does not know ${UNKNOWN_PRODUCT} for Acme Outdoor`);
    // newest first
    expect(await page.locator('[data-testid^="preview-PRV-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')))).toEqual(['preview-PRV-3', 'preview-PRV-2', 'preview-PRV-1']);
    await screenshot(page, 'wizard-3-preview');
    await expectNoSeriousA11yViolations(page);

    // another default warehouse on screen: the old answer goes, the new one sends MEL to Melbourne
    await choose(page, 'Default CartonCloud warehouse', 'Melbourne DC');
    await summary.waitFor({ state: 'detached' });
    await page.getByTestId('preview-button').click();
    await page.getByTestId('preview-PRV-2').filter({ hasText: 'Melbourne DC' }).waitFor();
    expect(await page.getByTestId('preview-PRV-2').getAttribute('data-outcome')).toBe('CREATE');
    // nothing was sent to CartonCloud, and the step is still unsaved
    expect(await cartonCloudOrders('PRV-')).toEqual([]);
    await page.getByRole('button', { name: 'Save and continue' }).waitFor();
  });
});
