import { Routes } from '@angular/router';

export const ATTENTION_ROUTES: Routes = [
  {
    path: '',
    title: 'Needs attention — Conveyor',
    loadComponent: () => import('./attention-page.component').then((m) => m.AttentionPageComponent),
  },
];
