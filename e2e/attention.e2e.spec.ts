import type { Page } from 'playwright-core';
import { expectNoSeriousA11yViolations, pagePerTest, screenshot } from './support/browser';
import { choose, signIn } from './support/console';
import {
  activeIntegrationViaApi,
  addCartonCloudProducts,
  adminGql,
  attentionOf,
  createUnleashedAccount,
  customerIdByName,
  eventually,
  placeOrder,
  setCartonCloudCustomerSettings,
  shipmentStates,
  syncNowViaApi,
} from './support/sandboxes';

jest.setTimeout(240_000);

const badge = async (page: Page): Promise<number> => {
  const text = await page.getByTestId('attention-badge').textContent({ timeout: 1_000 }).catch(() => null);
  return text ? Number.parseInt(text, 10) : 0;
};
const apiCount = async () => (await adminGql<{ needsAttentionCount: number }>('{ needsAttentionCount }')).needsAttentionCount;

/**
 * The needs-attention inbox under `npm start`: an admin filters it, watches the badge follow new problems
 * live (no reload), sends rejected shipments again in bulk once the product exists in CartonCloud; a
 * read-only customer user sees their own items and no way to retry them.
 */
describe('the needs-attention inbox', () => {
  const { page: current } = pagePerTest();

  it('an admin filters the inbox, sees the badge follow a new rejection live, and sends the rejected shipments again in bulk', async () => {
    const page = current();
    const product = `E2E-NEW-${Date.now().toString(36).toUpperCase()}`;
    const account = await createUnleashedAccount();
    const acmeId = await customerIdByName('Acme Outdoor');
    // CartonCloud's documented default: re-importing a REJECTED order's reference replaces it
    await setCartonCloudCustomerSettings('acme', { duplicateReferences: 'override-if-rejected' });
    const integrationId = await activeIntegrationViaApi(acmeId, 'Acme inbox store', account);
    for (const n of [1, 2, 3]) await placeOrder(account, { orderNumber: `INB-${n}`, warehouseCode: 'AKL', productCode: product });
    await syncNowViaApi(integrationId);
    await eventually(() => attentionOf(integrationId), (items) => items.length === 3, 'three rejected shipments');

    await signIn(page, 'admin@demo.test', '/attention');
    await page.getByRole('heading', { level: 1, name: 'Needs attention' }).waitFor();
    await choose(page, 'Integration', /^Acme inbox store/);
    await page.waitForURL((url) => url.searchParams.get('integration') === integrationId);
    await choose(page, 'Reason', /^Rejected by CartonCloud/);
    await page.waitForURL((url) => url.searchParams.get('reason') === 'REJECTED');
    for (const n of [1, 2, 3]) {
      const row = page.getByTestId(`attention-INB-${n}`);
      await row.waitFor();
      expect(await row.textContent()).toContain('CartonCloud rejected the sale order');
      expect(await row.textContent()).toContain('What to do:');
      expect(await row.getByRole('link', { name: 'Acme inbox store' }).getAttribute('href')).toBe(`/integrations/${integrationId}`);
    }
    await screenshot(page, 'attention-inbox');
    await expectNoSeriousA11yViolations(page);

    // a fourth rejection while the page is open: the list and the badge follow without a reload
    const before = await badge(page);
    await placeOrder(account, { orderNumber: 'INB-4', warehouseCode: 'AKL', productCode: product });
    await syncNowViaApi(integrationId);
    await page.getByTestId('attention-INB-4').waitFor({ timeout: 60_000 });
    await eventually(async () => ({ shown: await badge(page), actual: await apiCount() }), (c) => c.shown === c.actual && c.shown >= before + 1, 'the badge to count the new rejection');

    // the product now exists in CartonCloud: all four are sent again together
    await addCartonCloudProducts('acme', [product]);
    await page.getByRole('checkbox', { name: /Select all shown that can be sent again \(4\)/ }).check();
    await page.getByRole('button', { name: 'Send 4 again' }).click();
    await page.getByText('4 shipments sent again').waitFor();
    await page.getByTestId('attention-empty').waitFor();
    const states = await eventually(() => shipmentStates(integrationId), (s) => ['INB-1', 'INB-2', 'INB-3', 'INB-4'].every((o) => s[o] === 'CREATED'), 'the four shipments to be created');
    expect(Object.keys(states).sort()).toEqual(['INB-1', 'INB-2', 'INB-3', 'INB-4']);
    await eventually(async () => ({ shown: await badge(page), actual: await apiCount() }), (c) => c.shown === c.actual, 'the badge to drop the sent shipments');
    await screenshot(page, 'attention-inbox-after-retry');
    await expectNoSeriousA11yViolations(page);
  });

  it('a read-only customer user sees their own items, and no way to send them again', async () => {
    const page = current();
    const account = await createUnleashedAccount();
    const globexId = await customerIdByName('Globex Foods');
    const integrationId = await activeIntegrationViaApi(globexId, 'Globex inbox store', account);
    await placeOrder(account, { orderNumber: 'GLX-INB-1', warehouseCode: 'MEL', productCode: `E2E-GLX-${Date.now().toString(36).toUpperCase()}` });
    await syncNowViaApi(integrationId);
    await eventually(() => attentionOf(integrationId), (items) => items.length === 1, 'Globex\u2019s rejected shipment');

    await signIn(page, 'staff@globex.test', '/attention');
    await page.getByTestId('attention-GLX-INB-1').waitFor();
    await page.getByText('you can follow them here but not change them').waitFor();
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: /again/ }).count()).toBe(0);
    expect(await page.getByText('INB-1', { exact: false }).filter({ hasNotText: 'GLX' }).count()).toBe(0); // no other customer's items
    expect(await page.getByRole('combobox', { name: 'Customer' }).count()).toBe(0);
    await screenshot(page, 'attention-inbox-read-only');
    await expectNoSeriousA11yViolations(page);
  });
});
