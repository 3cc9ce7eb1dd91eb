import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { ViewerStore } from '../shell/viewer.store';

/** Signed-in landing page: who you are and where to go next. */
@Component({
  selector: 'cv-home',
  imports: [RouterLink, MatCardModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page" aria-labelledby="home-title">
      <h1 id="home-title">Welcome{{ store.displayName() ? ', ' + store.displayName() : '' }}</h1>
      @if (store.viewer(); as viewer) {
        <p class="page-lead">
          You are signed in as <strong>{{ viewer.email ?? viewer.subject }}</strong>
          ({{ store.roleLabel() }}).
          @if (viewer.isAdmin) {
            As the 3PL administrator you manage every merchant customer, their Unleashed ⇄ CartonCloud
            integrations and the weekly billing.
          } @else if (!viewer.customer) {
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
          @if (viewer.isAdmin) {
            <mat-card appearance="outlined">
              <mat-card-header><mat-card-title>Customers</mat-card-title></mat-card-header>
              <mat-card-content>Merchants, the warehouses they may use and whether they manage their own integrations.</mat-card-content>
              <mat-card-actions><a mat-button routerLink="/customers">Open customers</a></mat-card-actions>
            </mat-card>
          }
          <mat-card appearance="outlined">
            <mat-card-header><mat-card-title>Integrations</mat-card-title></mat-card-header>
            <mat-card-content>Set up an integration in four steps and watch its order syncs live.</mat-card-content>
            <mat-card-actions><a mat-button routerLink="/integrations">Open integrations</a></mat-card-actions>
          </mat-card>
          @if (viewer.isAdmin) {
            <mat-card appearance="outlined">
              <mat-card-header><mat-card-title>Billing</mat-card-title></mat-card-header>
              <mat-card-content>One line per active integration per billing week.</mat-card-content>
              <mat-card-actions><a mat-button routerLink="/billing">Open billing</a></mat-card-actions>
            </mat-card>
          }
        </div>
      } @else if (store.error(); as error) {
        <p role="alert">Your account could not be loaded: {{ error }}</p>
      } @else {
        <p role="status">Loading your account…</p>
      }
    </section>
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
