import { ChangeDetectionStrategy, Component, ElementRef, effect, inject, signal, viewChild } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { AttentionBadgeStore } from '../attention/attention-badge.store';
import { AuthService } from '../core/auth/auth.service';
import { ConnectionStateService } from '../core/graphql/connection-state.service';
import { DevMailCatcherEnabledGQL } from '../graphql/generated';
import { ViewerStore } from './viewer.store';

interface NavItem {
  path: string;
  label: string;
  adminOnly: boolean;
  /** shown only while the development mail catcher runs */
  devMailOnly?: boolean;
  /** carries the needs-attention count */
  attentionBadge?: boolean;
}

const NAV: readonly NavItem[] = [
  { path: '/customers', label: 'Customers', adminOnly: true },
  { path: '/integrations', label: 'Integrations', adminOnly: false },
  { path: '/attention', label: 'Needs attention', adminOnly: false, attentionBadge: true },
  { path: '/billing', label: 'Billing', adminOnly: true },
  { path: '/alerts', label: 'Alerts', adminOnly: false },
  { path: '/mail', label: 'Mail (development)', adminOnly: true, devMailOnly: true },
];

/** The frame around every signed-in page: toolbar, navigation, who is signed in, live-updates banner. */
@Component({
  selector: 'cv-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbarModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  private readonly auth = inject(AuthService);
  protected readonly store = inject(ViewerStore);
  protected readonly connection = inject(ConnectionStateService);
  protected readonly attention = inject(AttentionBadgeStore);
  private readonly devMailCatcher = inject(DevMailCatcherEnabledGQL);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  /** whether the development mail catcher runs (asked once, for admins only) */
  private readonly devMail = signal(false);

  constructor() {
    effect(() => {
      if (!this.store.isAdmin()) return;
      this.devMailCatcher.fetch().subscribe({
        next: (r) => this.devMail.set(r.data?.alertSettings.devMailCatcher === true),
        error: () => this.devMail.set(false),
      });
    });
  }

  protected navItems(): NavItem[] {
    const admin = this.store.isAdmin();
    return NAV.filter((item) => (admin || !item.adminOnly) && (!item.devMailOnly || this.devMail()));
  }

  protected skipToContent(): void {
    this.main().nativeElement.focus();
  }

  protected signOut(): void {
    this.auth.logout().catch((error: unknown) => console.error('Sign-out failed', error));
  }
}
