import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { Subject, Subscription, auditTime, firstValueFrom } from 'rxjs';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  DeleteIntegrationGQL,
  IntegrationActivityGQL,
  IntegrationAuditGQL,
  IntegrationDetailGQL,
  SyncNowGQL,
  SyncRunRowFragment,
  SyncRunUpdatedGQL,
} from '../../graphql/generated';
import { errorMessage } from '../../shared/api-errors';
import { READ_ONLY_NOTE, canManageSignal } from '../../shared/can-manage';
import { ConfirmDialogComponent, ConfirmDialogData } from '../../shared/confirm-dialog.component';
import { HealthBadgeComponent } from '../../shared/health-badge.component';
import { PageStateComponent } from '../../shared/page-state.component';
import { WatchedQuery } from '../../shared/query-state';
import { progressOf } from '../../shared/sync-progress';
import { DateTimePipe, NowService, TimeAgoPipe } from '../../shared/time';
import { ViewerStore } from '../../shell/viewer.store';
import { chartDays } from './activity';
import { ActivityChartComponent } from './activity-chart.component';
import { ShipmentsLedgerComponent } from './shipments-ledger.component';

function isIdle(run: SyncRunRowFragment): boolean {
  return run.status === 'SUCCEEDED' && !run.total && run.errors.length === 0;
}

/** Audit actions in words (unknown ones are shown as they are). */
const AUDIT_LABELS: Partial<Record<string, string>> = {
  'integration.created': 'Created (step 1)',
  'integration.renamed': 'Renamed',
  'integration.authentication.configured': 'Connected the Unleashed account (step 2)',
  'integration.order-creation.configured': 'Set up order creation (step 3)',
  'integration.fulfilment.configured': 'Set up fulfilment (step 4)',
  'integration.activated': 'Activated: polling and billing started',
  'integration.deleted': 'Deleted: polling and billing stopped',
};

const RUN_STATUS: Record<string, string> = { QUEUED: 'Queued', RUNNING: 'Running', SUCCEEDED: 'Succeeded', PARTIAL: 'Partly failed', FAILED: 'Failed' };

/** One integration: live sync progress, activity chart, the shipments ledger and the run history. */
@Component({
  selector: 'cv-integration-detail',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatProgressBarModule,
    HealthBadgeComponent,
    PageStateComponent,
    ActivityChartComponent,
    ShipmentsLedgerComponent,
    DateTimePipe,
    TimeAgoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './integration-detail.component.html',
  styleUrl: './integration-detail.component.scss',
})
export class IntegrationDetailComponent {
  readonly id = input.required<string>();
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly runUpdates = inject(SyncRunUpdatedGQL);
  private readonly syncNowGql = inject(SyncNowGQL);
  private readonly deleteGql = inject(DeleteIntegrationGQL);
  protected readonly now = inject(NowService).now;
  protected readonly detail = new WatchedQuery(inject(IntegrationDetailGQL));
  protected readonly activityQuery = new WatchedQuery(inject(IntegrationActivityGQL));
  /** Setup history: admins only (the API refuses it to customer users). */
  protected readonly isAdmin = inject(ViewerStore).isAdmin;
  protected readonly auditQuery = new WatchedQuery(inject(IntegrationAuditGQL));
  protected readonly readOnlyNote = READ_ONLY_NOTE;
  protected readonly runStatus = RUN_STATUS;

  protected readonly integration = computed(() => this.detail.state().data?.integration ?? null);
  protected readonly canManage = canManageSignal(() => this.integration()?.customer.selfManagedIntegrationsAllowed);
  /** the newest event of each kind seen on the subscription since the page opened */
  private readonly live = signal<Partial<Record<'ORDERS' | 'FULFILMENT', SyncRunRowFragment>>>({});
  protected readonly refreshKey = signal(0);
  protected readonly busy = signal(false);

  protected readonly runs = computed(() => this.integration()?.syncRuns ?? []);
  protected readonly showIdleRuns = signal(false);
  /** Runs that found nothing to do (most polls) are hidden unless asked for. */
  protected readonly shownRuns = computed(() => (this.showIdleRuns() ? this.runs() : this.runs().filter((run) => !isIdle(run))));
  protected readonly hiddenRuns = computed(() => this.runs().length - this.shownRuns().length);
  protected readonly orderRun = computed(() => this.live().ORDERS ?? this.runs().find((r) => r.kind === 'ORDERS') ?? null);
  protected readonly fulfilmentRun = computed(() => this.live().FULFILMENT ?? this.runs().find((r) => r.kind === 'FULFILMENT') ?? null);
  protected readonly orderProgress = computed(() => (this.orderRun() ? progressOf(this.orderRun()!) : null));
  /** When the newest poll found nothing, the newest one that did work, so its outcome stays in view. */
  protected readonly lastOrderWork = computed(() => {
    const current = this.orderRun();
    if (!current || !isIdle(current)) return null;
    const run = this.runs().find((r) => r.kind === 'ORDERS' && !isIdle(r));
    return run ? { run, progress: progressOf(run) } : null;
  });
  protected readonly fulfilmentProgress = computed(() => (this.fulfilmentRun() ? progressOf(this.fulfilmentRun()!) : null));
  protected readonly activity = computed(() => chartDays(this.activityQuery.state().data?.integration?.activity ?? []));
  protected readonly mappings = computed(() => {
    const integration = this.integration();
    if (!integration) return [];
    return integration.warehouseMappings.map((m) => `${m.unleashedWarehouseCode} → ${m.warehouse?.name ?? `default (${integration.defaultWarehouse?.name ?? 'none: skipped'})`}`);
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    const refresh = new Subject<void>();
    const refreshSub = refresh.pipe(auditTime(800)).subscribe(() => {
      this.detail.refetch();
      this.activityQuery.refetch();
      if (this.isAdmin()) this.auditQuery.refetch();
      this.refreshKey.update((n) => n + 1);
    });
    let updates: Subscription | null = null;
    destroyRef.onDestroy(() => {
      refreshSub.unsubscribe();
      updates?.unsubscribe();
    });

    // the viewer may load after the page: watch the setup history once we know it is an admin
    effect(() => {
      const id = this.id();
      if (this.isAdmin()) untracked(() => this.auditQuery.watch({ id }));
    });

    effect(() => {
      const id = this.id();
      untracked(() => {
        this.live.set({});
        this.detail.watch({ id });
        this.activityQuery.watch({ id });
        updates?.unsubscribe();
        updates = this.runUpdates.subscribe({ variables: { integrationId: id } }).subscribe((result) => {
          const run = result.data?.syncRunUpdated;
          if (!run) return;
          const previous = this.live()[run.kind];
          this.live.update((live) => ({ ...live, [run.kind]: run }));
          const finished = run.status !== 'QUEUED' && run.status !== 'RUNNING';
          const isNew = !this.runs().some((r) => r.id === run.id);
          const progressed = run.kind === 'ORDERS' && run.processed !== (previous?.id === run.id ? previous.processed : -1);
          if (finished || isNew || progressed) refresh.next();
        });
      });
    });
  }

  protected auditLabel(action: string): string {
    return AUDIT_LABELS[action] ?? action;
  }

  protected async syncNow(): Promise<void> {
    this.busy.set(true);
    try {
      const r = await firstValueFrom(this.syncNowGql.mutate({ variables: { id: this.id() } }));
      const run = r.data?.syncNow;
      if (run) this.live.update((live) => ({ ...live, [run.kind]: run }));
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'Dismiss', { duration: 8000 });
    } finally {
      this.busy.set(false);
    }
  }

  protected async remove(): Promise<void> {
    const integration = this.integration();
    if (!integration) return;
    const data: ConfirmDialogData = {
      title: `Delete ${integration.name}?`,
      body: [`${integration.customer.name}'s integration stops at once. Its run history and shipments stay visible to the 3PL.`],
      consequences: [
        'Polling Unleashed for new sales orders stops: no more sale orders are created in CartonCloud.',
        'Dispatches are no longer written back to Unleashed.',
        'Billing stops: no week after this one is billed.',
      ],
      confirmLabel: 'Delete integration',
      danger: true,
    };
    const confirmed = await firstValueFrom(this.dialog.open(ConfirmDialogComponent, { data, width: '520px', maxWidth: '95vw' }).afterClosed());
    if (!confirmed) return;
    this.busy.set(true);
    try {
      await firstValueFrom(this.deleteGql.mutate({ variables: { id: integration.id } }));
      this.snackBar.open(`${integration.name} was deleted: polling and billing have stopped`, undefined, { duration: 5000 });
      void this.router.navigate(['/integrations'], { queryParams: { customer: integration.customer.id } });
    } catch (error) {
      this.snackBar.open(`Not deleted: ${errorMessage(error)}`, 'Dismiss', { duration: 8000 });
    } finally {
      this.busy.set(false);
    }
  }

  protected duration(run: SyncRunRowFragment): string {
    if (!run.startedAt || !run.finishedAt) return '—';
    const ms = new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime();
    return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
  }
}
