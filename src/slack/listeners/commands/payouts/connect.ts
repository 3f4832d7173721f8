import { requestFreshLink } from '../../../../domain/onboarding/invite-writer';
import { alreadyActiveMessage, freshLinkSentMessage } from '../../../views/onboarding';
import { slackUser } from '../../slack-user';
import type { Subcommand } from './context';

/** `/payouts connect`: a writer gets a fresh link to connect with Stripe, by DM. */
export const payoutsConnect: Subcommand = async ({ services, command, respond }) => {
  const outcome = await requestFreshLink(services.onboardingDeps, slackUser(command));
  await respond(
    outcome.kind === 'sent' ? freshLinkSentMessage(outcome.expiresAt) : alreadyActiveMessage(outcome.writer),
  );
};
