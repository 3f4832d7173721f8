import Stripe from 'stripe';
import { monotonicMs } from '../clock';
import type { StripeGateway } from '../domain/ports/stripe-gateway';
import { classifyStripeError } from '../stripe/errors';
import type { PaydeskMetrics } from './metrics';

export type StripeCallOutcome = 'ok' | 'refused' | 'uncertain' | 'rate_limited';

/**
 * What a failed call means to an operator: Stripe said no (refused, a 4xx), Stripe was slowing us
 * down (rate_limited, a 429 after stripe-node's own retries), or nobody knows whether it happened
 * (uncertain: no answer, a 5xx, a key in use), which is what the reconciler exists for.
 */
export function stripeCallOutcome(error: unknown): StripeCallOutcome {
  if (
    error instanceof Stripe.errors.StripeRateLimitError ||
    (error instanceof Stripe.errors.StripeError && error.statusCode === 429)
  ) {
    return 'rate_limited';
  }
  return classifyStripeError(error).kind === 'definitive' ? 'refused' : 'uncertain';
}

/**
 * The gateway with every call counted by method and outcome and timed. Methods that answer
 * synchronously (classifyError) pass through untouched.
 */
export function instrumentGateway(gateway: StripeGateway, metrics: PaydeskMetrics['stripe']): StripeGateway {
  const wrapped: Record<string, unknown> = {};
  for (const [method, fn] of Object.entries(gateway)) {
    if (typeof fn !== 'function') {
      wrapped[method] = fn;
      continue;
    }
    wrapped[method] = (...args: unknown[]) => {
      const started = monotonicMs();
      const result: unknown = (fn as (...a: unknown[]) => unknown).apply(gateway, args);
      if (!(result instanceof Promise)) return result;
      const done = (outcome: StripeCallOutcome) => {
        metrics.calls.inc({ method, outcome });
        metrics.callSeconds.observe({ method }, (monotonicMs() - started) / 1000);
      };
      return result.then(
        (value) => {
          done('ok');
          return value;
        },
        (error: unknown) => {
          done(stripeCallOutcome(error));
          throw error;
        },
      );
    };
  }
  return wrapped as StripeGateway;
}
