import Stripe from 'stripe';
import type { StripeFailureKind } from '../domain/ports/stripe-gateway';
import { scrubSecrets } from '../logger';

/** Stripe marks an answer replayed from its idempotency store with this header. */
function isReplayed(error: Stripe.errors.StripeError): boolean {
  const headers = (error.headers ?? {}) as Record<string, string | undefined>;
  return headers['idempotent-replayed'] === 'true';
}

export function classifyStripeError(error: unknown): StripeFailureKind {
  if (error instanceof Stripe.errors.StripeError) {
    const code = error.code ?? error.type;
    const message = scrubSecrets(error.message);
    const status = error.statusCode;
    if (error instanceof Stripe.errors.StripeIdempotencyError) {
      // 400: the key was sent before with other parameters (409 "in use" is a StripeAPIError).
      return { kind: 'definitive', code: 'idempotency_error', message, statusCode: status };
    }
    if (
      error instanceof Stripe.errors.StripeConnectionError ||
      error instanceof Stripe.errors.StripeAPIError ||
      error instanceof Stripe.errors.StripeRateLimitError ||
      status === undefined ||
      status === 409 ||
      status === 429 ||
      status >= 500
    ) {
      const replayedError = status !== undefined && status >= 500 && isReplayed(error);
      return replayedError
        ? { kind: 'unknown', code, message, replayedError }
        : { kind: 'unknown', code, message };
    }
    return { kind: 'definitive', code, message, statusCode: status };
  }
  return {
    kind: 'unknown',
    code: 'unexpected_error',
    message: scrubSecrets((error as Error)?.message ?? 'unknown'),
  };
}
