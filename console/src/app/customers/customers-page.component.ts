import { ChangeDetectionStrategy, Component } from '@angular/core';

/** Placeholder until the customers feature lands: says what this page will hold. */
@Component({
  selector: 'cv-customers-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page" aria-labelledby="customers-title">
      <h1 id="customers-title">Customers</h1>
      <p class="page-lead">Coming soon: every merchant customer of the 3PL — their CartonCloud customer, the warehouses they may use, how many integrations are active (with a green dot when one is live) and whether they may manage their own integrations. Admins will add and edit customers and warehouses here.</p>
    </section>
  `,
})
export class CustomersPageComponent {}
