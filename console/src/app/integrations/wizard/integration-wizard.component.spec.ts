import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { ConfigureAuthenticationDocument, IntegrationSetupDocument, IntegrationSetupFragment, ViewerDocument } from '../../graphql/generated';
import { IntegrationWizardComponent } from './integration-wizard.component';

const DRAFT: IntegrationSetupFragment = {
  __typename: 'Integration',
  id: '5b0c7f0e-5d3e-4a43-9d3a-2f9c8f0e1a11',
  name: 'Unleashed NZ store',
  status: 'DRAFT',
  nextStep: 'AUTHENTICATION',
  health: 'NOT_ACTIVE',
  healthMessage: null,
  lastSyncedAt: null,
  activatedAt: null,
  unleashedApiId: null,
  fulfilmentEnabled: false,
  includeComments: true,
  unleashedTimeZone: 'Pacific/Auckland',
  credentialsRejectedAt: null,
  unleashedOrderManagement: null,
  fulfilmentNotice: null,
  skippedUnleashedWarehouseCodes: [],
  defaultWarehouse: null,
  warehouseMappings: [],
  customer: { __typename: 'Customer', id: 'c-acme', name: 'Acme Outdoor', selfManagedIntegrationsAllowed: true, warehouses: [] },
};

describe('IntegrationWizardComponent, step 2', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule, IntegrationWizardComponent],
      providers: [provideZonelessChangeDetection(), provideRouter([])],
    });
  });

  async function openAtStep2(): Promise<{ root: HTMLElement; controller: ApolloTestingController; settle: () => Promise<void> }> {
    const fixture = TestBed.createComponent(IntegrationWizardComponent);
    fixture.componentRef.setInput('id', DRAFT.id);
    const controller = TestBed.inject(ApolloTestingController);
    const settle = async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
    };
    await fixture.whenStable();
    controller.match(ViewerDocument).forEach((op) => op.flush({ data: { viewer: { __typename: 'Viewer', subject: 'u', email: 'owner@acme.test', isAdmin: false, customer: null } } }));
    controller.expectOne(IntegrationSetupDocument).flush({ data: { integration: DRAFT } });
    await settle();
    await settle();
    return { root: fixture.nativeElement as HTMLElement, controller, settle };
  }

  function type(root: HTMLElement, label: string, value: string): void {
    const input = [...root.querySelectorAll('mat-form-field')].find((f) => f.querySelector('mat-label')?.textContent?.trim() === label)!.querySelector('input')!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
  }

  function submitStep(root: HTMLElement, button: string): void {
    [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === button)!.click();
  }

  it('opens the step the draft needs and says plainly when Unleashed rejects the credentials', async () => {
    const { root, controller, settle } = await openAtStep2();
    expect(root.querySelector('[aria-selected="true"]')?.textContent).toContain('Connect Unleashed');

    type(root, 'API ID', 'd3e0a1c2-7b4f-4e8a-9c1d-2f5b6a7c8d90');
    type(root, 'API key', 'wrongKey==');
    submitStep(root, 'Check and continue');
    await settle();
    const op = controller.expectOne(ConfigureAuthenticationDocument);
    expect(op.operation.variables).toEqual({ id: DRAFT.id, input: { apiId: 'd3e0a1c2-7b4f-4e8a-9c1d-2f5b6a7c8d90', apiKey: 'wrongKey==' } });
    op.graphqlErrors([{ message: 'Unleashed refused the API ID and key (403).', extensions: { code: 'UNLEASHED_AUTH_FAILED' } }]);
    await settle();

    expect(root.querySelector('[data-testid="credentials-rejected"]')?.textContent).toContain('Unleashed rejected these credentials.');
    expect(root.querySelector('[aria-selected="true"]')?.textContent).toContain('Connect Unleashed');
  });

  it("does not send an API ID that is not a GUID, and shows the server's field error under the API key", async () => {
    const { root, controller, settle } = await openAtStep2();
    type(root, 'API ID', 'not-a-guid');
    await settle();
    expect(root.textContent).toContain('The API ID is a GUID');
    submitStep(root, 'Check and continue');
    await settle();
    controller.expectNone(ConfigureAuthenticationDocument);

    type(root, 'API ID', 'd3e0a1c2-7b4f-4e8a-9c1d-2f5b6a7c8d90');
    type(root, 'API key', 'x'.repeat(40));
    submitStep(root, 'Check and continue');
    await settle();
    controller.expectOne(ConfigureAuthenticationDocument).graphqlErrors([
      { message: 'That does not look like an Unleashed API key: copy it again from Unleashed API Access.', extensions: { code: 'BAD_USER_INPUT', field: 'input.apiKey' } },
    ]);
    await settle();

    const keyField = [...root.querySelectorAll('mat-form-field')].find((f) => f.querySelector('mat-label')?.textContent?.trim() === 'API key')!;
    expect(keyField.querySelector('mat-error')?.textContent?.trim()).toBe('That does not look like an Unleashed API key: copy it again from Unleashed API Access.');
    expect(root.querySelector('[data-testid="step-problems"]')).toBeNull();
  });
});
