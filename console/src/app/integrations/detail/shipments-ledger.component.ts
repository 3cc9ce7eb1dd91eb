import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Subject, debounceTime } from 'rxjs';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { IntegrationShipmentsGQL, ShipmentRowFragment, SyncedShipmentState } from '../../graphql/generated';
import { PageStateComponent } from '../../shared/page-state.component';
import { WatchedQuery } from '../../shared/query-state';
import { DateTimePipe, NowService, TimeAgoPipe } from '../../shared/time';
import { ShipmentDialogComponent, ShipmentDialogData } from './shipment-dialog.component';
import { FILTER_STATES, STATE_HINT, STATE_LABEL, stateTone } from './shipment-states';

/** The shipments ledger: filter by state, search by Unleashed order number, open one to read what happened. */
@Component({
  selector: 'cv-shipments-ledger',
  imports: [MatButtonToggleModule, MatFormFieldModule, MatInputModule, PageStateComponent, DateTimePipe, TimeAgoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shipments-ledger.component.html',
  styleUrl: './shipments-ledger.component.scss',
})
export class ShipmentsLedgerComponent {
  readonly integrationId = input.required<string>();
  readonly canManage = input(false);
  /** bumped by the page when a sync run finishes */
  readonly refreshKey = input(0);

  private readonly dialog = inject(MatDialog);
  protected readonly now = inject(NowService).now;
  protected readonly query = new WatchedQuery(inject(IntegrationShipmentsGQL));
  protected readonly state = signal<SyncedShipmentState | 'ALL'>('ALL');
  protected readonly orderNumber = signal('');
  private readonly typed = new Subject<string>();
  protected readonly filters = FILTER_STATES;
  protected readonly label = STATE_LABEL;
  protected readonly hint = STATE_HINT;
  protected readonly tone = stateTone;

  protected readonly shipments = computed(() => this.query.state().data?.integration?.shipments ?? []);
  /** The answer to "what happened to order X?" in one sentence. */
  protected readonly answer = computed(() => {
    const number = this.orderNumber();
    if (!number || this.query.state().loading) return null;
    const found = this.shipments();
    if (!found.length) return `No shipment of order ${number} has been seen${this.state() === 'ALL' ? '' : ' in this state'}. Orders are read when they are Placed in Unleashed.`;
    return found.map((s) => `${s.unleashedShipmentNumber}: ${STATE_LABEL[s.state].toLowerCase()}${s.lastError ? ` — ${s.lastError}` : ''}`).join('; ');
  });

  constructor() {
    const sub = this.typed.pipe(debounceTime(300)).subscribe((value) => this.orderNumber.set(value.trim()));
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
    effect(() => {
      const state = this.state();
      const orderNumber = this.orderNumber();
      this.query.watch({ id: this.integrationId(), state: state === 'ALL' ? null : state, orderNumber: orderNumber || null, limit: 100 });
    });
    let first = true;
    effect(() => {
      this.refreshKey();
      if (first) {
        first = false;
        return;
      }
      untracked(() => this.query.refetch());
    });
  }

  protected onSearch(event: Event): void {
    this.typed.next((event.target as HTMLInputElement).value);
  }

  protected setState(value: SyncedShipmentState | 'ALL'): void {
    this.state.set(value);
  }

  protected open(shipment: ShipmentRowFragment): void {
    const data: ShipmentDialogData = { shipment, canManage: this.canManage() };
    this.dialog
      .open(ShipmentDialogComponent, { data, width: '640px', maxWidth: '95vw', autoFocus: 'dialog' })
      .afterClosed()
      .subscribe((retried) => {
        if (retried) this.query.refetch();
      });
  }

  protected detail(s: ShipmentRowFragment): string {
    if (s.lastError) return s.lastError;
    if (s.state === 'FULFILLED' || s.state === 'DISPATCHED') return [s.carrier, s.trackingNumber, s.packages ? `${s.packages} package${s.packages === 1 ? '' : 's'}` : null].filter(Boolean).join(' · ');
    return STATE_HINT[s.state];
  }
}
