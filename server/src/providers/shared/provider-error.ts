/**
 * The one error type every provider call fails with (STYLE.md "Talking to Unleashed and CartonCloud").
 * `code` decides what the product does next — see `actionFor`, the one code-to-action map.
 */
export type ProviderErrorCode =
  | 'TEMPORARY'
  | 'RATE_LIMITED'
  | 'QUOTA_EXHAUSTED'
  | 'AUTH'
  | 'VALIDATION'
  | 'NOT_FOUND'
  /** the provider could not read what we sent (Unleashed's 500 "posted object could not be parsed"): the same body never will */
  | 'UNPROCESSABLE'
  /** authenticated, but the API client lacks the role this call needs (CartonCloud's 403 on a consignment search) */
  | 'FORBIDDEN';
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

/**
 * What the product does with a failure: the one map from (provider, code) to an action. Nothing outside
 * `providers/` reads `error.code`; the order sync, fulfilment, integration health and the resolvers act on
 * these actions.
 */
export type ProviderErrorAction =
  | 'retry-later' // TEMPORARY: try again after backoff
  | 'slow-down' // RATE_LIMITED: try again after backoff; until then the provider refuses every call (a batch stops)
  | 'quota-exhausted' // Unleashed QUOTA_EXHAUSTED: the account's monthly allowance is used up: pause until it resets (00:00 UTC on the 1st)
  | 'fail-record' // VALIDATION: this one record failed, with the provider's reason; carry on with the others
  | 'reject-record' // UNPROCESSABLE: this record's request can never be accepted as it is: it fails for good, never retried as temporary
  | 'role-missing' // FORBIDDEN: the 3PL's API client lacks a role for this kind of call: carry on without it and tell the admin
  | 'record-gone' // NOT_FOUND: the record no longer exists at the provider; carry on with the others
  | 'credentials-rejected' // Unleashed AUTH: the integration's stored credentials were refused: stop it and tell its users
  | 'client-refused'; // CartonCloud AUTH: the 3PL's own API client was refused: not the integration's fault; retry later

export const PROVIDER_ERROR_ACTIONS: Readonly<Record<ProviderName, Readonly<Record<ProviderErrorCode, ProviderErrorAction>>>> = {
  unleashed: {
    TEMPORARY: 'retry-later',
    RATE_LIMITED: 'slow-down',
    QUOTA_EXHAUSTED: 'quota-exhausted',
    VALIDATION: 'fail-record',
    NOT_FOUND: 'record-gone',
    AUTH: 'credentials-rejected',
    UNPROCESSABLE: 'reject-record',
    FORBIDDEN: 'credentials-rejected', // Unleashed has no roles: a refusal is its authentication failure
  },
  cartoncloud: {
    TEMPORARY: 'retry-later',
    RATE_LIMITED: 'slow-down',
    QUOTA_EXHAUSTED: 'slow-down', // CartonCloud has no monthly allowance; never produced
    VALIDATION: 'fail-record',
    NOT_FOUND: 'record-gone',
    AUTH: 'client-refused',
    UNPROCESSABLE: 'reject-record',
    FORBIDDEN: 'role-missing',
  },
};

export function actionFor(error: ProviderError): ProviderErrorAction {
  return PROVIDER_ERROR_ACTIONS[error.provider][error.code];
}

/** Whether no retry can help the record concerned (it is marked failed with the reason). */
export function isFinalForRecord(action: ProviderErrorAction): boolean {
  return action === 'fail-record' || action === 'reject-record' || action === 'record-gone';
}

/** The failure in words for a record's `lastError`: the provider's field messages when it named fields, else its message. */
export function failureMessage(error: ProviderError): string {
  return error.code === 'VALIDATION' && error.fieldErrors.length
    ? error.fieldErrors.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join('; ')
    : error.message;
}

/** Why a call made for an API request failed, as an `UPSTREAM_UNAVAILABLE` message says it (never a credential). */
export function unavailableReason(error: ProviderError): string {
  switch (actionFor(error)) {
    case 'slow-down':
      return 'its API limit was reached';
    case 'quota-exhausted':
      return 'the account\u2019s monthly API allowance is used up until 00:00 UTC on the 1st';
    case 'client-refused':
      return 'the 3PL\u2019s API client was refused: check CARTONCLOUD_CLIENT_ID and CARTONCLOUD_CLIENT_SECRET';
    case 'role-missing':
      return 'the 3PL\u2019s API client lacks a role it needs';
    default:
      return 'it did not answer properly';
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
