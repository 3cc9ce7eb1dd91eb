import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { firstValueFrom } from 'rxjs';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ConfigureAuthenticationGQL, IntegrationSetupFragment } from '../../../graphql/generated';
import { FormSave } from '../../../shared/form-save';
import { authenticationForm, errorText, stepSaved } from '../wizard-forms';
import { StepProblemsComponent } from './step-problems.component';
import { fillFrom, whenOpened } from './wizard-step';

export const CREDENTIALS_REJECTED = 'Unleashed rejected these credentials.';

/**
 * Step 2: the Unleashed API ID and key, checked live by the server before they are saved. When
 * reconfiguring, the saved key (write-only, never shown) can be kept.
 */
@Component({
  selector: 'cv-unleashed-credentials-step',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, StepProblemsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './unleashed-credentials-step.component.html',
  styleUrl: './wizard-step.scss',
})
export class UnleashedCredentialsStepComponent {
  readonly integration = input<IntegrationSetupFragment | null>(null);
  /** whether the stepper shows this step */
  readonly selected = input(false);
  /** the integration as it stands after this step */
  readonly done = output<IntegrationSetupFragment>();
  readonly back = output<void>();

  private readonly authGql = inject(ConfigureAuthenticationGQL);

  protected readonly errorText = errorText;
  protected readonly CREDENTIALS_REJECTED = CREDENTIALS_REJECTED;
  protected readonly form = authenticationForm();
  protected readonly save = new FormSave();
  protected readonly credentialsRejected = signal(false);
  /** credentials are saved already (reconfiguring, or coming back to this step) */
  protected readonly configured = computed(() => stepSaved(this.integration()?.nextStep ?? null, 1));

  constructor() {
    fillFrom(this.integration, (integration) => this.form.controls.apiId.setValue(integration.unleashedApiId ?? ''));
    whenOpened(this.selected, () => {
      this.save.clear();
      this.credentialsRejected.set(false);
    });
  }

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const { apiId, apiKey } = this.form.getRawValue();
    const id = this.integration()!.id;
    this.credentialsRejected.set(false);
    const saved = await this.save.run(
      this.form,
      async () => {
        const r = await firstValueFrom(this.authGql.mutate({ variables: { id, input: { apiId: apiId.trim(), apiKey: apiKey.trim() } } }));
        return r.data?.configureAuthentication ?? null;
      },
      (problems) => {
        const rejected = problems.some((p) => p.code === 'UNLEASHED_AUTH_FAILED');
        this.credentialsRejected.set(rejected);
        return rejected;
      },
    );
    if (!saved) return;
    this.form.controls.apiKey.reset('');
    this.done.emit(saved);
  }

  /** Reconfiguring: the stored key stays (it is write-only, so it cannot be shown). */
  protected keep(): void {
    this.done.emit(this.integration()!);
  }
}
