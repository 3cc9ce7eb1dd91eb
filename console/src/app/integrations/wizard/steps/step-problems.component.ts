import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ApiProblem } from '../../../shared/api-errors';

/** A step's banner for the problems of its last save that belong to no input. */
@Component({
  selector: 'cv-step-problems',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (problems().length) {
      <div class="banner error" role="alert" data-testid="step-problems">
        <div>
          @for (p of problems(); track $index) {
            <div>{{ p.message }}</div>
          }
        </div>
      </div>
    }
  `,
  // no box of its own: the step's flex gap applies to the banner, and to nothing when there is none
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class StepProblemsComponent {
  readonly problems = input.required<ApiProblem[]>();
}
