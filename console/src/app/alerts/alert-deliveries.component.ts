import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { AlertDeliveryRowFragment } from '../graphql/generated';
import { formatDateTime } from '../shared/time';

const TONES: Record<string, string> = { DELIVERED: 'tone-ok', FAILED: 'tone-bad', PENDING: 'tone-warn' };

/** A subscription's recent deliveries: what, when, how it went (status, attempts, last answer). */
@Component({
  selector: 'cv-alert-deliveries',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (deliveries().length) {
      <table class="table deliveries">
        <caption class="visually-hidden">Recent deliveries to {{ target() }}</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col" class="num">Attempts</th>
            <th scope="col">Last answer</th>
            <th scope="col">Created</th>
            <th scope="col">Delivered</th>
          </tr>
        </thead>
        <tbody>
          @for (d of deliveries(); track d.id) {
            <tr [attr.data-testid]="'delivery-' + d.id" [attr.data-status]="d.status">
              <td class="mono">{{ d.type }}</td>
              <td><span class="pill" [class]="tone(d.status)">{{ label(d.status) }}</span></td>
              <td class="num">{{ d.attempts }}</td>
              <td>
                @if (d.lastError) {
                  <span class="error">{{ d.lastStatusCode ? d.lastStatusCode + ' · ' : '' }}{{ d.lastError }}</span>
                  @if (d.status === 'PENDING' && d.nextAttemptAt) {
                    <span class="next">Next try {{ when(d.nextAttemptAt) }}</span>
                  }
                } @else {
                  {{ d.lastStatusCode ?? '—' }}
                }
              </td>
              <td>{{ when(d.createdAt) }}</td>
              <td>{{ when(d.deliveredAt) }}</td>
            </tr>
          }
        </tbody>
      </table>
    } @else {
      <p class="none">Nothing sent yet. Use “Send test alert” to check it works.</p>
    }
  `,
  styles: `
    .deliveries { margin-top: 8px; }
    .error { color: var(--mat-sys-error); overflow-wrap: anywhere; }
    .next { display: block; color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
    .none { color: var(--mat-sys-on-surface-variant); margin: 8px 0 0; }
  `,
})
export class AlertDeliveriesComponent {
  readonly deliveries = input.required<readonly AlertDeliveryRowFragment[]>();
  readonly target = input('');

  protected tone(status: string): string {
    return `pill ${TONES[status] ?? 'tone-idle'}`;
  }

  protected label(status: string): string {
    return status === 'PENDING' ? 'Sending' : status === 'DELIVERED' ? 'Delivered' : 'Failed';
  }

  protected when(iso: string | null | undefined): string {
    return formatDateTime(iso);
  }
}
