import { StripeApiError, type StripeErrorBody } from '../api/api-error';

/** An answer the pipeline is about to write. */
export interface ApiResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export function errorResponse(error: StripeApiError): ApiResponse {
  return { status: error.status, body: error.toBody(), headers: error.headers };
}

/** The 500 that fault injection answers with; Stripe's own 500s look like this. */
export function simulatedServerError(): ApiResponse {
  return errorResponse(
    new StripeApiError(500, 'api_error', 'An unknown error occurred (injected by the Stripe simulator).'),
  );
}

/** A Stripe-style 429. `shouldRetry` sets Stripe-Should-Retry, which stripe-node obeys. */
export function tooManyRequests(shouldRetry: boolean | null): ApiResponse {
  const body: StripeErrorBody = {
    error: {
      type: 'invalid_request_error',
      code: 'rate_limit',
      message:
        'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
      doc_url: 'https://stripe.com/docs/error-codes/rate-limit',
    },
  };
  const headers: Record<string, string> =
    shouldRetry === null ? {} : { 'Stripe-Should-Retry': String(shouldRetry) };
  return { status: 429, body, headers };
}

export function idempotencyKeyInUse(key: string): ApiResponse {
  return errorResponse(
    new StripeApiError(
      409,
      'idempotency_error',
      `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
      { code: 'idempotency_key_in_use' },
    ),
  );
}

export function idempotencyKeyReused(
  key: string,
  reason: 'different_endpoint' | 'different_params',
): ApiResponse {
  const message =
    reason === 'different_endpoint'
      ? `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${key}').`
      : `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`;
  return errorResponse(new StripeApiError(400, 'idempotency_error', message));
}
