import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { Subscription } from 'rxjs';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { CustomerIntegrationsGQL, CustomerIntegrationUpdatedGQL, CustomerPickerGQL, IntegrationSummaryFragment } from '../../graphql/generated';
import { READ_ONLY_NOTE, canManageSignal } from '../../shared/can-manage';
import { HealthBadgeComponent } from '../../shared/health-badge.component';
import { PageStateComponent } from '../../shared/page-state.component';
import { WatchedQuery } from '../../shared/query-state';
import { DateTimePipe, NowService, TimeAgoPipe } from '../../shared/time';
import { ViewerStore } from '../../shell/viewer.store';

const STEP_LABEL: Record<string, string> = {
  INITIAL: 'Step 1 of 4: name',
  AUTHENTICATION: 'Step 2 of 4: connect Unleashed',
  ORDER_CREATION: 'Step 3 of 4: order creation',
  FULFILMENT: 'Step 4 of 4: fulfilment',
  COMPLETE: 'Ready to finish',
};

/** Integrations of one customer: admins pick the customer, customer users see their own. */
@Component({
  selector: 'cv-integrations-page',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatSelectModule, HealthBadgeComponent, PageStateComponent, DateTimePipe, TimeAgoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './integrations-page.component.html',
  styleUrl: './integrations-page.component.scss',
})
export class IntegrationsPageComponent {
  /** `?customer=` (admins) */
  readonly customer = input<string>();
  protected readonly store = inject(ViewerStore);
  protected readonly now = inject(NowService).now;
  private readonly router = inject(Router);
  private readonly updates = inject(CustomerIntegrationUpdatedGQL);
  protected readonly picker = new WatchedQuery(inject(CustomerPickerGQL));
  protected readonly list = new WatchedQuery(inject(CustomerIntegrationsGQL));
  protected readonly readOnlyNote = READ_ONLY_NOTE;
  private liveUpdates: Subscription | null = null;

  /** The customer whose integrations are shown. */
  protected readonly customerId = computed(() => {
    const viewer = this.store.viewer();
    if (!viewer) return null;
    return viewer.isAdmin ? (this.customer() ?? null) : (viewer.customer?.id ?? null);
  });
  protected readonly customers = computed(() => [...(this.picker.state().data?.customers ?? [])].sort((a, b) => a.name.localeCompare(b.name)));
  protected readonly shown = computed(() => this.list.state().data?.customer ?? null);
  protected readonly canManage = canManageSignal(() => this.shown()?.selfManagedIntegrationsAllowed);
  protected readonly integrations = computed(() => [...(this.shown()?.integrations ?? [])].sort((a, b) => a.name.localeCompare(b.name)));

  constructor() {
    let pickerWatched = false;
    effect(() => {
      if (this.store.isAdmin() && !pickerWatched) {
        pickerWatched = true;
        this.picker.watch({});
      }
    });
    effect(() => {
      const id = this.customerId();
      this.liveUpdates?.unsubscribe();
      if (!id) return;
      this.list.watch({ customerId: id });
      // a new, changed or deleted integration of this customer: ask again (new ones are not in the cached list)
      this.liveUpdates = this.updates.subscribe({ variables: { customerId: id } }).subscribe(() => this.list.refetch());
    });
    inject(DestroyRef).onDestroy(() => this.liveUpdates?.unsubscribe());
  }

  protected pick(customerId: string): void {
    void this.router.navigate([], { queryParams: { customer: customerId } });
  }

  protected stepLabel(integration: IntegrationSummaryFragment): string {
    return STEP_LABEL[integration.nextStep] ?? '';
  }
}
