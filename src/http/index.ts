import type { CustomRoute } from '@slack/bolt';
import type { Services } from '../app/services';
import { connectRoutes } from './connect/routes';
import { metricsRoutes } from './metrics';

/** Feature routes on the app's HTTP server (health and Stripe webhooks are wired in slack/app.ts). */
export function featureRoutes(services: Services): CustomRoute[] {
  return [
    ...connectRoutes(services.onboardingDeps, services.logger),
    // GET /metrics on this port only with METRICS_TOKEN set (src/http/metrics.ts).
    ...metricsRoutes({
      registry: services.metrics.registry,
      token: services.config.operations.metricsToken,
      logger: services.logger,
    }),
  ];
}
