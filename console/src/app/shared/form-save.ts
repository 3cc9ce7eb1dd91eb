import { signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { ApiProblem, applyServerErrors, problemsOf } from './api-errors';

/**
 * Saving a form with one mutation: whether it is in flight, and the problems of the last attempt that belong
 * to no input (for the form's banner). Field problems go next to their inputs (`applyServerErrors`).
 * Used by each setup-wizard step and the customers page's dialogs.
 */
export class FormSave {
  readonly busy = signal(false);
  readonly problems = signal<ApiProblem[]>([]);

  clear(): void {
    this.problems.set([]);
  }

  /**
   * Runs the mutation. On failure, `claim` may take the problems the form explains in its own words (the
   * wizard's rejected credentials); the rest land on `form`'s controls (`BAD_USER_INPUT` with a field) or in
   * `problems`. Resolves to null when the mutation failed.
   */
  async run<T>(form: AbstractControl, mutation: () => Promise<T>, claim?: (problems: ApiProblem[]) => boolean): Promise<T | null> {
    this.busy.set(true);
    this.problems.set([]);
    try {
      return await mutation();
    } catch (error) {
      if (!claim?.(problemsOf(error))) this.problems.set(applyServerErrors(form, error));
      return null;
    } finally {
      this.busy.set(false);
    }
  }
}
