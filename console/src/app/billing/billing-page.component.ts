import { ChangeDetectionStrategy, Component } from '@angular/core';

/** Placeholder until the billing feature lands: says what this page will hold. */
@Component({
  selector: 'cv-billing-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page" aria-labelledby="billing-title">
      <h1 id="billing-title">Billing</h1>
      <p class="page-lead">Coming soon: billing lines — one per active integration per billing week (Monday 00:00 UTC to the next) — filterable by customer and period, with totals.</p>
    </section>
  `,
})
export class BillingPageComponent {}
