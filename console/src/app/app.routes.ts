import { Routes } from '@angular/router';
import { authGuard } from './core/auth/auth.guard';
import { adminGuard } from './shell/admin.guard';

export const routes: Routes = [
  {
    path: 'auth/callback',
    title: 'Signing in — Conveyor',
    loadComponent: () => import('./core/auth/auth-callback.component').then((m) => m.AuthCallbackComponent),
  },
  {
    path: '',
    canActivate: [authGuard],
    canActivateChild: [authGuard],
    loadComponent: () => import('./shell/shell.component').then((m) => m.ShellComponent),
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Home — Conveyor',
        loadComponent: () => import('./home/home.component').then((m) => m.HomeComponent),
      },
      {
        path: 'customers',
        canMatch: [adminGuard],
        loadChildren: () => import('./customers/customers.routes').then((m) => m.CUSTOMERS_ROUTES),
      },
      {
        path: 'integrations',
        loadChildren: () => import('./integrations/integrations.routes').then((m) => m.INTEGRATIONS_ROUTES),
      },
      {
        path: 'attention',
        loadChildren: () => import('./attention/attention.routes').then((m) => m.ATTENTION_ROUTES),
      },
      {
        path: 'billing',
        canMatch: [adminGuard],
        loadChildren: () => import('./billing/billing.routes').then((m) => m.BILLING_ROUTES),
      },
      {
        path: 'alerts',
        loadChildren: () => import('./alerts/alerts.routes').then((m) => m.ALERTS_ROUTES),
      },
      {
        path: 'mail',
        canMatch: [adminGuard],
        loadChildren: () => import('./dev-mail/dev-mail.routes').then((m) => m.DEV_MAIL_ROUTES),
      },
      {
        path: '**',
        title: 'Not found — Conveyor',
        loadComponent: () => import('./not-found/not-found.component').then((m) => m.NotFoundComponent),
      },
    ],
  },
];
