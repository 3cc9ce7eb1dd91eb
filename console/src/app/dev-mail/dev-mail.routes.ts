import { Routes } from '@angular/router';

export const DEV_MAIL_ROUTES: Routes = [
  {
    path: '',
    title: 'Mail (development) — Conveyor',
    loadComponent: () => import('./dev-mail-page.component').then((m) => m.DevMailPageComponent),
  },
];
