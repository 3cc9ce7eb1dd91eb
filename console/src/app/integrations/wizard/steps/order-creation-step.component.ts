import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, output, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { firstValueFrom } from 'rxjs';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { ConfigureOrderCreationGQL, IntegrationSetupFragment, PreviewOrderCreationGQL, UnleashedWarehousesGQL } from '../../../graphql/generated';
import { FormSave } from '../../../shared/form-save';
import { errorMessage } from '../../../shared/api-errors';
import { PageStateComponent } from '../../../shared/page-state.component';
import { errorText, fillOrderCreation, orderCreationForm, skippedCodes, stepSaved, toOrderCreationInput } from '../wizard-forms';
import { OrderPreviewComponent, type PreviewRow } from './order-preview.component';
import { StepProblemsComponent } from './step-problems.component';
import { whenOpened } from './wizard-step';

/**
 * Step 3: how shipments become CartonCloud sale orders — comments, a default warehouse, and a CartonCloud
 * warehouse per Unleashed warehouse. Reads the account's warehouse codes live each time it is opened, and
 * warns about the codes whose shipments would be skipped. "Preview" is a dry run of the settings on screen
 * against the account's newest Placed orders (previewOrderCreation: nothing is sent or saved).
 */
@Component({
  selector: 'cv-order-creation-step',
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatSelectModule, PageStateComponent, StepProblemsComponent, OrderPreviewComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './order-creation-step.component.html',
  styleUrls: ['./wizard-step.scss', './order-creation-step.component.scss'],
})
export class OrderCreationStepComponent {
  readonly integration = input<IntegrationSetupFragment | null>(null);
  /** whether the stepper shows this step */
  readonly selected = input(false);
  /** the integration as it stands after this step */
  readonly done = output<IntegrationSetupFragment>();
  readonly back = output<void>();

  private readonly unleashedWarehousesQuery = inject(UnleashedWarehousesGQL);
  private readonly orderGql = inject(ConfigureOrderCreationGQL);
  private readonly previewGql = inject(PreviewOrderCreationGQL);

  protected readonly errorText = errorText;
  protected readonly form = orderCreationForm();
  protected readonly save = new FormSave();
  protected readonly warehousesLoading = signal(false);
  protected readonly warehousesError = signal<string | null>(null);
  private readonly value = signal<ReturnType<typeof orderCreationForm>['value']>({});
  /** the dry run's rows for the settings they were asked with; cleared when the settings change */
  protected readonly preview = signal<PreviewRow[] | null>(null);
  protected readonly previewing = signal(false);
  protected readonly previewError = signal<string | null>(null);

  protected readonly customer = computed(() => this.integration()?.customer ?? null);
  /** the CartonCloud warehouses the customer may use */
  protected readonly warehouses = computed(() => [...(this.customer()?.warehouses ?? [])].sort((a, b) => a.name.localeCompare(b.name)));
  protected readonly skipped = computed(() => skippedCodes(this.value()));

  constructor() {
    const sub = this.form.valueChanges.subscribe(() => {
      this.value.set(this.form.getRawValue());
      this.preview.set(null); // it described other settings
    });
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
    whenOpened(this.selected, () => {
      this.save.clear();
      void this.loadUnleashedWarehouses();
    });
  }

  protected async loadUnleashedWarehouses(): Promise<void> {
    const integration = this.integration();
    if (!integration || !stepSaved(integration.nextStep, 1)) return;
    this.warehousesLoading.set(true);
    this.warehousesError.set(null);
    try {
      const r = await firstValueFrom(this.unleashedWarehousesQuery.fetch({ variables: { integrationId: integration.id }, fetchPolicy: 'network-only' }));
      const list = [...(r.data?.unleashedWarehouses ?? [])].sort((a, b) => a.code.localeCompare(b.code));
      fillOrderCreation(this.form, this.integration()!, list);
      this.value.set(this.form.getRawValue());
    } catch (error) {
      this.warehousesError.set(errorMessage(error));
    } finally {
      this.warehousesLoading.set(false);
    }
  }

  protected warehouseName(id: string | null | undefined): string {
    return this.warehouses().find((w) => w.id === id)?.name ?? '';
  }

  /** The dry run: what the newest Placed orders would become with the settings on screen. */
  protected async runPreview(): Promise<void> {
    const integration = this.integration();
    if (!integration) return;
    this.previewing.set(true);
    this.previewError.set(null);
    try {
      const r = await firstValueFrom(this.previewGql.fetch({ variables: { integrationId: integration.id, input: toOrderCreationInput(this.form) }, fetchPolicy: 'network-only' }));
      this.preview.set(r.data?.previewOrderCreation ?? []);
    } catch (error) {
      this.preview.set(null);
      this.previewError.set(errorMessage(error));
    } finally {
      this.previewing.set(false);
    }
  }

  protected async submit(): Promise<void> {
    const id = this.integration()!.id;
    const saved = await this.save.run(this.form, async () => {
      const r = await firstValueFrom(this.orderGql.mutate({ variables: { id, input: toOrderCreationInput(this.form) } }));
      return r.data?.configureOrderCreation ?? null;
    });
    if (saved) this.done.emit(saved);
  }
}
