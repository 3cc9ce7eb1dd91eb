import { Routes } from '@angular/router';

export const INTEGRATIONS_ROUTES: Routes = [
  {
    path: '',
    title: 'Integrations — Conveyor',
    loadComponent: () => import('./integrations-page.component').then((m) => m.IntegrationsPageComponent),
  },
];
