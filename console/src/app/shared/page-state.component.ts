import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

/** The loading, empty and error states every page shows in the same way. */
@Component({
  selector: 'cv-page-state',
  imports: [NgTemplateOutlet, MatProgressSpinnerModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The message is projected once, into a template each case stamps: a plain <ng-content /> in every case
  // would receive it only in the last one (empty), leaving the loading and error states without words.
  template: `
    <ng-template #message><ng-content /></ng-template>
    @switch (kind()) {
      @case ('loading') {
        <div class="state" role="status">
          <mat-spinner diameter="28" aria-hidden="true" />
          <span><ng-container [ngTemplateOutlet]="message" /></span>
        </div>
      }
      @case ('error') {
        <div class="state error" role="alert">
          <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path fill="currentColor" d="M1 21h22L12 2zm12-3h-2v-2h2zm0-4h-2v-4h2z" /></svg>
          <span><ng-container [ngTemplateOutlet]="message" /></span>
          @if (retryable()) {
            <button mat-stroked-button type="button" (click)="retry.emit()">Try again</button>
          }
        </div>
      }
      @case ('empty') {
        <div class="state empty">
          <ng-container [ngTemplateOutlet]="message" />
        </div>
      }
    }
  `,
  styles: `
    .state {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 24px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-large);
    }
    .error {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .empty {
      flex-direction: column;
      align-items: flex-start;
      border: 1px dashed var(--mat-sys-outline-variant);
      background: transparent;
    }
  `,
})
export class PageStateComponent {
  readonly kind = input.required<'loading' | 'error' | 'empty'>();
  readonly retryable = input(true);
  readonly retry = output<void>();
}
