import { invalidRequest } from '../api-error';
import type { ApiRequest } from '../router';

/**
 * Top-ups, transfers, new accounts and links are things the platform does for itself. The simulator keeps no
 * objects on connected accounts, so it says so plainly rather than pretend.
 */
export function requirePlatform(request: ApiRequest): void {
  if (request.stripeAccount !== null) {
    throw invalidRequest(
      `The Stripe simulator only supports ${request.method} ${request.path} on the platform account; ` +
        'send it without a Stripe-Account header.',
    );
  }
}
