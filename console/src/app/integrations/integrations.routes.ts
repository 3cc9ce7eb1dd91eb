import { Routes } from '@angular/router';

export const INTEGRATIONS_ROUTES: Routes = [
  {
    path: '',
    title: 'Integrations — Conveyor',
    loadComponent: () => import('./list/integrations-page.component').then((m) => m.IntegrationsPageComponent),
  },
  {
    path: 'new',
    title: 'New integration — Conveyor',
    loadComponent: () => import('./wizard/integration-wizard.component').then((m) => m.IntegrationWizardComponent),
  },
  {
    path: ':id/setup',
    title: 'Integration setup — Conveyor',
    loadComponent: () => import('./wizard/integration-wizard.component').then((m) => m.IntegrationWizardComponent),
  },
  {
    path: ':id',
    title: 'Integration — Conveyor',
    loadComponent: () => import('./detail/integration-detail.component').then((m) => m.IntegrationDetailComponent),
  },
];
