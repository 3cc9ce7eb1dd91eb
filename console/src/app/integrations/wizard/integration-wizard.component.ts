import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, viewChild } from '@angular/core';
import { Location, NgTemplateOutlet } from '@angular/common';
import { ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatStepper, MatStepperModule } from '@angular/material/stepper';
import { StepperSelectionEvent } from '@angular/cdk/stepper';
import {
  ConfigureAuthenticationGQL,
  ConfigureFulfilmentGQL,
  ConfigureOrderCreationGQL,
  CreateIntegrationGQL,
  FinishIntegrationGQL,
  IntegrationSetupFragment,
  IntegrationSetupGQL,
  RenameIntegrationGQL,
  UnleashedWarehousesGQL,
  WizardCustomerGQL,
} from '../../graphql/generated';
import { ApiProblem, applyServerErrors, errorMessage, problemsOf } from '../../shared/api-errors';
import { READ_ONLY_NOTE } from '../../shared/can-manage';
import { PageStateComponent } from '../../shared/page-state.component';
import { ViewerStore } from '../../shell/viewer.store';
import {
  authenticationForm,
  errorText,
  fillOrderCreation,
  fulfilmentForm,
  TIME_ZONES,
  nameForm,
  orderCreationForm,
  skippedCodes,
  stepIndexOf,
  stepSaved,
  toOrderCreationInput,
} from './wizard-forms';

export const CREDENTIALS_REJECTED = 'Unleashed rejected these credentials.';

/** The four setup steps (name, Unleashed authentication, order creation, fulfilment); also reconfigures an active integration. */
@Component({
  selector: 'cv-integration-wizard',
  imports: [
    ReactiveFormsModule,
    NgTemplateOutlet,
    RouterLink,
    MatStepperModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatCheckboxModule,
    MatProgressBarModule,
    PageStateComponent,
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
  private readonly unleashedWarehousesQuery = inject(UnleashedWarehousesGQL);
  private readonly createGql = inject(CreateIntegrationGQL);
  private readonly renameGql = inject(RenameIntegrationGQL);
  private readonly authGql = inject(ConfigureAuthenticationGQL);
  private readonly orderGql = inject(ConfigureOrderCreationGQL);
  private readonly fulfilmentGql = inject(ConfigureFulfilmentGQL);
  private readonly finishGql = inject(FinishIntegrationGQL);
  private readonly stepper = viewChild<MatStepper>('stepper');

  protected readonly errorText = errorText;
  protected readonly readOnlyNote = READ_ONLY_NOTE;
  protected readonly CREDENTIALS_REJECTED = CREDENTIALS_REJECTED;

  protected readonly integration = signal<IntegrationSetupFragment | null>(null);
  protected readonly newCustomer = signal<{ id: string; name: string; selfManagedIntegrationsAllowed: boolean; warehouses: { id: string; name: string }[] } | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal(false);
  /** problems of the current step that belong to no input */
  protected readonly problems = signal<ApiProblem[]>([]);
  protected readonly credentialsRejected = signal(false);

  protected readonly warehousesLoading = signal(false);
  protected readonly warehousesError = signal<string | null>(null);
  private readonly step3Value = signal<ReturnType<typeof orderCreationForm>['value']>({});

  protected readonly nameForm = nameForm();
  protected readonly authForm = authenticationForm();
  protected readonly orderForm = orderCreationForm();
  protected readonly fulfilmentForm = fulfilmentForm();
  protected readonly timeZones = TIME_ZONES;

  protected readonly customerInfo = computed(() => this.integration()?.customer ?? this.newCustomer());
  protected readonly warehouses = computed(() => [...(this.customerInfo()?.warehouses ?? [])].sort((a, b) => a.name.localeCompare(b.name)));
  protected readonly canManage = computed(() => this.store.isAdmin() || this.customerInfo()?.selfManagedIntegrationsAllowed === true);
  protected readonly nextStep = computed(() => this.integration()?.nextStep ?? null);
  protected readonly isDraft = computed(() => (this.integration()?.status ?? 'DRAFT') === 'DRAFT');
  protected readonly saved = (index: number) => stepSaved(this.nextStep(), index);
  protected readonly skipped = computed(() => skippedCodes(this.step3Value()));
  protected readonly authConfigured = computed(() => this.saved(1));

  constructor() {
    const destroyRef = inject(DestroyRef);
    const sub = this.orderForm.valueChanges.subscribe(() => this.step3Value.set(this.orderForm.getRawValue()));
    destroyRef.onDestroy(() => sub.unsubscribe());
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
        this.adopt(integration);
        this.nameForm.setValue({ name: integration.name });
        this.authForm.controls.apiId.setValue(integration.unleashedApiId ?? '');
        this.fulfilmentForm.setValue({ enabled: integration.fulfilmentEnabled || integration.nextStep !== 'COMPLETE', unleashedTimeZone: integration.unleashedTimeZone });
        const start = integration.status === 'DRAFT' ? stepIndexOf(integration.nextStep) : 0;
        this.loading.set(false);
        // let the stepper render, then open the step the integration needs
        setTimeout(() => {
          const stepper = this.stepper();
          if (!stepper) return;
          for (let i = 0; i < start; i++) stepper.steps.get(i)!.completed = true;
          stepper.selectedIndex = start;
          if (start === 2) void this.loadUnleashedWarehouses();
        });
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

  private adopt(integration: IntegrationSetupFragment): void {
    this.integration.set(integration);
  }

  protected retryLoad(): void {
    void this.load(this.id(), this.customer());
  }

  protected onStepChange(event: StepperSelectionEvent): void {
    this.problems.set([]);
    this.credentialsRejected.set(false);
    if (event.selectedIndex === 2) void this.loadUnleashedWarehouses();
  }

  /** Runs one step's mutation: field errors go next to their inputs, the rest into the step's banner. */
  private async run<T>(form: Parameters<typeof applyServerErrors>[0] | null, mutation: () => Promise<T>): Promise<T | null> {
    this.busy.set(true);
    this.problems.set([]);
    this.credentialsRejected.set(false);
    try {
      return await mutation();
    } catch (error) {
      if (problemsOf(error).some((p) => p.code === 'UNLEASHED_AUTH_FAILED')) {
        this.credentialsRejected.set(true);
        return null;
      }
      this.problems.set(form ? applyServerErrors(form, error) : problemsOf(error));
      return null;
    } finally {
      this.busy.set(false);
    }
  }

  private advance(): void {
    const stepper = this.stepper();
    if (!stepper?.selected) return;
    stepper.selected.completed = true;
    stepper.next();
  }

  protected async saveName(): Promise<void> {
    this.nameForm.markAllAsTouched();
    if (this.nameForm.invalid) return;
    const name = this.nameForm.getRawValue().name.trim();
    const existing = this.integration();
    if (existing && existing.name === name) return this.advance();
    const saved = await this.run(this.nameForm, async () => {
      if (existing) {
        const r = await firstValueFrom(this.renameGql.mutate({ variables: { id: existing.id, name } }));
        return r.data?.renameIntegration ?? null;
      }
      const r = await firstValueFrom(this.createGql.mutate({ variables: { input: { customerId: this.newCustomer()!.id, name } } }));
      return r.data?.createIntegration ?? null;
    });
    if (!saved) return;
    this.adopt(saved);
    if (!existing) this.location.replaceState(`/integrations/${saved.id}/setup`);
    this.advance();
  }

  protected async saveAuthentication(): Promise<void> {
    this.authForm.markAllAsTouched();
    if (this.authForm.invalid) return;
    const { apiId, apiKey } = this.authForm.getRawValue();
    const id = this.integration()!.id;
    const saved = await this.run(this.authForm, async () => {
      const r = await firstValueFrom(this.authGql.mutate({ variables: { id, input: { apiId: apiId.trim(), apiKey: apiKey.trim() } } }));
      return r.data?.configureAuthentication ?? null;
    });
    if (!saved) return;
    this.adopt(saved);
    this.authForm.controls.apiKey.reset('');
    this.advance();
  }

  /** Reconfiguring: the stored key stays (it is write-only, so it cannot be shown). */
  protected keepCredentials(): void {
    this.advance();
  }

  protected async loadUnleashedWarehouses(): Promise<void> {
    const integration = this.integration();
    if (!integration || !this.saved(1)) return;
    this.warehousesLoading.set(true);
    this.warehousesError.set(null);
    try {
      const r = await firstValueFrom(this.unleashedWarehousesQuery.fetch({ variables: { integrationId: integration.id }, fetchPolicy: 'network-only' }));
      const list = [...(r.data?.unleashedWarehouses ?? [])].sort((a, b) => a.code.localeCompare(b.code));
      fillOrderCreation(this.orderForm, this.integration()!, list);
      this.step3Value.set(this.orderForm.getRawValue());
    } catch (error) {
      this.warehousesError.set(errorMessage(error));
    } finally {
      this.warehousesLoading.set(false);
    }
  }

  protected warehouseName(id: string | null | undefined): string {
    return this.warehouses().find((w) => w.id === id)?.name ?? '';
  }

  protected async saveOrderCreation(): Promise<void> {
    const id = this.integration()!.id;
    const saved = await this.run(this.orderForm, async () => {
      const r = await firstValueFrom(this.orderGql.mutate({ variables: { id, input: toOrderCreationInput(this.orderForm) } }));
      return r.data?.configureOrderCreation ?? null;
    });
    if (!saved) return;
    this.adopt(saved);
    this.advance();
  }

  protected async saveFulfilment(): Promise<void> {
    const id = this.integration()!.id;
    const wasDraft = this.isDraft();
    const saved = await this.run(this.fulfilmentForm, async () => {
      const r = await firstValueFrom(this.fulfilmentGql.mutate({ variables: { id, input: { enabled: this.fulfilmentForm.getRawValue().enabled, unleashedTimeZone: this.fulfilmentForm.getRawValue().unleashedTimeZone.trim() } } }));
      const configured = r.data?.configureFulfilment ?? null;
      if (!configured || !wasDraft) return configured;
      const f = await firstValueFrom(this.finishGql.mutate({ variables: { id } }));
      return f.data?.finishIntegration ?? null;
    });
    if (!saved) return;
    this.adopt(saved);
    void this.router.navigate(['/integrations', id], { state: { justActivated: wasDraft } });
  }

  protected cancelLink(): unknown[] {
    const integration = this.integration();
    if (integration && integration.status === 'ACTIVE') return ['/integrations', integration.id];
    return ['/integrations'];
  }

  protected cancelQuery(): Record<string, string> | null {
    const integration = this.integration();
    if (integration && integration.status === 'ACTIVE') return null;
    const customerId = this.customerInfo()?.id;
    return customerId && this.store.isAdmin() ? { customer: customerId } : null;
  }
}
