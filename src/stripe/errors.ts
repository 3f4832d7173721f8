import Stripe from 'stripe';
import type { StripeFailureKind } from '../domain/ports/stripe-gateway';
import { scrubSecrets } from '../logger';

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
