import type { SlackOutbox } from '../../domain/ports/slack-outbox';
import type { SlackMessageRef } from '../../domain/requests/types';
import type { Logger } from '../../logger';
import type { SlackMessage } from '../views/blocks';

/** Finance alerts: due together in the channel, they are coalesced into one digest. */
export const ALERTS_GROUP = 'alerts';

/** More changes than one attempt of a request ever sees. */
const ATTEMPT_STRIDE = 1_000_000;

/**
 * The order of the states one message shows. A retry is a new document (its own version count)
 * shown in its first attempt's message, so a later attempt's state always comes after any state
 * of an earlier one.
 */
function messageVersion(request: { stateVersion?: number; attempt?: number }): number | undefined {
  if (request.stateVersion === undefined) return undefined;
  return (request.attempt ?? 1) * ATTEMPT_STRIDE + request.stateVersion;
}

/**
 * Queues a request message's new state (the outbox keeps only the latest, and drops one older than
 * what it has). A failure is logged and never undoes or blocks the money state it shows.
 */
export async function queueUpdate(
  outbox: SlackOutbox,
  logger: Logger,
  request: {
    ref: string;
    updatedAt: Date;
    stateVersion?: number;
    attempt?: number;
    slackMessage: SlackMessageRef | null;
  },
  message: SlackMessage,
): Promise<void> {
  if (!request.slackMessage) return;
  try {
    await outbox.enqueue({
      kind: 'update',
      channel: request.slackMessage.channel,
      ts: request.slackMessage.ts,
      message,
      stateAt: request.updatedAt,
      stateVersion: messageVersion(request),
    });
  } catch (error) {
    logger.error({ err: error, ref: request.ref }, 'could not queue the update of the request message');
  }
}
