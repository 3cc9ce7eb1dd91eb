import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { AlertFormOptionsGQL, AlertSubscriptionRowFragment, AlertSubscriptionsGQL, DeleteAlertSubscriptionGQL, SendTestAlertGQL } from '../graphql/generated';
import { errorMessage } from '../shared/api-errors';
import { READ_ONLY_NOTE } from '../shared/can-manage';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../shared/confirm-dialog.component';
import { PageStateComponent } from '../shared/page-state.component';
import { WatchedQuery } from '../shared/query-state';
import { formatDateTime } from '../shared/time';
import { ViewerStore } from '../shell/viewer.store';
import { AlertDeliveriesComponent } from './alert-deliveries.component';
import { AlertFormComponent } from './alert-form.component';

/**
 * Alerts: who is told when an integration needs a person, and how (e-mail or signed webhook). Admins see
 * every subscription (filter by customer) and may subscribe to all customers; customer users see their
 * own, and change them when their customer manages its own integrations.
 */
@Component({
  selector: 'cv-alerts-page',
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatSelectModule, MatSnackBarModule, PageStateComponent, AlertFormComponent, AlertDeliveriesComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './alerts-page.component.html',
  styleUrl: './alerts-page.component.scss',
})
export class AlertsPageComponent {
  protected readonly store = inject(ViewerStore);
  private readonly deleteSubscription = inject(DeleteAlertSubscriptionGQL);
  private readonly sendTest = inject(SendTestAlertGQL);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly query = new WatchedQuery(inject(AlertSubscriptionsGQL));
  protected readonly options = new WatchedQuery(inject(AlertFormOptionsGQL));
  protected readonly customerFilter = signal<string | null>(null);
  protected readonly busy = signal<Record<string, boolean>>({});
  protected readonly readOnlyNote = READ_ONLY_NOTE.replace('these integrations', 'these integrations and their alerts');

  protected readonly customers = computed(() => [...(this.options.state().data?.customers ?? [])].sort((a, b) => a.name.localeCompare(b.name)));
  protected readonly emailEnabled = computed(() => this.options.state().data?.alertSettings.emailEnabled ?? true);
  protected readonly subscriptions = computed(() => this.query.state().data?.alertSubscriptions ?? []);
  protected readonly canManage = computed(() => this.store.isAdmin() || this.store.viewer()?.customer?.selfManagedIntegrationsAllowed === true);

  constructor() {
    this.query.watch({ customerId: null });
    this.options.watch({});
  }

  protected setFilter(customerId: string | null): void {
    this.customerFilter.set(customerId);
    this.query.watch({ customerId });
  }

  protected scopeLabel(s: AlertSubscriptionRowFragment): string {
    return s.customer?.name ?? 'All customers';
  }

  protected created(): void {
    this.query.refetch();
  }

  protected when(iso: string): string {
    return formatDateTime(iso);
  }

  protected async test(s: AlertSubscriptionRowFragment): Promise<void> {
    await this.run(s.id, async () => {
      await firstValueFrom(this.sendTest.mutate({ variables: { subscriptionId: s.id } }));
      this.snackBar.open(`Test alert queued for ${s.target}`, undefined, { duration: 4000 });
      // the delivery job sends it within seconds: show its outcome
      setTimeout(() => this.query.refetch(), 3000);
    });
    this.query.refetch();
  }

  protected async remove(s: AlertSubscriptionRowFragment): Promise<void> {
    const ref = this.dialog.open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, {
      data: {
        title: 'Delete this alert?',
        body: [`${s.target} will no longer be told about ${s.customer ? `${s.customer.name}'s integrations` : 'any customer'}.`],
        consequences: ['Its delivery history is deleted with it.', s.channel === 'WEBHOOK' ? 'Its signing secret stops working; a new webhook gets a new one.' : 'Nothing else changes.'],
        confirmLabel: 'Delete alert',
        danger: true,
      },
    });
    if (!(await firstValueFrom(ref.afterClosed()))) return;
    await this.run(s.id, async () => {
      await firstValueFrom(this.deleteSubscription.mutate({ variables: { id: s.id } }));
      this.snackBar.open(`Alert to ${s.target} deleted`, undefined, { duration: 3000 });
    });
    this.query.refetch();
  }

  private async run(id: string, action: () => Promise<void>): Promise<void> {
    this.busy.update((b) => ({ ...b, [id]: true }));
    try {
      await action();
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'Dismiss', { duration: 8000 });
    } finally {
      this.busy.update((b) => ({ ...b, [id]: false }));
    }
  }
}
