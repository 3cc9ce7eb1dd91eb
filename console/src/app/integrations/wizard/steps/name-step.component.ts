import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { CreateIntegrationGQL, IntegrationSetupFragment, RenameIntegrationGQL } from '../../../graphql/generated';
import { FormSave } from '../../../shared/form-save';
import { errorText, nameForm } from '../wizard-forms';
import { StepProblemsComponent } from './step-problems.component';
import { fillFrom, whenOpened } from './wizard-step';

/** Where Cancel goes: the integration when reconfiguring, else the customer's integrations. */
export interface CancelTarget {
  link: unknown[];
  query: Record<string, string> | null;
}

/** Step 1: names the integration — creates the draft the first time, renames it afterwards. */
@Component({
  selector: 'cv-name-step',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, StepProblemsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './name-step.component.html',
  styleUrl: './wizard-step.scss',
})
export class NameStepComponent {
  /** null until the draft exists */
  readonly integration = input<IntegrationSetupFragment | null>(null);
  /** the customer a new integration is created for */
  readonly customerId = input<string | null>(null);
  readonly cancel = input.required<CancelTarget>();
  /** whether the stepper shows this step */
  readonly selected = input(false);
  /** the integration as it stands after this step */
  readonly done = output<IntegrationSetupFragment>();

  private readonly createGql = inject(CreateIntegrationGQL);
  private readonly renameGql = inject(RenameIntegrationGQL);

  protected readonly errorText = errorText;
  protected readonly form = nameForm();
  protected readonly save = new FormSave();

  constructor() {
    fillFrom(this.integration, (integration) => this.form.setValue({ name: integration.name }));
    whenOpened(this.selected, () => this.save.clear());
  }

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const name = this.form.getRawValue().name.trim();
    const existing = this.integration();
    if (existing && existing.name === name) return this.done.emit(existing);
    const saved = await this.save.run(this.form, async () => {
      if (existing) {
        const r = await firstValueFrom(this.renameGql.mutate({ variables: { id: existing.id, name } }));
        return r.data?.renameIntegration ?? null;
      }
      const r = await firstValueFrom(this.createGql.mutate({ variables: { input: { customerId: this.customerId()!, name } } }));
      return r.data?.createIntegration ?? null;
    });
    if (saved) this.done.emit(saved);
  }
}
