import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { DevMailboxGQL } from '../graphql/generated';
import { PageStateComponent } from '../shared/page-state.component';
import { WatchedQuery } from '../shared/query-state';
import { formatDateTime } from '../shared/time';

const REFRESH_MS = 5_000;

/**
 * Admins, development only: the e-mails the embedded mail catcher received (SMTP_URL unset under
 * `npm start`), newest first, refreshed every few seconds — so an alert can be followed end to end.
 */
@Component({
  selector: 'cv-dev-mail-page',
  imports: [MatButtonModule, PageStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page" aria-labelledby="mail-title">
      <div class="page-header">
        <div>
          <h1 id="mail-title">Mail (development)</h1>
          <p class="page-lead">
            E-mails Conveyor sent while SMTP_URL is unset: they go to a mail catcher inside this development server instead of a real mail server. The last 200
            are kept until the server stops.
          </p>
        </div>
        <button mat-stroked-button type="button" (click)="query.refetch()">Refresh</button>
      </div>
      @let state = query.state();
      @if (state.loading) {
        <cv-page-state kind="loading">Loading the mailbox…</cv-page-state>
      } @else if (state.error && !state.data) {
        <cv-page-state kind="error" (retry)="query.refetch()">{{ state.error }}</cv-page-state>
      } @else if (!state.data?.devMailbox?.length) {
        <cv-page-state kind="empty"><p>No mail yet. Add an e-mail alert and use “Send test alert” on the Alerts page.</p></cv-page-state>
      } @else {
        <ul class="messages">
          @for (m of state.data!.devMailbox; track m.id) {
            <li class="card" data-testid="dev-mail">
              <button type="button" class="summary" (click)="toggle(m.id)" [attr.aria-expanded]="open() === m.id">
                <strong class="subject">{{ m.subject || '(no subject)' }}</strong>
                <span class="meta">To {{ m.to.join(', ') }} · from {{ m.from }} · {{ when(m.receivedAt) }}</span>
              </button>
              @if (open() === m.id) {
                <pre class="body" data-testid="dev-mail-body">{{ m.text }}</pre>
              }
            </li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    .page-header { display: flex; align-items: flex-start; justify-content: space-between; gap: 24px; }
    .page-header button { margin-top: 24px; }
    .messages { list-style: none; padding: 0; margin: 0; display: grid; gap: 12px; }
    .summary { all: unset; cursor: pointer; display: flex; flex-direction: column; gap: 4px; width: 100%; }
    .summary:focus-visible { outline: 2px solid var(--mat-sys-primary); outline-offset: 4px; }
    .meta { color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
    .body { white-space: pre-wrap; overflow-wrap: anywhere; margin: 12px 0 0; font: var(--mat-sys-body-medium); font-family: ui-monospace, Menlo, monospace; }
  `,
})
export class DevMailPageComponent {
  protected readonly query = new WatchedQuery(inject(DevMailboxGQL));
  protected readonly open = signal<string | null>(null);

  constructor() {
    this.query.watch({});
    const timer = setInterval(() => this.query.refetch(), REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected toggle(id: string): void {
    this.open.update((current) => (current === id ? null : id));
  }

  protected when(iso: string): string {
    return formatDateTime(iso);
  }
}
