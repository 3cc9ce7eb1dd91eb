import { ChangeDetectionStrategy, Component } from '@angular/core';

/** Placeholder until the integrations feature lands: says what this page will hold. */
@Component({
  selector: 'cv-integrations-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page" aria-labelledby="integrations-title">
      <h1 id="integrations-title">Integrations</h1>
      <p class="page-lead">Coming soon: the Unleashed ⇄ CartonCloud integrations you can see, their status and last sync, a four-step setup (name, Unleashed authentication, order creation and warehouse mapping, fulfilment), and each integration's sync runs and shipments, updated live.</p>
    </section>
  `,
})
export class IntegrationsPageComponent {}
