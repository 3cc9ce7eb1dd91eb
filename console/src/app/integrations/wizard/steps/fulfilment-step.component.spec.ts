import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { ConfigureFulfilmentDocument, FinishIntegrationDocument, IntegrationSetupFragment } from '../../../graphql/generated';
import { buttonNamed, click, formField, settle, typeInto } from '../../../../testing/dom';
import { setupOf } from '../../../../testing/setup-wizard.fixtures';
import { FulfilmentStepComponent } from './fulfilment-step.component';

const NEEDS_FULFILMENT = setupOf({ nextStep: 'FULFILMENT', unleashedTimeZone: 'Australia/Sydney' });

describe('FulfilmentStepComponent (step 4)', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule, FulfilmentStepComponent],
      providers: [provideZonelessChangeDetection()],
    });
  });

  afterEach(() => TestBed.inject(ApolloTestingController).verify());

  async function render(integration: IntegrationSetupFragment) {
    const fixture = TestBed.createComponent(FulfilmentStepComponent);
    fixture.componentRef.setInput('integration', integration);
    fixture.componentRef.setInput('selected', true);
    const done: IntegrationSetupFragment[] = [];
    fixture.componentInstance.done.subscribe((i) => done.push(i));
    await settle(fixture);
    return { root: fixture.nativeElement as HTMLElement, controller: TestBed.inject(ApolloTestingController), done, settle: () => settle(fixture) };
  }

  const toggle = (root: HTMLElement) => root.querySelector<HTMLButtonElement>('mat-slide-toggle button[role="switch"]')!;

  it('finishes a draft: saves fulfilment (on by default, in the saved time zone), then activates it', async () => {
    const { root, controller, done, settle } = await render(NEEDS_FULFILMENT);
    expect(toggle(root).getAttribute('aria-checked')).toBe('true');
    expect((formField(root, 'Unleashed account time zone').querySelector('input') as HTMLInputElement).value).toBe('Australia/Sydney');
    expect(root.textContent).toContain('Finish activates the integration');

    click(root, 'Finish and start syncing');
    await settle();
    const configure = controller.expectOne(ConfigureFulfilmentDocument);
    expect(configure.operation.variables).toEqual({ id: NEEDS_FULFILMENT.id, input: { enabled: true, unleashedTimeZone: 'Australia/Sydney' } });
    configure.flush({ data: { configureFulfilment: setupOf({ nextStep: 'COMPLETE', fulfilmentEnabled: true }) } });
    await settle();
    const finish = controller.expectOne(FinishIntegrationDocument);
    expect(finish.operation.variables).toEqual({ id: NEEDS_FULFILMENT.id });
    const active = setupOf({ status: 'ACTIVE', nextStep: 'COMPLETE', fulfilmentEnabled: true });
    finish.flush({ data: { finishIntegration: active } });
    await settle();
    expect(done).toEqual([active]);
  });

  it('does not send a time zone that is not a region/city name', async () => {
    const { root, controller, done, settle } = await render(NEEDS_FULFILMENT);
    typeInto(root, 'Unleashed account time zone', 'UTC');
    click(root, 'Finish and start syncing');
    await settle();
    controller.expectNone(ConfigureFulfilmentDocument);
    expect(formField(root, 'Unleashed account time zone').querySelector('mat-error')?.textContent?.trim()).toBe('Use a time zone name such as Pacific/Auckland or Australia/Sydney.');
    expect(done).toEqual([]);
  });

  it('shows why turning fulfilment on was refused, and does not activate', async () => {
    const { root, controller, done, settle } = await render(NEEDS_FULFILMENT);
    click(root, 'Finish and start syncing');
    await settle();
    controller.expectOne(ConfigureFulfilmentDocument).graphqlErrors([
      { message: 'Fulfilment cannot be turned on: the 3PL\u2019s CartonCloud account does not have Warehouse Fulfilments enabled. Orders will still be created.', extensions: { code: 'BAD_USER_INPUT', field: 'input.enabled' } },
    ]);
    await settle();
    controller.expectNone(FinishIntegrationDocument);
    expect(root.querySelector('.field-error')?.textContent).toContain('does not have Warehouse Fulfilments');
    expect(done).toEqual([]);
  });

  it('reconfiguring: keeps fulfilment as saved, says Save, never finishes, and explains an account with Order Management off', async () => {
    const active = setupOf({ status: 'ACTIVE', nextStep: 'COMPLETE', fulfilmentEnabled: false, unleashedOrderManagement: false });
    const { root, controller, done, settle } = await render(active);
    expect(toggle(root).getAttribute('aria-checked')).toBe('false');
    expect(buttonNamed(root, 'Finish and start syncing')).toBeUndefined();
    expect(root.querySelector('[role="status"]')?.textContent).toContain('This Unleashed account has Order Management off');

    click(root, 'Save');
    await settle();
    const configure = controller.expectOne(ConfigureFulfilmentDocument);
    expect(configure.operation.variables).toEqual({ id: active.id, input: { enabled: false, unleashedTimeZone: 'Pacific/Auckland' } });
    configure.flush({ data: { configureFulfilment: active } });
    await settle();
    controller.expectNone(FinishIntegrationDocument);
    expect(done).toEqual([active]);
  });
});
