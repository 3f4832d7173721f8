import type { WebClient } from '@slack/web-api';
import type { Config } from '../config';
import type { Database } from '../db/connection';
import { onboardingTokensRepository } from '../db/repositories/onboarding-tokens';
import { stripeAccountsRepository } from '../db/repositories/stripe-accounts';
import { writersRepository } from '../db/repositories/writers';
import type { AuditLog } from '../domain/audit/audit-log';
import type { OnboardingDeps } from '../domain/onboarding/deps';
import type { SlackOutbox } from '../domain/ports/slack-outbox';
import type { Logger } from '../logger';
import { onboardingNotifier, slackDirectory } from '../slack/notify/onboarding-notifier';
import type { StripeGateway } from '../stripe/gateway';
import { expressAuthorizeUrl } from '../stripe/oauth-url';

/** Wires writer onboarding to the real database, Stripe gateway and Slack (built once per app). */
export function createOnboardingDeps(input: {
  config: Config;
  db: Database;
  slack: WebClient;
  outbox: SlackOutbox;
  gateway: StripeGateway;
  audit: AuditLog;
  clock: () => Date;
  logger: Logger;
}): OnboardingDeps {
  const { config } = input;
  return {
    writers: writersRepository(input.db.models),
    stripeAccounts: stripeAccountsRepository(input.db.models),
    tokens: onboardingTokensRepository(input.db.models),
    stripe: input.gateway,
    notifier: onboardingNotifier({
      slack: input.slack,
      outbox: input.outbox,
      channelId: config.finance.channelId,
      clock: input.clock,
    }),
    directory: slackDirectory(input.slack),
    audit: input.audit,
    clock: input.clock,
    logger: input.logger,
    settings: {
      mode: config.onboardingMode,
      publicUrl: config.publicUrl,
      oauthAuthorizeUrl: (params) =>
        expressAuthorizeUrl(
          { clientId: config.stripe.clientId ?? '', apiBase: config.stripe.apiBase },
          params,
        ),
    },
  };
}
