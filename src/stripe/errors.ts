import Stripe from 'stripe';
import { scrubSecrets } from '../logger';

/**
 * What a failed money call means for the request:
 * - `definitive`: Stripe answered and did not do it (4xx). Safe to mark the request failed.
 * - `unknown`: no answer, a 5xx, a rate limit or a key still in use. Stripe may or may not have
 *   done it, so the request stays `submitting` and the reconciler finds out with the same key.
 */
export type StripeFailureKind =
  | { kind: 'definitive'; code: string; message: string; statusCode?: number }
  | { kind: 'unknown'; code: string; message: string };

export function classifyStripeError(error: unknown): StripeFailureKind {
  if (error instanceof Stripe.errors.StripeError) {
    const code = error.code ?? error.type;
    const message = scrubSecrets(error.message);
    const status = error.statusCode;
    if (
      error instanceof Stripe.errors.StripeConnectionError ||
      error instanceof Stripe.errors.StripeAPIError ||
      error instanceof Stripe.errors.StripeRateLimitError ||
      error instanceof Stripe.errors.StripeIdempotencyError ||
      status === undefined ||
      status === 409 ||
      status === 429 ||
      status >= 500
    ) {
      return { kind: 'unknown', code, message };
    }
    return { kind: 'definitive', code, message, statusCode: status };
  }
  return {
    kind: 'unknown',
    code: 'unexpected_error',
    message: scrubSecrets((error as Error)?.message ?? 'unknown'),
  };
}
