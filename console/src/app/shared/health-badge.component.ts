import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { IntegrationHealth, IntegrationStatus } from '../graphql/generated';

interface BadgeLook {
  label: string;
  tone: 'ok' | 'bad' | 'warn' | 'idle';
  hint: string;
}

export function healthLook(health: IntegrationHealth, status: IntegrationStatus): BadgeLook {
  if (status === 'DRAFT') return { label: 'Setup not finished', tone: 'idle', hint: 'Finish the four setup steps to start syncing.' };
  if (status === 'DELETED') return { label: 'Deleted', tone: 'idle', hint: 'Polling and billing have stopped.' };
  switch (health) {
    case 'HEALTHY':
      return { label: 'Healthy', tone: 'ok', hint: 'Polling on schedule; the last run succeeded.' };
    case 'FAILING':
      return { label: 'Failing', tone: 'bad', hint: 'The last order sync failed.' };
    case 'OVERDUE':
      return { label: 'Overdue', tone: 'warn', hint: 'No order sync has run for a while.' };
    case 'CREDENTIALS_REJECTED':
      return { label: 'Credentials rejected', tone: 'bad', hint: 'Unleashed refused the stored API key; polling has stopped until it is replaced.' };
    case 'PAUSED':
      return { label: 'Paused', tone: 'warn', hint: 'Waiting for something that ends by itself (for example the Unleashed API allowance resets on the 1st); it resumes on its own.' };
    case 'NOT_ACTIVE':
      return { label: 'Not active', tone: 'idle', hint: 'The integration is not active.' };
  }
}

/** The health badge: healthy, failing, overdue, paused, credentials rejected (or not active / setup not finished). */
@Component({
  selector: 'cv-health-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="badge" [class]="'badge tone-' + look().tone" [attr.title]="look().hint" data-testid="health-badge"
    ><span class="dot" aria-hidden="true"></span>{{ look().label }}</span
  >`,
  styles: `
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 2px 10px;
      border-radius: 999px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: currentColor;
    }
  `,
})
export class HealthBadgeComponent {
  readonly health = input.required<IntegrationHealth>();
  readonly status = input.required<IntegrationStatus>();
  protected readonly look = computed(() => healthLook(this.health(), this.status()));
}
