import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { ConfigureAuthenticationDocument, IntegrationSetupFragment } from '../../../graphql/generated';
import { buttonNamed, click, formField, settle, typeInto } from '../../../../testing/dom';
import { setupOf } from '../../../../testing/setup-wizard.fixtures';
import { UnleashedCredentialsStepComponent } from './unleashed-credentials-step.component';

const API_ID = 'd3e0a1c2-7b4f-4e8a-9c1d-2f5b6a7c8d90';

describe('UnleashedCredentialsStepComponent (step 2)', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule, UnleashedCredentialsStepComponent],
      providers: [provideZonelessChangeDetection()],
    });
  });

  afterEach(() => TestBed.inject(ApolloTestingController).verify());

  async function render(integration: IntegrationSetupFragment) {
    const fixture = TestBed.createComponent(UnleashedCredentialsStepComponent);
    fixture.componentRef.setInput('integration', integration);
    fixture.componentRef.setInput('selected', true);
    const done: IntegrationSetupFragment[] = [];
    fixture.componentInstance.done.subscribe((i) => done.push(i));
    await settle(fixture);
    return { fixture, root: fixture.nativeElement as HTMLElement, controller: TestBed.inject(ApolloTestingController), done, settle: () => settle(fixture) };
  }

  const keyInput = (root: HTMLElement) => formField(root, 'API key').querySelector('input') as HTMLInputElement;

  it("does not send an API ID that is not a GUID, and shows the server's field error under the API key", async () => {
    const { root, controller, done, settle } = await render(setupOf());
    typeInto(root, 'API ID', 'not-a-guid');
    await settle();
    expect(root.textContent).toContain('The API ID is a GUID');
    click(root, 'Check and continue');
    await settle();
    controller.expectNone(ConfigureAuthenticationDocument);

    typeInto(root, 'API ID', API_ID);
    typeInto(root, 'API key', 'x'.repeat(40));
    click(root, 'Check and continue');
    await settle();
    controller.expectOne(ConfigureAuthenticationDocument).graphqlErrors([
      { message: 'That does not look like an Unleashed API key: copy it again from Unleashed API Access.', extensions: { code: 'BAD_USER_INPUT', field: 'input.apiKey' } },
    ]);
    await settle();

    expect(formField(root, 'API key').querySelector('mat-error')?.textContent?.trim()).toBe('That does not look like an Unleashed API key: copy it again from Unleashed API Access.');
    expect(root.querySelector('[data-testid="step-problems"]')).toBeNull();
    expect(done).toEqual([]);
  });

  it('says plainly when Unleashed rejects the credentials, and clears that once the stepper opens the step again', async () => {
    const { fixture, root, controller, done, settle } = await render(setupOf());
    typeInto(root, 'API ID', API_ID);
    typeInto(root, 'API key', 'wrongKey==');
    click(root, 'Check and continue');
    await settle();
    expect(buttonNamed(root, 'Checking with Unleashed…')?.disabled).toBe(true);
    expect(root.querySelector('mat-progress-bar')?.getAttribute('aria-label')).toBe('Checking the credentials with Unleashed');
    const op = controller.expectOne(ConfigureAuthenticationDocument);
    expect(op.operation.variables).toEqual({ id: setupOf().id, input: { apiId: API_ID, apiKey: 'wrongKey==' } });
    op.graphqlErrors([{ message: 'Unleashed refused the API ID and key (403).', extensions: { code: 'UNLEASHED_AUTH_FAILED' } }]);
    await settle();

    expect(root.querySelector('[data-testid="credentials-rejected"]')?.textContent).toContain('Unleashed rejected these credentials.');
    expect(root.querySelector('[data-testid="step-problems"]')).toBeNull();
    expect(done).toEqual([]);

    fixture.componentRef.setInput('selected', false);
    await settle();
    fixture.componentRef.setInput('selected', true);
    await settle();
    expect(root.querySelector('[data-testid="credentials-rejected"]')).toBeNull();
  });

  it('saves checked credentials, forgets the key it was given and moves on', async () => {
    const { root, controller, done, settle } = await render(setupOf());
    expect(buttonNamed(root, 'Keep the saved credentials')).toBeUndefined();
    typeInto(root, 'API ID', ` ${API_ID} `);
    typeInto(root, 'API key', 'demoUnleashedKey+Acme/Outdoor==');
    click(root, 'Check and continue');
    await settle();
    const op = controller.expectOne(ConfigureAuthenticationDocument);
    expect(op.operation.variables).toEqual({ id: setupOf().id, input: { apiId: API_ID, apiKey: 'demoUnleashedKey+Acme/Outdoor==' } });
    const saved = setupOf({ nextStep: 'ORDER_CREATION', unleashedApiId: API_ID });
    op.flush({ data: { configureAuthentication: saved } });
    await settle();
    expect(done).toEqual([saved]);
    expect(keyInput(root).value).toBe('');
  });

  it('when credentials are saved, shows the API ID, never the key, and can keep them without a request', async () => {
    const active = setupOf({ status: 'ACTIVE', nextStep: 'COMPLETE', unleashedApiId: API_ID });
    const { root, controller, done, settle } = await render(active);
    expect((formField(root, 'API ID').querySelector('input') as HTMLInputElement).value).toBe(API_ID);
    expect(keyInput(root).value).toBe('');
    expect(formField(root, 'API key').textContent).toContain('A key is saved.');
    click(root, 'Keep the saved credentials');
    await settle();
    controller.expectNone(ConfigureAuthenticationDocument);
    expect(done).toEqual([active]);
  });
});
