/** The `type` values Stripe's v1 API uses in its error bodies. */
export type StripeErrorType =
  | 'api_error'
  | 'authentication_error'
  | 'idempotency_error'
  | 'invalid_request_error'
  | 'rate_limit_error';

export interface StripeErrorBody {
  error: {
    type: StripeErrorType;
    message: string;
    code?: string;
    param?: string;
    doc_url?: string;
  };
}

interface StripeApiErrorDetails {
  code?: string;
  param?: string;
  headers?: Record<string, string>;
}

/**
 * An error answered the way Stripe answers it: an HTTP status plus `{ error: { type, code, message, param } }`.
 * Operations throw it; the request pipeline turns it into the response (and the idempotency store keeps it).
 */
export class StripeApiError extends Error {
  readonly code: string | undefined;
  readonly param: string | undefined;
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    readonly type: StripeErrorType,
    message: string,
    details: StripeApiErrorDetails = {},
  ) {
    super(message);
    this.name = 'StripeApiError';
    this.code = details.code;
    this.param = details.param;
    this.headers = details.headers ?? {};
  }

  toBody(): StripeErrorBody {
    return {
      error: {
        type: this.type,
        message: this.message,
        ...(this.code
          ? { code: this.code, doc_url: `https://stripe.com/docs/error-codes/${this.code}` }
          : {}),
        ...(this.param ? { param: this.param } : {}),
      },
    };
  }
}

export function invalidRequest(
  message: string,
  details: { code?: string; param?: string } = {},
): StripeApiError {
  return new StripeApiError(400, 'invalid_request_error', message, details);
}

export function missingParam(param: string): StripeApiError {
  return invalidRequest(`Missing required param: ${param}.`, { code: 'parameter_missing', param });
}

export function invalidParam(param: string, message: string): StripeApiError {
  return invalidRequest(message, { code: 'parameter_invalid', param });
}

/** Stripe's 404 for an id that does not exist, e.g. "No such topup: 'tu_123'". */
export function resourceMissing(resource: string, id: string, param = 'id'): StripeApiError {
  return new StripeApiError(404, 'invalid_request_error', `No such ${resource}: '${id}'`, {
    code: 'resource_missing',
    param,
  });
}

export function unrecognizedUrl(method: string, path: string): StripeApiError {
  return new StripeApiError(
    404,
    'invalid_request_error',
    `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  );
}

/** The OAuth error codes stripe-node maps to its StripeOAuthError subclasses. */
export type OAuthErrorCode =
  | 'invalid_grant'
  | 'invalid_client'
  | 'invalid_request'
  | 'invalid_scope'
  | 'unsupported_grant_type'
  | 'unsupported_response_type';

/**
 * Errors from connect.stripe.com's /oauth endpoints are flat (`{ error: 'invalid_grant', error_description }`),
 * unlike the nested API errors; stripe-node recognises them by `error` being a string.
 */
export class OAuthError extends Error {
  readonly status = 400;

  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
  ) {
    super(description);
    this.name = 'OAuthError';
  }

  toBody(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}
