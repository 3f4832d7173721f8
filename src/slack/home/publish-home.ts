import { homeDeps } from '../../app/home-deps';
import type { Services } from '../../app/services';
import { loadHome } from '../../domain/home/load-home';
import type { SlackUserRef } from '../../domain/requests/types';
import { homeViewOf } from '../views/home';

/**
 * Reads this person's Home from stored state and publishes it (views.publish replaces the whole
 * tab). Called when they open the tab and after each change they make from it.
 */
export async function publishHome(services: Services, who: SlackUserRef): Promise<void> {
  const home = await loadHome(homeDeps(services), who);
  await services.slack.views.publish({
    user_id: who.userId,
    view: homeViewOf(home, services.config.finance.channelId),
  });
}

/** The refresh after a click on Home: logged when it fails, never in the way of what the click did. */
export async function refreshHome(services: Services, who: SlackUserRef): Promise<void> {
  await publishHome(services, who).catch((error) =>
    services.logger.warn({ err: error }, 'could not refresh App Home after a click'),
  );
}
