import { expectNoSeriousA11yViolations, pagePerTest, screenshot } from './support/browser';
import { choose, signIn } from './support/console';
import { adminGql } from './support/sandboxes';

jest.setTimeout(120_000);

/** Alerts end to end under `npm start`: no SMTP_URL, so e-mail goes to the development mail catcher. */
describe('alerts in the console', () => {
  const { page } = pagePerTest();

  it('an admin adds an e-mail alert, sends a test alert, and reads it in Mail (development)', async () => {
    const address = `ops-${Date.now().toString(36)}@acme.test`;
    const p = page();
    await signIn(p, 'admin@demo.test', '/alerts');
    await p.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();

    // the form checks the address as you type
    await p.getByLabel('E-mail address').fill('ops at acme');
    await p.getByRole('button', { name: 'Add alert' }).click();
    await p.getByText('Enter an e-mail address such as ops@example.com.').waitFor();

    await choose(p, /^Customer$/, 'Acme Outdoor');
    await p.getByLabel('E-mail address').fill(address);
    await p.getByRole('button', { name: 'Add alert' }).click();
    const card = p.getByTestId(`alert-${address}`);
    await card.waitFor();
    await card.getByText('Acme Outdoor').first().waitFor();

    await card.getByRole('button', { name: 'Send test alert' }).click();
    await card.locator('[data-status="DELIVERED"]').waitFor({ timeout: 30_000 });
    await card.getByText('alert.test').waitFor();
    await screenshot(p, 'alerts-page');
    await expectNoSeriousA11yViolations(p);

    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mail (development)' }).click();
    await p.getByRole('heading', { name: 'Mail (development)' }).waitFor();
    const mail = p.getByTestId('dev-mail').filter({ hasText: address });
    await mail.waitFor({ timeout: 15_000 });
    await mail.getByRole('button').click();
    const body = mail.getByTestId('dev-mail-body');
    await body.waitFor();
    expect(await body.textContent()).toContain('This is a test alert from Conveyor for Acme Outdoor.');
    expect(await mail.textContent()).toContain('[Conveyor] Test alert');
    await screenshot(p, 'dev-mailbox');
    await expectNoSeriousA11yViolations(p);

    // the same message through the API
    const box = await adminGql<{ devMailbox: { to: string[]; subject: string }[] }>('{ devMailbox { to subject } }', {});
    expect(box.devMailbox.filter((m) => m.to.includes(address)).map((m) => m.subject)).toEqual(['[Conveyor] Test alert']);
  });

  it('a customer user who may manage integrations adds a webhook and sees its signing secret once', async () => {
    const p = page();
    await signIn(p, 'owner@acme.test', '/alerts');
    await p.getByRole('radio', { name: 'Webhook' }).check();
    await p.getByLabel('Webhook URL').fill('http://localhost:9/acme-hooks');
    await p.getByRole('button', { name: 'Add alert' }).click();
    const secret = p.getByTestId('signing-secret-value');
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/whsec_[A-Za-z0-9+/=]{44}/);
    await p.getByText('copy it now: it will not be shown again').waitFor();
    await screenshot(p, 'alerts-webhook-secret');
    await expectNoSeriousA11yViolations(p);
    await p.getByRole('button', { name: 'I have saved it' }).click();
    await secret.waitFor({ state: 'detached' });
    await p.reload();
    await p.getByTestId('alert-http://localhost:9/acme-hooks').waitFor();
    expect(await p.content()).not.toContain('whsec_');
    // customer users have no development mailbox link
    expect(await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mail (development)' }).count()).toBe(0);
  });

  it('a read-only customer user sees alerts but cannot add one', async () => {
    const p = page();
    await signIn(p, 'staff@globex.test', '/alerts');
    await p.getByText('you can follow them here but not change them').waitFor();
    expect(await p.getByRole('button', { name: 'Add alert' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(p);
  });
});
