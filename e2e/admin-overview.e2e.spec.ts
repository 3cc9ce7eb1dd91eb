import { expectNoSeriousA11yViolations, pagePerTest, screenshot } from './support/browser';
import { signIn } from './support/console';
import { activeIntegrationViaApi, adminGql, attentionOf, createUnleashedAccount, customerIdByName, eventually, placeOrder, syncNowViaApi } from './support/sandboxes';

jest.setTimeout(180_000);

interface Overview {
  overview: {
    orders: { createdToday: number; dispatchedToday: number };
    needsAttention: { customer: { name: string }; count: number }[];
    unhealthyIntegrations: { name: string }[];
  };
}

/** The 3PL admin's landing page: what needs doing today, with the way into the inbox per customer. */
describe('the admin overview', () => {
  const { page: current } = pagePerTest();

  it('lands an admin on today\u2019s figures, problems and needs-attention per customer, and leads to the inbox of one customer', async () => {
    const page = current();
    // a Globex shipment CartonCloud rejects, so Globex needs attention
    const account = await createUnleashedAccount();
    const globexId = await customerIdByName('Globex Foods');
    const integrationId = await activeIntegrationViaApi(globexId, 'Globex overview store', account);
    await placeOrder(account, { orderNumber: 'OVW-1', warehouseCode: 'MEL', productCode: `E2E-OVW-${Date.now().toString(36).toUpperCase()}` });
    await syncNowViaApi(integrationId);
    await eventually(() => attentionOf(integrationId), (items) => items.length === 1, 'the rejected shipment');

    await signIn(page, 'admin@demo.test', '/');
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
    const api = await adminGql<Overview>('query($tz: String) { overview(timeZone: $tz) { orders { createdToday dispatchedToday } needsAttention { customer { name } count } unhealthyIntegrations { name } } }', {
      tz: await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
    });
    // the figures are the API's (the demo keeps adding orders: at least what the API said a moment ago)
    const figure = async (tile: string) => Number(await page.getByTestId(tile).locator('.figure').first().textContent().then((t) => t?.match(/\d+/)?.[0]));
    expect(await figure('tile-created')).toBeGreaterThanOrEqual(api.overview.orders.createdToday);
    expect(await figure('tile-dispatched')).toBeGreaterThanOrEqual(api.overview.orders.dispatchedToday);
    expect(await page.getByTestId('tile-budget').textContent()).toMatch(/\/ 30 a minute/);
    const globexRow = page.getByTestId('attention-Globex Foods');
    await globexRow.waitFor();
    expect(Number((await globexRow.locator('td.num').textContent())?.trim())).toBeGreaterThanOrEqual(1);
    if (api.overview.unhealthyIntegrations.length) await page.getByTestId(`unhealthy-${api.overview.unhealthyIntegrations[0]!.name}`).waitFor();
    else await page.getByTestId('all-healthy').waitFor();
    // every Unleashed call is counted per integration: the demo's integrations have made some this month
    const usage = page.getByTestId('quota-usage');
    await usage.waitFor();
    expect(await usage.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('cartoncloud-webhook-url').textContent()).toMatch(/^https?:\/\/[^ ]+\/webhooks\/cartoncloud\/[A-Za-z0-9_-]{20,}$/);
    await screenshot(page, 'admin-overview');
    await expectNoSeriousA11yViolations(page);

    await globexRow.getByRole('link', { name: 'Globex Foods' }).click();
    await page.waitForURL((url) => url.pathname === '/attention' && url.searchParams.get('customer') === globexId);
    await page.getByTestId('attention-OVW-1').waitFor();
    expect(await page.locator('[data-testid^="attention-"]').filter({ hasText: 'Acme' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
  });
});
