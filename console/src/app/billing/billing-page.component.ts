import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { AuthService } from '../core/auth/auth.service';
import { BillingCustomersGQL, BillingGQL } from '../graphql/generated';
import { errorMessage } from '../shared/api-errors';
import { PageStateComponent } from '../shared/page-state.component';
import { WatchedQuery } from '../shared/query-state';
import { DatePipe, MoneyPipe } from '../shared/time';
import { customerTotals, mondayWeeksAgo, tomorrowUtc, utcMidnight, weeklyTotals } from './billing-math';
import { downloadBillingCsv } from './csv-download';
import { WeeklyCostChartComponent } from './weekly-cost-chart.component';

/** Admins: billed weeks per customer, totals, a chart of weekly cost, the open week's preview, CSV export. */
@Component({
  selector: 'cv-billing-page',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, PageStateComponent, WeeklyCostChartComponent, DatePipe, MoneyPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './billing-page.component.html',
  styleUrl: './billing-page.component.scss',
})
export class BillingPageComponent {
  private readonly auth = inject(AuthService);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly customersQuery = new WatchedQuery(inject(BillingCustomersGQL));
  protected readonly billing = new WatchedQuery(inject(BillingGQL));

  protected readonly customerId = signal<string | null>(null);
  protected readonly from = signal(mondayWeeksAgo(new Date(), 12));
  protected readonly to = signal(tomorrowUtc(new Date()));
  protected readonly rangeError = computed(() => (this.from() && this.to() && this.from() >= this.to() ? 'The start must be before the end.' : null));
  protected readonly downloading = signal(false);

  protected readonly customers = computed(() => [...(this.customersQuery.state().data?.customers ?? [])].sort((a, b) => a.name.localeCompare(b.name)));
  protected readonly data = computed(() => this.billing.state().data);
  protected readonly currency = computed(() => this.data()?.billingSummary[0]?.currency ?? this.data()?.billingPreview[0]?.currency ?? 'AUD');
  protected readonly weeks = computed(() => weeklyTotals(this.data()?.billingSummary ?? []));
  protected readonly perCustomer = computed(() => customerTotals(this.data()?.billingSummary ?? []));
  protected readonly total = computed(() => (this.data()?.billingSummary ?? []).reduce((n, row) => n + row.amountCents, 0));
  protected readonly previewTotal = computed(() => (this.data()?.billingPreview ?? []).reduce((n, row) => n + row.amountCents, 0));

  constructor() {
    this.customersQuery.watch({});
    this.apply();
  }

  protected apply(): void {
    if (this.rangeError() || !this.from() || !this.to()) return;
    this.billing.watch({ customerId: this.customerId(), from: utcMidnight(this.from()), to: utcMidnight(this.to()) });
  }

  protected setFrom(event: Event): void {
    this.from.set((event.target as HTMLInputElement).value);
    this.apply();
  }

  protected setTo(event: Event): void {
    this.to.set((event.target as HTMLInputElement).value);
    this.apply();
  }

  protected setCustomer(id: string | null): void {
    this.customerId.set(id);
    this.apply();
  }

  protected async download(): Promise<void> {
    this.downloading.set(true);
    try {
      const file = await downloadBillingCsv({ from: this.from(), to: this.to(), customerId: this.customerId() }, this.auth.accessToken());
      this.snackBar.open(`Downloaded ${file}`, undefined, { duration: 3000 });
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'Dismiss', { duration: 8000 });
    } finally {
      this.downloading.set(false);
    }
  }
}
