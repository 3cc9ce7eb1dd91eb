import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { firstValueFrom } from 'rxjs';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { ConfigureFulfilmentGQL, FinishIntegrationGQL, IntegrationSetupFragment } from '../../../graphql/generated';
import { FormSave } from '../../../shared/form-save';
import { TIME_ZONES, errorText, fulfilmentForm } from '../wizard-forms';
import { StepProblemsComponent } from './step-problems.component';
import { fillFrom, whenOpened } from './wizard-step';

/**
 * Step 4: whether dispatches are written back to Unleashed, and the account's time zone for the dispatch
 * date; says why fulfilment may not be available. For a draft it also finishes (activates) the integration.
 */
@Component({
  selector: 'cv-fulfilment-step',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSlideToggleModule, StepProblemsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './fulfilment-step.component.html',
  styleUrls: ['./wizard-step.scss', './fulfilment-step.component.scss'],
})
export class FulfilmentStepComponent {
  readonly integration = input<IntegrationSetupFragment | null>(null);
  /** whether the stepper shows this step */
  readonly selected = input(false);
  /** the integration after this step: active when it was a draft */
  readonly done = output<IntegrationSetupFragment>();
  readonly back = output<void>();

  private readonly fulfilmentGql = inject(ConfigureFulfilmentGQL);
  private readonly finishGql = inject(FinishIntegrationGQL);

  protected readonly errorText = errorText;
  protected readonly timeZones = TIME_ZONES;
  protected readonly form = fulfilmentForm();
  protected readonly save = new FormSave();
  protected readonly isDraft = computed(() => (this.integration()?.status ?? 'DRAFT') === 'DRAFT');

  constructor() {
    // on by default until the integration is complete; then as saved
    fillFrom(this.integration, (integration) =>
      this.form.setValue({ enabled: integration.fulfilmentEnabled || integration.nextStep !== 'COMPLETE', unleashedTimeZone: integration.unleashedTimeZone }),
    );
    whenOpened(this.selected, () => this.save.clear());
  }

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const id = this.integration()!.id;
    const finish = this.isDraft();
    const { enabled, unleashedTimeZone } = this.form.getRawValue();
    const saved = await this.save.run(this.form, async () => {
      const r = await firstValueFrom(this.fulfilmentGql.mutate({ variables: { id, input: { enabled, unleashedTimeZone: unleashedTimeZone.trim() } } }));
      const configured = r.data?.configureFulfilment ?? null;
      if (!configured || !finish) return configured;
      const f = await firstValueFrom(this.finishGql.mutate({ variables: { id } }));
      return f.data?.finishIntegration ?? null;
    });
    if (saved) this.done.emit(saved);
  }
}
