import type { Services } from '../../../app/services';
import { sendDashboardLink } from '../../../domain/onboarding/dashboard';
import { buttonListener } from './button-listener';

/**
 * "Open my Stripe Express dashboard" on a writer's App Home: a login link is created at the
 * click (Stripe's links work once, for minutes) and sent straight to the writer by DM, as
 * `/payouts dashboard` does; it is never stored, logged or posted anywhere else.
 */
export function homeDashboardAction(services: Services) {
  return buttonListener(
    services,
    'open Stripe dashboard from Home',
    async (click) => {
      await sendDashboardLink(services.onboardingDeps, click.user);
    },
    'stripe',
  );
}
