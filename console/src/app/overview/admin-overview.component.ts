import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { AdminOverviewGQL } from '../graphql/generated';
import { onLiveChanges } from '../shared/live-changes';
import { PageStateComponent } from '../shared/page-state.component';
import { WatchedQuery } from '../shared/query-state';
import { DateTimePipe, NowService, TimeAgoPipe } from '../shared/time';

const SEVERITY_TONE: Record<string, 'bad' | 'warn' | 'idle'> = { STOPPED: 'bad', PAUSED: 'warn', DEGRADED: 'warn', NOTICE: 'idle' };
const SEVERITY_LABEL: Record<string, string> = { STOPPED: 'Stopped', PAUSED: 'Paused', DEGRADED: 'Degraded', NOTICE: 'Notice' };

/**
 * The 3PL administrator's landing page: what needs doing today, from one query (`overview`) — integrations
 * not healthy and why, the deployment's own conditions, shipments needing a person per customer, today's and
 * this week's orders, the CartonCloud create budget, Unleashed calls against the quota. Live: it asks again
 * when a sync run finishes or an integration changes.
 */
@Component({
  selector: 'cv-admin-overview',
  imports: [RouterLink, MatButtonModule, PageStateComponent, DateTimePipe, TimeAgoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './admin-overview.component.html',
  styleUrl: './admin-overview.component.scss',
})
export class AdminOverviewComponent {
  protected readonly query = new WatchedQuery(inject(AdminOverviewGQL));
  protected readonly now = inject(NowService).now;
  protected readonly overview = computed(() => this.query.state().data?.overview ?? null);
  protected readonly attentionTotal = computed(() => (this.overview()?.needsAttention ?? []).reduce((n, c) => n + c.count, 0));
  /** share of the create budget in use, 0–100 */
  protected readonly budgetUse = computed(() => {
    const budget = this.overview()?.createBudget;
    return budget ? Math.min(100, Math.round((budget.usedLastMinute / budget.limitPerMinute) * 100)) : 0;
  });
  protected readonly tone = SEVERITY_TONE;
  protected readonly severity = SEVERITY_LABEL;

  constructor() {
    this.query.watch({ timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' });
    onLiveChanges(() => this.query.refetch(), 5_000);
  }
}
