import type { Page } from 'playwright-core';
import { expectNoSeriousA11yViolations, screenshot } from './browser';
import { choose, filterShipments, shipmentRow, waitForShipmentState } from './console';
import { KNOWN_PRODUCTS, UNKNOWN_PRODUCT, dispatchInCartonCloud, placeOrder, unleashedShipment, type UnleashedAccount } from './sandboxes';

/**
 * The whole life of an integration as a user with permission sees it, from the customer's integrations
 * page: the four setup steps, orders arriving live, a rejected shipment's reason, a skipped one, fulfilment
 * written back, reconfiguring, deleting. `shots` prefixes the screenshots.
 */
export async function createRunReconfigureAndDelete(
  page: Page,
  options: { integrationName: string; orderPrefix: string; account: UnleashedAccount; shots: string },
): Promise<void> {
  const { integrationName, orderPrefix: p, account, shots } = options;
  const order = (n: number) => `${p}-${n}`;

  // ---- step 1: name (live validation first)
  await page.getByRole('link', { name: 'New integration' }).click();
  await page.waitForURL((url) => url.pathname === '/integrations/new');
  const create = page.getByRole('button', { name: 'Create and continue' });
  await create.click();
  await page.getByText('The name is required.').waitFor();
  await page.getByLabel('Integration name').fill(integrationName);
  await screenshot(page, `${shots}-wizard-1-name`);
  await expectNoSeriousA11yViolations(page);
  await create.click();

  // ---- step 2: Unleashed authentication
  const apiId = page.getByLabel('API ID');
  await apiId.waitFor();
  await page.waitForURL((url) => /\/integrations\/[0-9a-f-]+\/setup$/.test(url.pathname));
  await apiId.fill('not-a-guid');
  await page.getByLabel('API key').click();
  await page.getByText('The API ID is a GUID').waitFor();
  await apiId.fill(account.apiId);
  await page.getByLabel('API key').fill(account.apiKey);
  await screenshot(page, `${shots}-wizard-2-authentication`);
  await page.getByRole('button', { name: 'Check and continue' }).click();

  // ---- step 3: order creation, warehouse pickers from the Unleashed account, the skipped warning
  await page.getByRole('combobox', { name: 'CartonCloud warehouse for AKL' }).waitFor();
  await choose(page, 'CartonCloud warehouse for AKL', 'Auckland DC');
  await choose(page, 'CartonCloud warehouse for SYD', 'Sydney DC');
  const skipped = page.getByTestId('skipped-warning');
  await skipped.waitFor();
  expect(await skipped.textContent()).toContain('Shipments from MEL will be skipped');
  await screenshot(page, `${shots}-wizard-3-order-creation`);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Save and continue' }).last().click();

  // ---- step 4: fulfilment, Finish
  const finish = page.getByRole('button', { name: 'Finish and start syncing' });
  await finish.waitFor();
  await page.getByText('When it may not be available').waitFor();
  expect(await page.getByRole('switch', { name: 'Write dispatches back to Unleashed' }).isChecked()).toBe(true);
  await screenshot(page, `${shots}-wizard-4-fulfilment`);
  await finish.click();

  // ---- the detail page: orders arrive live
  await page.getByRole('heading', { level: 1, name: integrationName }).waitFor();
  await page.getByText('No shipments yet').waitFor();
  const fulfilled = await placeOrder(account, { orderNumber: order(1), warehouseCode: 'AKL', productCode: KNOWN_PRODUCTS[0]! });
  await placeOrder(account, { orderNumber: order(2), warehouseCode: 'SYD', productCode: KNOWN_PRODUCTS[1]!, quantity: 3 });
  await placeOrder(account, { orderNumber: order(3), warehouseCode: 'AKL', productCode: UNKNOWN_PRODUCT });
  await placeOrder(account, { orderNumber: order(4), warehouseCode: 'MEL', productCode: KNOWN_PRODUCTS[2]! });
  await waitForShipmentState(page, order(1), 'CREATED');
  await waitForShipmentState(page, order(2), 'CREATED');
  await waitForShipmentState(page, order(3), 'REJECTED');
  await waitForShipmentState(page, order(4), 'SKIPPED');
  await page.getByTestId('order-progress').getByText(/created/).waitFor();
  await page.getByTestId('health-badge').getByText('Healthy').waitFor();
  await screenshot(page, `${shots}-detail-orders-arrived`);
  await expectNoSeriousA11yViolations(page);

  // ---- a rejected shipment and its reason
  await filterShipments(page, 'Rejected');
  await shipmentRow(page, order(1)).waitFor({ state: 'detached' });
  await shipmentRow(page, order(3)).waitFor();
  expect(await page.locator('[data-testid^="shipment-"]').count()).toBe(1);
  await shipmentRow(page, order(3)).getByRole('button').click();
  const dialog = page.getByRole('dialog');
  expect(await dialog.getByTestId('shipment-reason').textContent()).toContain('Product not found');
  await screenshot(page, `${shots}-shipment-rejected-reason`);
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });

  // ---- "what happened to order X?"
  await filterShipments(page, 'All');
  await page.getByLabel('Unleashed order number').fill(order(4));
  const answer = page.getByTestId('order-answer');
  await answer.getByText('skipped').waitFor();
  expect(await answer.textContent()).toMatch(/MEL|warehouse/);
  await screenshot(page, `${shots}-order-search`);
  await page.getByLabel('Unleashed order number').fill('');
  await answer.waitFor({ state: 'detached' });

  // ---- fulfilment write-back: the warehouse dispatches, Unleashed gets the tracking
  await shipmentRow(page, order(1)).getByRole('button').click();
  const ccOrderId = ((await page.getByRole('dialog').getByTestId('cartoncloud-order-id').textContent()) ?? '').trim().split(' ')[0]!;
  expect(ccOrderId).toMatch(/^[0-9a-f-]{36}$/);
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await dispatchInCartonCloud(ccOrderId, { carrier: 'StarTrack', trackingNumber: `ST-${p}`, packages: 2 });
  await waitForShipmentState(page, order(1), 'FULFILLED');
  expect(await shipmentRow(page, order(1)).textContent()).toContain(`ST-${p}`);
  const written = await unleashedShipment(account, fulfilled.shipmentGuid);
  expect(written.ShipmentStatus).toBe('Dispatched');
  expect(written.ShippingCompany).toMatchObject({ Name: 'StarTrack' });
  await screenshot(page, `${shots}-detail-fulfilled`);

  // ---- setup history: who changed what, for admins only
  if (shots === 'admin') {
    const audit = page.getByTestId('audit-trail');
    await audit.getByText('Activated: polling and billing started').waitFor();
    expect(await audit.textContent()).toContain('Connected the Unleashed account (step 2)');
    expect(await audit.textContent()).not.toContain(account.apiKey);
  } else {
    expect(await page.getByRole('heading', { name: 'Setup history' }).count()).toBe(0);
  }

  // ---- reconfigure with the same wizard: a default warehouse, so MEL is no longer skipped
  await page.getByRole('link', { name: 'Reconfigure' }).click();
  await page.getByRole('heading', { level: 1, name: `Reconfigure ${integrationName}` }).waitFor();
  await page.getByRole('tab', { name: /Order creation/ }).click();
  await page.getByRole('combobox', { name: 'CartonCloud warehouse for MEL' }).waitFor();
  await skipped.waitFor();
  await choose(page, 'Default CartonCloud warehouse', 'Melbourne DC');
  await skipped.waitFor({ state: 'detached' });
  await screenshot(page, `${shots}-reconfigure-order-creation`);
  await page.getByRole('button', { name: 'Save and continue' }).last().click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: integrationName }).waitFor();
  await page.locator('dd', { hasText: 'Melbourne DC' }).first().waitFor();

  // ---- delete, with a confirmation naming what stops
  await page.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByText('Polling Unleashed for new sales orders stops').waitFor();
  expect(await confirm.textContent()).toContain('Billing stops');
  await screenshot(page, `${shots}-delete-confirmation`);
  await confirm.getByRole('button', { name: 'Delete integration' }).click();
  await page.waitForURL((url) => url.pathname === '/integrations');
  await page.getByRole('heading', { level: 1, name: 'Integrations' }).waitFor();
  await page.getByTestId(`integration-${integrationName}`).waitFor({ state: 'detached' });
}
