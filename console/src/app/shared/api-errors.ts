import type { AbstractControl } from '@angular/forms';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/** One problem the API reported, as the console needs it: the contract's code, its message, and the input field it concerns. */
export interface ApiProblem {
  code: string | null;
  message: string;
  /** `extensions.field`, e.g. `input.name`, `input.warehouseMappings[1].warehouseId`, `id` */
  field: string | null;
}

const NETWORK_MESSAGE = 'Conveyor could not be reached. Check your connection and try again.';

/** The problems in an error thrown by an Apollo operation (GraphQL errors, or one network problem). */
export function problemsOf(error: unknown): ApiProblem[] {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.map((e) => ({
      code: typeof e.extensions?.['code'] === 'string' ? e.extensions['code'] : null,
      message: e.message,
      field: typeof e.extensions?.['field'] === 'string' ? e.extensions['field'] : null,
    }));
  }
  if (ServerError.is(error)) return [{ code: `HTTP_${error.statusCode}`, message: NETWORK_MESSAGE, field: null }];
  if (error instanceof Error && /fetch|network|socket/i.test(error.message)) return [{ code: 'NETWORK', message: NETWORK_MESSAGE, field: null }];
  return [{ code: null, message: error instanceof Error ? error.message : String(error), field: null }];
}

/** One sentence for a banner. */
export function errorMessage(error: unknown): string {
  return problemsOf(error)
    .map((p) => p.message)
    .join(' ');
}

export function hasCode(error: unknown, code: string): boolean {
  return problemsOf(error).some((p) => p.code === code);
}

/**
 * The reactive-forms path of a server field: `input.` is the mutation argument, indexes become path
 * segments. `input.warehouseMappings[1].warehouseId` → `warehouseMappings.1.warehouseId`; `name` → `name`.
 */
export function controlPathOf(field: string): string {
  return field
    .replace(/^input\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

/**
 * Puts each field problem on its form control as the `server` error (shown by `<mat-error>` next to the
 * input, and cleared by the control's next validation when the user edits it). Returns the problems that
 * belong to no control of `form` (shown as a banner for the step).
 */
export function applyServerErrors(form: AbstractControl, error: unknown): ApiProblem[] {
  const unplaced: ApiProblem[] = [];
  for (const problem of problemsOf(error)) {
    const control = problem.field ? form.get(controlPathOf(problem.field)) : null;
    if (control && problem.code === 'BAD_USER_INPUT') {
      control.setErrors({ ...(control.errors ?? {}), server: problem.message });
      control.markAsTouched();
    } else {
      unplaced.push(problem);
    }
  }
  return unplaced;
}
