import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { CreateIntegrationDocument, IntegrationSetupFragment, RenameIntegrationDocument } from '../../../graphql/generated';
import { click, formField, settle, typeInto } from '../../../../testing/dom';
import { setupOf } from '../../../../testing/setup-wizard.fixtures';
import { NameStepComponent } from './name-step.component';

describe('NameStepComponent (step 1)', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule, NameStepComponent],
      providers: [provideZonelessChangeDetection(), provideRouter([])],
    });
  });

  afterEach(() => TestBed.inject(ApolloTestingController).verify());

  async function render(integration: IntegrationSetupFragment | null) {
    const fixture = TestBed.createComponent(NameStepComponent);
    fixture.componentRef.setInput('integration', integration);
    fixture.componentRef.setInput('customerId', 'c-acme');
    fixture.componentRef.setInput('cancel', { link: ['/integrations'], query: { customer: 'c-acme' } });
    fixture.componentRef.setInput('selected', true);
    const done: IntegrationSetupFragment[] = [];
    fixture.componentInstance.done.subscribe((i) => done.push(i));
    await settle(fixture);
    return { root: fixture.nativeElement as HTMLElement, controller: TestBed.inject(ApolloTestingController), done, settle: () => settle(fixture) };
  }

  it('asks for a name before creating anything, then creates the draft for the customer with the name trimmed', async () => {
    const { root, controller, done, settle } = await render(null);
    expect(root.querySelector('a')?.getAttribute('href')).toBe('/integrations?customer=c-acme');
    click(root, 'Create and continue');
    await settle();
    controller.expectNone(CreateIntegrationDocument);
    expect(formField(root, 'Integration name').querySelector('mat-error')?.textContent?.trim()).toBe('The name is required.');

    typeInto(root, 'Integration name', '  Unleashed NZ store  ');
    click(root, 'Create and continue');
    await settle();
    const op = controller.expectOne(CreateIntegrationDocument);
    expect(op.operation.variables).toEqual({ input: { customerId: 'c-acme', name: 'Unleashed NZ store' } });
    const created = setupOf();
    op.flush({ data: { createIntegration: created } });
    await settle();
    expect(done).toEqual([created]);
  });

  it("shows the server's field error under the name and stays, and other problems in the step's banner", async () => {
    const { root, controller, done, settle } = await render(null);
    typeInto(root, 'Integration name', 'Taken');
    click(root, 'Create and continue');
    await settle();
    controller.expectOne(CreateIntegrationDocument).graphqlErrors([{ message: 'This customer already has an integration called "Taken".', extensions: { code: 'BAD_USER_INPUT', field: 'input.name' } }]);
    await settle();
    expect(formField(root, 'Integration name').querySelector('mat-error')?.textContent?.trim()).toBe('This customer already has an integration called "Taken".');
    expect(root.querySelector('[data-testid="step-problems"]')).toBeNull();

    typeInto(root, 'Integration name', 'Another name');
    click(root, 'Create and continue');
    await settle();
    controller.expectOne(CreateIntegrationDocument).graphqlErrors([{ message: 'You can only manage the integrations of your own organisation.', extensions: { code: 'FORBIDDEN' } }]);
    await settle();
    expect(root.querySelector('[data-testid="step-problems"]')?.textContent).toContain('You can only manage the integrations of your own organisation.');
    expect(done).toEqual([]);
  });

  it('renames an existing draft, and moves on without a request when the name is unchanged', async () => {
    const draft = setupOf();
    const { root, controller, done, settle } = await render(draft);
    expect((formField(root, 'Integration name').querySelector('input') as HTMLInputElement).value).toBe('Unleashed NZ store');
    click(root, 'Save and continue');
    await settle();
    controller.expectNone(RenameIntegrationDocument);
    expect(done).toEqual([draft]);

    typeInto(root, 'Integration name', 'Unleashed AU store');
    click(root, 'Save and continue');
    await settle();
    const op = controller.expectOne(RenameIntegrationDocument);
    expect(op.operation.variables).toEqual({ id: draft.id, name: 'Unleashed AU store' });
    const renamed = setupOf({ name: 'Unleashed AU store' });
    op.flush({ data: { renameIntegration: renamed } });
    await settle();
    expect(done).toEqual([draft, renamed]);
  });
});
