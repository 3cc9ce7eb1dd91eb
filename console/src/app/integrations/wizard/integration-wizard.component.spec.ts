import { TestBed } from '@angular/core/testing';
import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection } from '@angular/core';
import { Location } from '@angular/common';
import { provideLocationMocks } from '@angular/common/testing';
import { Router, provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import {
  ConfigureAuthenticationDocument,
  ConfigureFulfilmentDocument,
  CreateIntegrationDocument,
  FinishIntegrationDocument,
  IntegrationSetupDocument,
  IntegrationSetupFragment,
  ViewerDocument,
  WizardCustomerDocument,
} from '../../graphql/generated';
import { buttonNamed, click, settle, typeInto } from '../../../testing/dom';
import { setupOf } from '../../../testing/setup-wizard.fixtures';
import { IntegrationWizardComponent } from './integration-wizard.component';

const DRAFT = setupOf();

@Component({ selector: 'cv-integration-page-stand-in', changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
class IntegrationPageStandIn {}

describe('IntegrationWizardComponent (the page: loading, the stepper, moving between steps)', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule, IntegrationWizardComponent],
      providers: [provideZonelessChangeDetection(), provideRouter([{ path: 'integrations/:id', component: IntegrationPageStandIn }]), provideLocationMocks()],
    });
  });

  afterEach(() => TestBed.inject(ApolloTestingController).verify());

  async function open(inputs: { id?: string; customer?: string }, viewer: { isAdmin: boolean }, load: (controller: ApolloTestingController) => void) {
    const fixture = TestBed.createComponent(IntegrationWizardComponent);
    if (inputs.id) fixture.componentRef.setInput('id', inputs.id);
    if (inputs.customer) fixture.componentRef.setInput('customer', inputs.customer);
    const controller = TestBed.inject(ApolloTestingController);
    await fixture.whenStable();
    controller.match(ViewerDocument).forEach((op) => op.flush({ data: { viewer: { __typename: 'Viewer', subject: 'u', email: 'someone@acme.test', isAdmin: viewer.isAdmin, customer: null } } }));
    load(controller);
    await settle(fixture);
    await settle(fixture);
    return { fixture, root: fixture.nativeElement as HTMLElement, controller, settle: () => settle(fixture) };
  }

  const openDraft = (integration: IntegrationSetupFragment, viewer = { isAdmin: false }) =>
    open({ id: integration.id }, viewer, (c) => c.expectOne(IntegrationSetupDocument).flush({ data: { integration } }));

  const selectedTab = (root: HTMLElement) => root.querySelector('[role="tab"][aria-selected="true"]')?.textContent ?? '';

  it('opens the step the draft needs and says plainly when Unleashed rejects the credentials', async () => {
    const { root, controller, settle } = await openDraft(DRAFT);
    expect(selectedTab(root)).toContain('Connect Unleashed');

    typeInto(root, 'API ID', 'd3e0a1c2-7b4f-4e8a-9c1d-2f5b6a7c8d90');
    typeInto(root, 'API key', 'wrongKey==');
    click(root, 'Check and continue');
    await settle();
    const op = controller.expectOne(ConfigureAuthenticationDocument);
    expect(op.operation.variables).toEqual({ id: DRAFT.id, input: { apiId: 'd3e0a1c2-7b4f-4e8a-9c1d-2f5b6a7c8d90', apiKey: 'wrongKey==' } });
    op.graphqlErrors([{ message: 'Unleashed refused the API ID and key (403).', extensions: { code: 'UNLEASHED_AUTH_FAILED' } }]);
    await settle();

    expect(root.querySelector('[data-testid="credentials-rejected"]')?.textContent).toContain('Unleashed rejected these credentials.');
    expect(selectedTab(root)).toContain('Connect Unleashed');
  });

  it('creates the draft on step 1, moves the address to its setup page and opens step 2', async () => {
    const { root, controller, settle } = await open({ customer: 'c-acme' }, { isAdmin: true }, (c) =>
      c.expectOne(WizardCustomerDocument).flush({ data: { customer: { __typename: 'Customer', id: 'c-acme', name: 'Acme Outdoor', selfManagedIntegrationsAllowed: false, warehouses: [] } } }),
    );
    expect(root.querySelector('h1')?.textContent?.trim()).toBe('New integration for Acme Outdoor');
    expect(selectedTab(root)).toContain('Name');

    typeInto(root, 'Integration name', '  Unleashed NZ store ');
    click(root, 'Create and continue');
    await settle();
    const op = controller.expectOne(CreateIntegrationDocument);
    expect(op.operation.variables).toEqual({ input: { customerId: 'c-acme', name: 'Unleashed NZ store' } });
    op.flush({ data: { createIntegration: setupOf({ nextStep: 'AUTHENTICATION' }) } });
    await settle();

    expect(TestBed.inject(Location).path()).toBe(`/integrations/${DRAFT.id}/setup`);
    expect(selectedTab(root)).toContain('Connect Unleashed');
    expect(buttonNamed(root, 'Save and continue')).toBeDefined();
  });

  it('reconfigures an active integration: any step can be opened, and step 4 saves without finishing and returns to the integration', async () => {
    const active = setupOf({ status: 'ACTIVE', nextStep: 'COMPLETE', fulfilmentEnabled: true, unleashedApiId: 'd3e0a1c2-7b4f-4e8a-9c1d-2f5b6a7c8d90' });
    const { root, controller, settle } = await openDraft(active, { isAdmin: true });
    expect(root.querySelector('h1')?.textContent?.trim()).toBe('Reconfigure Unleashed NZ store');
    expect(selectedTab(root)).toContain('Name');

    [...root.querySelectorAll<HTMLElement>('[role="tab"]')].find((t) => t.textContent?.includes('Fulfilment'))!.click();
    await settle();
    expect(selectedTab(root)).toContain('Fulfilment');
    expect(buttonNamed(root, 'Finish and start syncing')).toBeUndefined();
    click(root, 'Save');
    await settle();
    const op = controller.expectOne(ConfigureFulfilmentDocument);
    expect(op.operation.variables).toEqual({ id: active.id, input: { enabled: true, unleashedTimeZone: 'Pacific/Auckland' } });
    op.flush({ data: { configureFulfilment: active } });
    await settle();
    controller.expectNone(FinishIntegrationDocument);

    const router = TestBed.inject(Router);
    expect(router.url).toBe(`/integrations/${active.id}`);
    expect(router.lastSuccessfulNavigation()?.extras.state).toEqual({ justActivated: false });
  });

  it('shows a customer user whose 3PL manages the integrations the read-only note instead of the steps', async () => {
    const managed = setupOf({ customer: { __typename: 'Customer', id: 'c-globex', name: 'Globex', selfManagedIntegrationsAllowed: false, warehouses: [] } });
    const { root } = await openDraft(managed);
    expect(root.querySelector('[data-testid="read-only-note"]')).not.toBeNull();
    expect(root.querySelectorAll('[role="tab"]').length).toBe(0);
  });

  it('says so when the integration was deleted, and offers no steps', async () => {
    const { root } = await openDraft(setupOf({ status: 'DELETED' }));
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('This integration was deleted; set up a new one instead.');
    expect(root.querySelectorAll('[role="tab"]').length).toBe(0);
  });
});
