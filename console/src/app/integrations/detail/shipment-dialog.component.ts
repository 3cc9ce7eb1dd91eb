import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { RetryShipmentGQL, ShipmentRowFragment } from '../../graphql/generated';
import { errorMessage } from '../../shared/api-errors';
import { DateTimePipe } from '../../shared/time';
import { STATE_HINT, STATE_LABEL, stateTone } from './shipment-states';

export interface ShipmentDialogData {
  shipment: ShipmentRowFragment;
  canManage: boolean;
}

/** "What happened to this shipment?": its state, the reason for a problem, both sides' ids, dispatch details. */
@Component({
  selector: 'cv-shipment-dialog',
  imports: [MatDialogModule, MatButtonModule, DateTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let s = shipment();
    <h2 mat-dialog-title>{{ s.unleashedOrderNumber }} · {{ s.unleashedShipmentNumber }}</h2>
    <mat-dialog-content>
      <p class="state">
        <span [class]="'pill tone-' + tone(s.state)">{{ label[s.state] }}</span>
        <span>{{ hint[s.state] }}</span>
      </p>
      @if (s.lastError) {
        <section class="reason" [class.bad]="tone(s.state) === 'bad'" aria-labelledby="reason-title">
          <h3 id="reason-title">Reason</h3>
          <p data-testid="shipment-reason">{{ s.lastError }}</p>
          @if (s.nextAttemptAt) {
            <p class="sub">Next attempt {{ s.nextAttemptAt | dateTime }} (attempt {{ s.attempts }} so far).</p>
          }
          @if (s.attentionAction) {
            <p class="sub" data-testid="shipment-action"><strong>What to do:</strong> {{ s.attentionAction }}</p>
          }
        </section>
      }
      @if (s.drift) {
        <p class="banner warn">{{ s.drift }}</p>
      }
      <dl>
        <dt>CartonCloud reference</dt>
        <dd class="mono">{{ s.customerReference }}</dd>
        <dt>Unleashed warehouse</dt>
        <dd>{{ s.unleashedWarehouseCode ?? '—' }}</dd>
        <dt>CartonCloud sale order</dt>
        <dd class="mono" data-testid="cartoncloud-order-id">{{ s.cartonCloudOrderId ?? 'not created' }}{{ s.cartonCloudStatus ? ' (' + s.cartonCloudStatus + ')' : '' }}</dd>
        <dt>Attempts</dt>
        <dd>{{ s.attempts }}</dd>
        <dt>First seen</dt>
        <dd>{{ s.createdAt | dateTime }}</dd>
        @if (s.dispatchedAt) {
          <dt>Dispatched</dt>
          <dd>{{ s.dispatchedAt | dateTime }}</dd>
          <dt>Carrier and tracking</dt>
          <dd>{{ s.carrier ?? '—' }} · <span class="mono">{{ s.trackingNumber ?? '—' }}</span></dd>
          <dt>Packages</dt>
          <dd>{{ s.packages ?? '—' }}</dd>
        }
        @if (s.fulfilledAt) {
          <dt>Written back to Unleashed</dt>
          <dd data-testid="fulfilled-at">{{ s.fulfilledAt | dateTime }}</dd>
        }
      </dl>
      @if (error()) {
        <p class="banner error" role="alert">{{ error() }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (data.canManage && s.retryable) {
        <button mat-stroked-button type="button" (click)="retry()" [disabled]="busy()">Send again</button>
      }
      <button mat-flat-button type="button" mat-dialog-close cdkFocusInitial>Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    .state {
      display: flex;
      gap: 12px;
      align-items: center;
    }
    .reason {
      padding: 12px 16px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
      h3 {
        margin: 0 0 4px;
        font: var(--mat-sys-title-small);
      }
      p {
        margin: 0;
      }
    }
    .reason.bad {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .sub {
      font: var(--mat-sys-body-small);
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 6px 16px;
      margin: 16px 0 0;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      word-break: break-all;
    }
  `,
})
export class ShipmentDialogComponent {
  protected readonly data = inject<ShipmentDialogData>(MAT_DIALOG_DATA);
  private readonly retryGql = inject(RetryShipmentGQL);
  private readonly ref = inject(MatDialogRef<ShipmentDialogComponent, boolean>);
  protected readonly shipment = signal(this.data.shipment);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly label = STATE_LABEL;
  protected readonly hint = STATE_HINT;
  protected readonly tone = stateTone;

  protected async retry(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const r = await firstValueFrom(this.retryGql.mutate({ variables: { id: this.shipment().id } }));
      if (r.data) this.shipment.set(r.data.retryShipment);
      this.ref.close(true);
    } catch (e) {
      this.error.set(errorMessage(e));
    } finally {
      this.busy.set(false);
    }
  }
}
