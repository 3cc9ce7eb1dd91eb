import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { CreateAlertSubscriptionDocument, type AlertSubscriptionRowFragment } from '../graphql/generated';
import { AlertFormComponent } from './alert-form.component';
import { targetProblem } from './alert-form';

const CREATED: AlertSubscriptionRowFragment = {
  __typename: 'AlertSubscription',
  id: 'a1',
  channel: 'WEBHOOK',
  target: 'https://hooks.acme.test/conveyor',
  createdAt: '2026-12-01T10:00:00Z',
  createdBy: 'owner@acme.test',
  customer: { __typename: 'Customer', id: 'c-acme', name: 'Acme Outdoor' },
  deliveries: [],
};
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwVnY8J0a1b2c=';

describe('AlertFormComponent', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [ApolloTestingModule, AlertFormComponent], providers: [provideZonelessChangeDetection()] });
  });
  afterEach(() => TestBed.inject(ApolloTestingController).verify());

  async function render(inputs: { isAdmin?: boolean; fixedCustomerId?: string | null } = {}) {
    const fixture = TestBed.createComponent(AlertFormComponent);
    fixture.componentRef.setInput('isAdmin', inputs.isAdmin ?? false);
    fixture.componentRef.setInput('fixedCustomerId', inputs.fixedCustomerId ?? 'c-acme');
    fixture.componentRef.setInput('customers', [{ id: 'c-acme', name: 'Acme Outdoor' }]);
    const emitted: AlertSubscriptionRowFragment[] = [];
    fixture.componentInstance.created.subscribe((s) => emitted.push(s));
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const settle = async () => {
      await new Promise((r) => setTimeout(r, 0));
      await fixture.whenStable();
    };
    const type = async (value: string) => {
      const input = root.querySelector<HTMLInputElement>('input[formcontrolname="target"]')!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      input.dispatchEvent(new Event('blur'));
      await settle();
    };
    const choose = async (label: 'E-mail' | 'Webhook') => {
      const radio = [...root.querySelectorAll('mat-radio-button')].find((r) => r.textContent?.trim() === label)!.querySelector('input')!;
      radio.click();
      await settle();
    };
    const submit = async () => {
      [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Add alert')!.click();
      await settle();
    };
    const errorText = () => root.querySelector('mat-error')?.textContent?.trim() ?? null;
    return { root, fixture, emitted, type, choose, submit, settle, errorText, controller: TestBed.inject(ApolloTestingController) };
  }

  it('checks the target as the server would, for each channel', () => {
    expect(targetProblem('EMAIL', 'ops@acme.test')).toBeNull();
    expect(targetProblem('EMAIL', 'ops at acme')).toMatch(/e-mail address/);
    expect(targetProblem('WEBHOOK', 'https://hooks.acme.test/x')).toBeNull();
    expect(targetProblem('WEBHOOK', 'http://localhost:8080/x')).toBeNull();
    expect(targetProblem('WEBHOOK', 'http://hooks.acme.test/x')).toMatch(/https:\/\//);
    expect(targetProblem('WEBHOOK', 'https://u:p@hooks.acme.test/x')).toMatch(/user name and password/);
    expect(targetProblem('WEBHOOK', 'hooks.acme.test')).toMatch(/Enter a URL/);
  });

  it('shows why an e-mail address or a webhook URL is not accepted, and sends nothing until it is', async () => {
    const { type, choose, submit, errorText, controller } = await render();
    await submit();
    expect(errorText()).toBe('An e-mail address is required.');
    await type('ops at acme');
    await submit();
    expect(errorText()).toBe('Enter an e-mail address such as ops@example.com.');
    await choose('Webhook');
    await type('http://hooks.acme.test/conveyor');
    await submit();
    expect(errorText()).toBe('A webhook URL must start with https:// (http:// only for localhost, outside production).');
    controller.expectNone(CreateAlertSubscriptionDocument);
  });

  it("puts the server's field error under the target", async () => {
    const { type, submit, settle, errorText, controller } = await render();
    await type('ops@acme.test');
    await submit();
    controller
      .expectOne(CreateAlertSubscriptionDocument)
      .graphqlErrors([{ message: 'ops@acme.test already receives these alerts.', extensions: { code: 'BAD_USER_INPUT', field: 'input.target' } }]);
    await settle();
    expect(errorText()).toBe('ops@acme.test already receives these alerts.');
  });

  it('shows a new webhook’s signing secret once, with a copy button and a plain warning', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { root, type, choose, submit, settle, emitted, controller } = await render();
    await choose('Webhook');
    await type(' https://hooks.acme.test/conveyor ');
    await submit();
    const op = controller.expectOne(CreateAlertSubscriptionDocument);
    expect(op.operation.variables).toEqual({ input: { customerId: 'c-acme', channel: 'WEBHOOK', target: 'https://hooks.acme.test/conveyor' } });
    op.flush({ data: { createAlertSubscription: { __typename: 'AlertSubscriptionCreated', signingSecret: SECRET, subscription: CREATED } } });
    await settle();

    const panel = root.querySelector('[data-testid="signing-secret"]')!;
    expect(panel.textContent).toContain('copy it now: it will not be shown again');
    expect(root.querySelector('[data-testid="signing-secret-value"]')?.textContent?.trim()).toBe(SECRET);
    expect(emitted).toEqual([CREATED]);
    expect(root.querySelector<HTMLInputElement>('input[formcontrolname="target"]')!.value).toBe('');
    expect(root.querySelector('mat-error')).toBeNull(); // the emptied form is fresh, not "required"

    [...panel.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Copy secret')!.click();
    await settle();
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect([...panel.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Copied')).toBe(true);

    [...panel.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'I have saved it')!.click();
    await settle();
    expect(root.querySelector('[data-testid="signing-secret"]')).toBeNull();
    expect(root.textContent).not.toContain(SECRET);
  });

  it('lets an admin subscribe every customer (customerId null), and shows no secret for e-mail', async () => {
    const { root, type, submit, settle, controller } = await render({ isAdmin: true, fixedCustomerId: null });
    expect(root.querySelector('mat-select[formcontrolname="customerId"]')).not.toBeNull();
    await type('noc@3pl.test');
    await submit();
    const op = controller.expectOne(CreateAlertSubscriptionDocument);
    expect(op.operation.variables).toEqual({ input: { customerId: null, channel: 'EMAIL', target: 'noc@3pl.test' } });
    op.flush({ data: { createAlertSubscription: { __typename: 'AlertSubscriptionCreated', signingSecret: null, subscription: { ...CREATED, channel: 'EMAIL', target: 'noc@3pl.test', customer: null } } } });
    await settle();
    expect(root.querySelector('[data-testid="signing-secret"]')).toBeNull();
  });
});
