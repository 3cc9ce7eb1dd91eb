import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { AuthService } from '../core/auth/auth.service';
import { ConnectionStateService } from '../core/graphql/connection-state.service';
import { ViewerStore } from './viewer.store';

interface NavItem {
  path: string;
  label: string;
  adminOnly: boolean;
}

const NAV: readonly NavItem[] = [
  { path: '/customers', label: 'Customers', adminOnly: true },
  { path: '/integrations', label: 'Integrations', adminOnly: false },
  { path: '/billing', label: 'Billing', adminOnly: true },
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
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected navItems(): NavItem[] {
    const admin = this.store.isAdmin();
    return NAV.filter((item) => admin || !item.adminOnly);
  }

  protected skipToContent(): void {
    this.main().nativeElement.focus();
  }

  protected signOut(): void {
    this.auth.logout().catch((error: unknown) => console.error('Sign-out failed', error));
  }
}
