import type { CustomRoute } from '@slack/bolt';
import type { Services } from '../app/services';
import { connectRoutes } from './connect/routes';

/** Feature routes on the app's HTTP server (health and Stripe webhooks are wired in slack/app.ts). */
export function featureRoutes(services: Services): CustomRoute[] {
  return [...connectRoutes(services.onboardingDeps, services.logger)];
}
