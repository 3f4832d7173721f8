import type { SlackOutbox } from '../../domain/ports/slack-outbox';
import type { SlackMessageRef } from '../../domain/requests/types';
import type { Logger } from '../../logger';
import type { SlackMessage } from '../views/blocks';

/** Finance alerts: due together in the channel, they are coalesced into one digest. */
export const ALERTS_GROUP = 'alerts';

/**
 * Queues a request message's new state (the outbox keeps only the latest, and drops one older than
 * what it has). A failure is logged and never undoes or blocks the money state it shows.
 */
export async function queueUpdate(
  outbox: SlackOutbox,
  logger: Logger,
  request: { ref: string; updatedAt: Date; slackMessage: SlackMessageRef | null },
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
    });
  } catch (error) {
    logger.error({ err: error, ref: request.ref }, 'could not queue the update of the request message');
  }
}
