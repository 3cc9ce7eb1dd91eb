import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

/** The loading, empty and error states every page shows in the same way. */
@Component({
  selector: 'cv-page-state',
  imports: [MatProgressSpinnerModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @switch (kind()) {
      @case ('loading') {
        <div class="state" role="status">
          <mat-spinner diameter="28" aria-hidden="true" />
          <span><ng-content /></span>
        </div>
      }
      @case ('error') {
        <div class="state error" role="alert">
          <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path fill="currentColor" d="M1 21h22L12 2zm12-3h-2v-2h2zm0-4h-2v-4h2z" /></svg>
          <span><ng-content /></span>
          @if (retryable()) {
            <button mat-stroked-button type="button" (click)="retry.emit()">Try again</button>
          }
        </div>
      }
      @case ('empty') {
        <div class="state empty">
          <ng-content />
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
