/**
 * The one error type every provider call fails with (STYLE.md "Talking to Unleashed and CartonCloud").
 * `code` decides what the product does next — see `actionFor`.
 */
export type ProviderErrorCode = 'TEMPORARY' | 'RATE_LIMITED' | 'AUTH' | 'VALIDATION' | 'NOT_FOUND';
export type ProviderName = 'unleashed' | 'cartoncloud';

export interface ProviderFieldError {
  /** JSON pointer (CartonCloud) or field name, when the provider names one. */
  field?: string;
  message: string;
  type?: string;
  details?: Record<string, unknown>;
}

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly provider: ProviderName,
    readonly code: ProviderErrorCode,
    message: string,
    readonly options: {
      status?: number;
      /** milliseconds the provider asked us to wait (Retry-After) */
      retryAfterMs?: number;
      fieldErrors?: ProviderFieldError[];
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
  }
  get status(): number | undefined {
    return this.options.status;
  }
  get fieldErrors(): ProviderFieldError[] {
    return this.options.fieldErrors ?? [];
  }
}

/** What the product does with a failure of each code: the one place that maps codes to actions. */
export type ProviderErrorAction =
  | 'retry-later' // TEMPORARY, RATE_LIMITED: try again after backoff
  | 'fail-record' // VALIDATION, NOT_FOUND: mark this one record failed with the reason, carry on
  | 'stop-integration'; // AUTH: stop polling this integration and tell its users

export function actionFor(error: ProviderError): ProviderErrorAction {
  switch (error.code) {
    case 'TEMPORARY':
    case 'RATE_LIMITED':
      return 'retry-later';
    case 'VALIDATION':
    case 'NOT_FOUND':
      return 'fail-record';
    case 'AUTH':
      return 'stop-integration';
  }
}

/** Maps an HTTP status to a code; providers refine (e.g. Unleashed 403 is AUTH, CartonCloud 403 too). */
export function codeForStatus(status: number): ProviderErrorCode {
  if (status === 429) return 'RATE_LIMITED';
  if (status === 401 || status === 403) return 'AUTH';
  if (status === 404) return 'NOT_FOUND';
  if (status >= 500) return 'TEMPORARY';
  return 'VALIDATION';
}
