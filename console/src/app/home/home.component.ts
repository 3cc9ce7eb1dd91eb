import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { AdminOverviewComponent } from '../overview/admin-overview.component';
import { ViewerStore } from '../shell/viewer.store';

/** Signed-in landing page: for 3PL admins what needs doing today (the overview); for others who they are and where to go next. */
@Component({
  selector: 'cv-home',
  imports: [RouterLink, MatCardModule, MatButtonModule, AdminOverviewComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.isAdmin()) {
      <cv-admin-overview />
    } @else {
    <section class="page" aria-labelledby="home-title">
      <h1 id="home-title">Welcome{{ store.displayName() ? ', ' + store.displayName() : '' }}</h1>
      @if (store.viewer(); as viewer) {
        <p class="page-lead">
          You are signed in as <strong>{{ viewer.email ?? viewer.subject }}</strong>
          ({{ store.roleLabel() }}).
          @if (!viewer.customer) {
            Your sign-in is not linked to a customer of the 3PL yet, so there is nothing to show. Ask the
            3PL to link your account.
          } @else if (viewer.customer.selfManagedIntegrationsAllowed) {
            You can set up and run your own Unleashed ⇄ CartonCloud integrations.
          } @else {
            Your 3PL manages your integrations; you can follow their progress here. To change them,
            ask the account owner.
          }
        </p>
        <div class="cards">
          <mat-card appearance="outlined">
            <mat-card-header><mat-card-title>Integrations</mat-card-title></mat-card-header>
            <mat-card-content>Set up an integration in four steps and watch its order syncs live.</mat-card-content>
            <mat-card-actions><a mat-button routerLink="/integrations">Open integrations</a></mat-card-actions>
          </mat-card>
          <mat-card appearance="outlined">
            <mat-card-header><mat-card-title>Needs attention</mat-card-title></mat-card-header>
            <mat-card-content>Shipments that did not go through, why, and what to do — in one place.</mat-card-content>
            <mat-card-actions><a mat-button routerLink="/attention">Open the inbox</a></mat-card-actions>
          </mat-card>
        </div>
      } @else if (store.error(); as error) {
        <p role="alert">Your account could not be loaded: {{ error }}</p>
      } @else {
        <p role="status">Loading your account…</p>
      }
    </section>
    }
  `,
  styles: `
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(280px, 1fr));
      gap: 16px;
      margin-top: 24px;
    }

    mat-card-content {
      padding-top: 8px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class HomeComponent {
  protected readonly store = inject(ViewerStore);
}
