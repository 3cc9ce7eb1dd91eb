import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';
import { AlertSubscriptionRowFragment, CreateAlertSubscriptionGQL } from '../graphql/generated';
import { applyServerErrors } from '../shared/api-errors';
import { AlertChannelValue, targetValidator } from './alert-form';

/** "All customers" in the customer select (sent as customerId null). */
const ALL = '';

/**
 * Creates an alert subscription: e-mail or webhook, for one customer (admins: or every customer). For a
 * webhook, the signing secret is shown once, with a copy button and a plain warning.
 */
@Component({
  selector: 'cv-alert-form',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatRadioModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './alert-form.component.html',
  styleUrl: './alert-form.component.scss',
})
export class AlertFormComponent {
  private readonly createSubscription = inject(CreateAlertSubscriptionGQL);
  /** admins pick the customer (or all); customer users subscribe their own (`fixedCustomerId`) */
  readonly customers = input<readonly { id: string; name: string }[]>([]);
  readonly isAdmin = input(false);
  readonly fixedCustomerId = input<string | null>(null);
  readonly emailEnabled = input(true);
  readonly created = output<AlertSubscriptionRowFragment>();

  protected readonly saving = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly secret = signal<string | null>(null);
  protected readonly copied = signal(false);
  protected readonly all = ALL;
  private readonly formDirective = viewChild.required(FormGroupDirective);

  private readonly channelControl = new FormControl<AlertChannelValue>('EMAIL', { nonNullable: true });
  protected readonly form = new FormGroup({
    channel: this.channelControl,
    customerId: new FormControl<string>(ALL, { nonNullable: true }),
    target: new FormControl('', { nonNullable: true, validators: [targetValidator(() => this.channelControl.value)] }),
  });
  private readonly channel = signal<AlertChannelValue>('EMAIL');
  protected readonly targetLabel = computed(() => (this.channel() === 'EMAIL' ? 'E-mail address' : 'Webhook URL'));
  protected readonly targetHint = computed(() =>
    this.channel() === 'EMAIL' ? 'Who is told, e.g. the person or team who looks after the integrations.' : 'Your https:// endpoint. Each request is signed (Standard Webhooks).',
  );

  constructor() {
    this.form.controls.channel.valueChanges.subscribe((channel) => {
      this.channel.set(channel);
      this.form.controls.target.updateValueAndValidity();
    });
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const { channel, customerId, target } = this.form.getRawValue();
    const scope = this.isAdmin() ? customerId || null : this.fixedCustomerId();
    this.saving.set(true);
    this.problem.set(null);
    try {
      const result = await firstValueFrom(this.createSubscription.mutate({ variables: { input: { customerId: scope, channel, target: target.trim() } } }));
      const created = result.data?.createAlertSubscription;
      if (!created) return;
      this.secret.set(created.signingSecret ?? null);
      this.copied.set(false);
      // a fresh form for the next one (no "required" error on the emptied field)
      this.formDirective().resetForm({ channel, customerId, target: '' });
      this.created.emit(created.subscription);
    } catch (error) {
      const unplaced = applyServerErrors(this.form, error);
      this.problem.set(unplaced.length ? unplaced.map((p) => p.message).join(' ') : null);
    } finally {
      this.saving.set(false);
    }
  }

  protected async copySecret(): Promise<void> {
    const secret = this.secret();
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      this.copied.set(true);
    } catch {
      this.problem.set('Copying was not allowed by the browser: select the secret and copy it by hand.');
    }
  }

  protected dismissSecret(): void {
    this.secret.set(null);
  }
}
