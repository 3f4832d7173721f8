import type { OnboardingDeps } from './deps';
import type { InvitationNotice, Writer } from './types';

/**
 * Sends the invitation DM and remembers where it landed, on the start link's token, so its
 * "Connect with Stripe" button can be taken away once the writer is connected. Not remembering it
 * is logged, never an error: the writer has their link either way.
 */
export async function sendInvitationDm(
  deps: OnboardingDeps,
  notice: InvitationNotice,
  tokenHash: string,
): Promise<void> {
  const dm = await deps.notifier.sendInvitation(notice);
  try {
    await deps.tokens.recordInvitationDm(tokenHash, dm);
  } catch (error) {
    deps.logger.warn({ err: error, writerId: notice.writer.id }, 'invitation DM sent but not remembered');
  }
}

/**
 * The writer is connected: every invitation DM still showing "Connect with Stripe" now says
 * "Connected ✓" instead (an edit through the Slack outbox, keyed by the message, so a repeat
 * changes nothing). A DM is marked closed only once its edit is queued.
 */
export async function closeInvitationDms(deps: OnboardingDeps, writer: Writer): Promise<void> {
  try {
    for (const open of await deps.tokens.openInvitationDms(writer.id)) {
      await deps.notifier.invitationConnected(open.dm, writer);
      await deps.tokens.markInvitationDmClosed(open.tokenHash, deps.clock());
    }
  } catch (error) {
    deps.logger.warn({ err: error, writerId: writer.id }, 'invitation DMs not yet marked connected');
  }
}
