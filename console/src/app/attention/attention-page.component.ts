import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { AttentionCode, AttentionFiltersGQL, AttentionItemFragment, NeedsAttentionGQL, RetryShipmentsGQL } from '../graphql/generated';
import { errorMessage } from '../shared/api-errors';
import { READ_ONLY_NOTE } from '../shared/can-manage';
import { onLiveChanges } from '../shared/live-changes';
import { PageStateComponent } from '../shared/page-state.component';
import { WatchedQuery } from '../shared/query-state';
import { DateTimePipe, NowService, TimeAgoPipe } from '../shared/time';
import { ViewerStore } from '../shell/viewer.store';
import { AttentionBadgeStore } from './attention-badge.store';
import { allState, keepShown, retryableIds, toggled } from './attention-selection';

/** Shown at most (longest waiting first); "select all shown" sends these again in one request. */
export const SHOWN = 200;

/**
 * Needs attention: every shipment a person must act on, longest waiting first — why, what to do, since
 * when — across customers (admins) or the user's own. Filters by customer, integration and reason (kept in
 * the address, so the alert digest and the overview can link to them); shipments a retry can help are
 * chosen and sent again together. Updates itself when runs finish or integrations change.
 */
@Component({
  selector: 'cv-attention-page',
  imports: [RouterLink, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatSelectModule, MatSnackBarModule, PageStateComponent, DateTimePipe, TimeAgoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './attention-page.component.html',
  styleUrl: './attention-page.component.scss',
})
export class AttentionPageComponent {
  /** filters from the address: ?customer=…&integration=…&reason=… */
  readonly customer = input<string | undefined>();
  readonly integration = input<string | undefined>();
  readonly reason = input<string | undefined>();

  protected readonly store = inject(ViewerStore);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly retryGql = inject(RetryShipmentsGQL);
  private readonly badge = inject(AttentionBadgeStore);
  protected readonly now = inject(NowService).now;
  protected readonly query = new WatchedQuery(inject(NeedsAttentionGQL));
  protected readonly filters = new WatchedQuery(inject(AttentionFiltersGQL));
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly busy = signal(false);
  protected readonly readOnlyNote = READ_ONLY_NOTE;
  protected readonly shown = SHOWN;
  /** the "every …" choice of a filter (Material shows no text for a null value) */
  protected readonly ALL = 'all';
  /** the words of every reason seen so far, for a filter whose reason has none left */
  private readonly knownLabels = signal<Readonly<Record<string, string>>>({});

  protected readonly items = computed(() => this.query.state().data?.needsAttention ?? []);
  protected readonly total = computed(() => this.query.state().data?.needsAttentionCount ?? 0);
  protected readonly reasons = computed(() => this.query.state().data?.needsAttentionByReason ?? []);
  protected readonly customers = computed(() => [...(this.filters.state().data?.customers ?? [])].sort((a, b) => a.name.localeCompare(b.name)));
  /** integrations to filter by: the chosen customer's (or every visible one), not deleted */
  protected readonly integrations = computed(() =>
    this.customers()
      .filter((c) => !this.customer() || c.id === this.customer())
      .flatMap((c) => c.integrations.filter((i) => i.status !== 'DELETED').map((i) => ({ id: i.id, label: this.store.isAdmin() ? `${i.name} (${c.name})` : i.name })))
      .sort((a, b) => a.label.localeCompare(b.label)),
  );
  /** admins act on every customer's shipments; a customer user when their 3PL lets them manage integrations */
  protected readonly canManage = computed(() => this.store.isAdmin() || this.store.viewer()?.customer?.selfManagedIntegrationsAllowed === true);
  protected readonly selectable = computed(() => (this.canManage() ? retryableIds(this.items()) : []));
  protected readonly all = computed(() => allState(this.selected(), this.items()));

  constructor() {
    this.filters.watch({});
    effect(() => {
      const variables = { customerId: this.customer() ?? null, integrationId: this.integration() ?? null, reason: (this.reason() as AttentionCode | undefined) ?? null, limit: SHOWN };
      untracked(() => this.query.watch(variables));
    });
    // what is chosen stays within what is shown and retryable
    effect(() => {
      const items = this.items();
      untracked(() => this.selected.update((s) => keepShown(s, items)));
    });
    effect(() => {
      const reasons = this.reasons();
      untracked(() => this.knownLabels.update((known) => ({ ...known, ...Object.fromEntries(reasons.map((r) => [r.code, r.label])) })));
    });
    onLiveChanges(() => this.query.refetch());
  }

  protected filter(name: 'customer' | 'integration' | 'reason', choice: string): void {
    const queryParams: Record<string, string | null> = { [name]: choice === this.ALL ? null : choice };
    if (name === 'customer') queryParams['integration'] = null; // the integration list follows the customer
    this.selected.set(new Set());
    void this.router.navigate([], { queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected clearFilters(): void {
    this.selected.set(new Set());
    void this.router.navigate([], { queryParams: {}, replaceUrl: true });
  }

  protected choose(item: AttentionItemFragment, on: boolean): void {
    this.selected.update((s) => toggled(s, item.id, on));
  }

  protected chooseAll(on: boolean): void {
    this.selected.set(new Set(on ? this.selectable() : []));
  }

  protected async retry(): Promise<void> {
    const ids = [...this.selected()];
    if (!ids.length) return;
    this.busy.set(true);
    try {
      const r = await firstValueFrom(this.retryGql.mutate({ variables: { ids } }));
      const n = r.data?.retryShipments.length ?? 0;
      this.snackBar.open(`${n} shipment${n === 1 ? '' : 's'} sent again: each is created in CartonCloud within moments.`, undefined, { duration: 5000 });
      this.selected.set(new Set());
    } catch (error) {
      this.snackBar.open(`Nothing was sent: ${errorMessage(error)}`, 'Dismiss', { duration: 10000 });
    } finally {
      this.busy.set(false);
      this.query.refetch();
      this.badge.refresh();
    }
  }

  protected reasonLabel(code: string | null | undefined): string {
    if (!code) return '';
    const words = code.toLowerCase().replace(/_/g, ' ');
    return this.knownLabels()[code] ?? words.charAt(0).toUpperCase() + words.slice(1);
  }
}
