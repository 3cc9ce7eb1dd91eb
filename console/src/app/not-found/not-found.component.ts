import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'cv-not-found',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page" aria-labelledby="nf-title">
      <h1 id="nf-title">Page not found</h1>
      <p class="page-lead">There is nothing at this address. <a routerLink="/">Go to the home page</a>.</p>
    </section>
  `,
})
export class NotFoundComponent {}
