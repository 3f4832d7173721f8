import type { Services } from '../../../app/services';
import { createDashboardLink } from '../../../domain/onboarding/dashboard';
import { dashboardLinkModal } from '../../views/dashboard-link-modal';
import { userFacingError } from '../handle-errors';
import { buttonListener } from './button-listener';

/**
 * "Open my Stripe Express dashboard" on a writer's App Home: a modal opens at the click and shows
 * a login link Stripe makes then. The link lives only in that modal: never stored, logged or
 * posted to a conversation (`/payouts dashboard` still sends one by DM, as asked there).
 */
export function homeDashboardAction(services: Services) {
  return buttonListener(
    services,
    'open Stripe dashboard from Home',
    async (click) => {
      const opened = await click.client.views.open({
        trigger_id: click.triggerId,
        view: dashboardLinkModal({ state: 'creating' }),
      });
      const viewId = opened.view?.id;
      if (!viewId) throw new Error('views.open answered without a view id');
      let view: ReturnType<typeof dashboardLinkModal>;
      try {
        const { url } = await createDashboardLink(services.onboardingDeps, click.user);
        view = dashboardLinkModal({ state: 'ready', url });
      } catch (error) {
        view = dashboardLinkModal({ state: 'failed', text: userFacingError(error, services.logger).text });
      }
      await click.client.views.update({ view_id: viewId, view });
    },
    // The replies lane: the modal must open within the trigger_id's 3 s, not wait behind
    // approvals queued for Stripe.
    'replies',
  );
}
