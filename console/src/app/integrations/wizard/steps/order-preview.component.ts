import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { PreviewOrderCreationQuery } from '../../../graphql/generated';

export type PreviewRow = PreviewOrderCreationQuery['previewOrderCreation'][number];

/** What each outcome of the dry run looks like. */
const OUTCOME: Record<string, { label: string; tone: 'ok' | 'bad' | 'warn' | 'idle' }> = {
  CREATE: { label: 'Would be created', tone: 'ok' },
  SKIP: { label: 'Skipped', tone: 'warn' },
  REJECT: { label: 'Would be rejected', tone: 'bad' },
  AWAITING_SHIPMENT: { label: 'Waits for a shipment', tone: 'idle' },
  ALREADY_SENT: { label: 'Already sent', tone: 'idle' },
};

/** The dry run's answer in step 3: one row per current Placed order's shipment, what would happen, and why. */
@Component({
  selector: 'cv-order-preview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="summary" role="status" data-testid="preview-summary">{{ summary() }}</p>
    @if (rows().length) {
      <table class="table" aria-label="What would happen to the newest Placed orders">
        <thead>
          <tr>
            <th scope="col">Order · shipment</th>
            <th scope="col">Unleashed warehouse</th>
            <th scope="col">CartonCloud warehouse</th>
            <th scope="col">What would happen</th>
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.customerReference) {
            <tr [attr.data-testid]="'preview-' + row.orderNumber" [attr.data-outcome]="row.outcome">
              <td class="mono which">{{ row.orderNumber }}{{ row.shipmentNumber ? ' · ' + row.shipmentNumber : '' }}</td>
              <td class="mono">{{ row.unleashedWarehouseCode ?? '—' }}</td>
              <td>{{ row.warehouse?.name ?? '—' }}</td>
              <td>
                <span [class]="'pill tone-' + look(row.outcome).tone">{{ look(row.outcome).label }}</span>
                @if (row.reason) {
                  <p class="reason">{{ row.reason }}</p>
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
  styles: `
    .summary {
      margin: 8px 0;
    }
    .which {
      white-space: nowrap;
    }
    .reason {
      margin: 6px 0 0;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class OrderPreviewComponent {
  readonly rows = input.required<PreviewRow[]>();

  protected readonly summary = computed(() => {
    const rows = this.rows();
    if (!rows.length) return 'The Unleashed account has no Placed orders right now, so there is nothing to preview. Nothing was sent or saved.';
    const count = (outcome: string) => rows.filter((r) => r.outcome === outcome).length;
    const parts = [
      `${count('CREATE')} would be created`,
      count('REJECT') ? `${count('REJECT')} rejected for unknown products` : '',
      count('SKIP') ? `${count('SKIP')} skipped` : '',
      count('AWAITING_SHIPMENT') ? `${count('AWAITING_SHIPMENT')} waiting for a shipment` : '',
      count('ALREADY_SENT') ? `${count('ALREADY_SENT')} already sent` : '',
    ].filter(Boolean);
    return `Dry run of the ${rows.length} newest Placed order shipments with these settings: ${parts.join(', ')}. Nothing was sent or saved.`;
  });

  protected look(outcome: string) {
    return OUTCOME[outcome] ?? { label: outcome, tone: 'idle' as const };
  }
}
