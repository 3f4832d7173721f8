import { inviteWriter } from '../../../../domain/onboarding/invite-writer';
import { parseWriterTarget } from '../../../../domain/onboarding/writer-target';
import { alreadyConnectedMessage, invitedMessage } from '../../../views/onboarding';
import { slackUser } from '../../slack-user';
import type { Subcommand } from './context';

/** `/payouts invite @writer | email` (finance only). */
export const payoutsInvite: Subcommand = async ({ services, command, args, respond }) => {
  const target = parseWriterTarget(args.join(' '));
  const outcome = await inviteWriter(services.onboardingDeps, { invitedBy: slackUser(command), target });
  await respond(
    outcome.kind === 'already_connected'
      ? alreadyConnectedMessage(outcome.writer)
      : invitedMessage({
          writerUserId: outcome.writer.slackUserId,
          again: outcome.again,
          expiresAt: outcome.expiresAt,
        }),
  );
};
