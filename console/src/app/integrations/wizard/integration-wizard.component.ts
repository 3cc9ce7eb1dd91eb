import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, viewChild } from '@angular/core';
import { Location } from '@angular/common';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { MatStepper, MatStepperModule } from '@angular/material/stepper';
import { StepperSelectionEvent } from '@angular/cdk/stepper';
import { IntegrationSetupFragment, IntegrationSetupGQL, WizardCustomerGQL, WizardCustomerQuery } from '../../graphql/generated';
import { errorMessage } from '../../shared/api-errors';
import { READ_ONLY_NOTE, canManageSignal } from '../../shared/can-manage';
import { PageStateComponent } from '../../shared/page-state.component';
import { ViewerStore } from '../../shell/viewer.store';
import { stepIndexOf, stepSaved } from './wizard-forms';
import { FulfilmentStepComponent } from './steps/fulfilment-step.component';
import { CancelTarget, NameStepComponent } from './steps/name-step.component';
import { OrderCreationStepComponent } from './steps/order-creation-step.component';
import { UnleashedCredentialsStepComponent } from './steps/unleashed-credentials-step.component';

/**
 * The setup wizard's page: loads the draft (or the customer a new one is for), holds the stepper and the
 * integration as it stands, opens the step a draft needs and moves on when a step is done. Each step is its
 * own component under `steps/`. Also reconfigures an active integration (a free stepper instead of a linear one).
 */
@Component({
  selector: 'cv-integration-wizard',
  imports: [
    RouterLink,
    MatStepperModule,
    PageStateComponent,
    NameStepComponent,
    UnleashedCredentialsStepComponent,
    OrderCreationStepComponent,
    FulfilmentStepComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './integration-wizard.component.html',
  styleUrl: './integration-wizard.component.scss',
})
export class IntegrationWizardComponent {
  /** route `:id/setup` */
  readonly id = input<string>();
  /** `?customer=` for a new integration */
  readonly customer = input<string>();

  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly store = inject(ViewerStore);
  private readonly setupQuery = inject(IntegrationSetupGQL);
  private readonly customerQuery = inject(WizardCustomerGQL);
  private readonly stepper = viewChild<MatStepper>('stepper');

  protected readonly readOnlyNote = READ_ONLY_NOTE;

  /** null until step 1 creates the draft (new integration) */
  protected readonly integration = signal<IntegrationSetupFragment | null>(null);
  protected readonly newCustomer = signal<NonNullable<WizardCustomerQuery['customer']> | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  /** the step the stepper shows */
  protected readonly selectedIndex = signal(0);

  protected readonly customerInfo = computed(() => this.integration()?.customer ?? this.newCustomer());
  protected readonly canManage = canManageSignal(() => this.customerInfo()?.selfManagedIntegrationsAllowed);
  protected readonly isActive = computed(() => this.integration()?.status === 'ACTIVE');
  protected readonly isDraft = computed(() => (this.integration()?.status ?? 'DRAFT') === 'DRAFT');
  protected readonly saved = (index: number) => stepSaved(this.integration()?.nextStep ?? null, index);

  /** Cancel and the breadcrumb: back to the integration when reconfiguring, else to the customer's integrations. */
  protected readonly cancel = computed<CancelTarget>(() => {
    const integration = this.integration();
    if (integration && integration.status === 'ACTIVE') return { link: ['/integrations', integration.id], query: null };
    const customerId = this.customerInfo()?.id;
    return { link: ['/integrations'], query: customerId && this.store.isAdmin() ? { customer: customerId } : null };
  });

  constructor() {
    let loaded = false;
    effect(() => {
      const id = this.id();
      const customerId = this.customer();
      if (loaded) return;
      loaded = true;
      void this.load(id, customerId);
    });
  }

  private async load(id: string | undefined, customerId: string | undefined): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      if (id) {
        const result = await firstValueFrom(this.setupQuery.fetch({ variables: { id }, fetchPolicy: 'network-only' }));
        const integration = result.data?.integration ?? null;
        if (!integration) throw new Error('This integration was not found, or you may not see it.');
        if (integration.status === 'DELETED') throw new Error('This integration was deleted; set up a new one instead.');
        this.integration.set(integration);
        const start = integration.status === 'DRAFT' ? stepIndexOf(integration.nextStep) : 0;
        this.loading.set(false);
        // let the stepper render, then open the step the integration needs
        setTimeout(() => this.open(start));
      } else {
        if (!customerId) throw new Error('Pick a customer first (Integrations → customer → New integration).');
        const result = await firstValueFrom(this.customerQuery.fetch({ variables: { id: customerId }, fetchPolicy: 'network-only' }));
        const customer = result.data?.customer ?? null;
        if (!customer) throw new Error('This customer was not found, or you may not see it.');
        this.newCustomer.set(customer);
        this.loading.set(false);
      }
    } catch (error) {
      this.loadError.set(errorMessage(error));
      this.loading.set(false);
    }
  }

  /** Opens step `index`, the earlier ones marked done (a linear stepper only lets you past completed steps). */
  private open(index: number): void {
    const stepper = this.stepper();
    if (!stepper) return;
    for (let i = 0; i < index; i++) stepper.steps.get(i)!.completed = true;
    stepper.selectedIndex = index;
  }

  protected retryLoad(): void {
    void this.load(this.id(), this.customer());
  }

  protected onStepChange(event: StepperSelectionEvent): void {
    this.selectedIndex.set(event.selectedIndex);
  }

  /** Steps 1–3 are done: keep the integration as it now stands and go to the next step. */
  protected next(integration: IntegrationSetupFragment): void {
    const created = this.integration() === null;
    this.integration.set(integration);
    if (created) this.location.replaceState(`/integrations/${integration.id}/setup`);
    const stepper = this.stepper();
    if (!stepper?.selected) return;
    stepper.selected.completed = true;
    stepper.next();
  }

  protected back(): void {
    this.stepper()?.previous();
  }

  /** Step 4 is done: a draft is now active; either way, the integration's page shows what happens next. */
  protected finish(integration: IntegrationSetupFragment): void {
    const justActivated = this.isDraft();
    this.integration.set(integration);
    void this.router.navigate(['/integrations', integration.id], { state: { justActivated } });
  }
}
