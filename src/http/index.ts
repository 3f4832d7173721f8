import type { CustomRoute } from '@slack/bolt';
import type { Services } from '../services';

/** Feature routes on the app's HTTP server (health and Stripe webhooks are wired in slack/app.ts). */
export function featureRoutes(_services: Services): CustomRoute[] {
  return [];
}
