import type { WebClient } from '@slack/web-api';
import type { AuditCheckpoint, AuditCheckpointChannel } from '../../domain/audit/types';
import { ownBotId } from '../own-bot-id';
import { auditCheckpointMessage, checkpointFromMetadata } from '../views/audit';

/** A year of a busy channel at 200 messages a page; older checkpoints are not needed to catch the rest. */
const MAX_PAGES = 100;
const PAGE_SIZE = 200;

/**
 * The audit chain's checkpoints as messages in the finance channel: posted with the fields in
 * the message metadata and read back with conversations.history. Only messages posted by this
 * app's own bot count (its bot id from auth.test), so a look-alike posted by anyone else is ignored.
 */
export function slackAuditCheckpoints(deps: { slack: WebClient; channelId: string }): AuditCheckpointChannel {
  const { slack, channelId } = deps;
  const botId = ownBotId(slack);

  return {
    async post(checkpoint, occasion) {
      await slackCall(() =>
        slack.chat.postMessage({ channel: channelId, ...auditCheckpointMessage(checkpoint, occasion) }),
      );
    },

    async read(options = {}) {
      const self = await slackCall(botId);
      const found: AuditCheckpoint[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const result = await slackCall(() =>
          slack.conversations.history({
            channel: channelId,
            limit: PAGE_SIZE,
            include_all_metadata: true,
            ...(cursor ? { cursor } : {}),
          }),
        );
        for (const message of result.messages ?? []) {
          if (message.bot_id !== self) continue;
          const checkpoint = checkpointFromMetadata(message.metadata);
          if (checkpoint) found.push(checkpoint);
          if (options.limit !== undefined && found.length >= options.limit) return found;
        }
        cursor = result.response_metadata?.next_cursor || undefined;
        if (!result.has_more || !cursor) break;
      }
      return found;
    },
  };
}

/** Slack's error code (`not_in_channel`, `missing_scope`) as the message, for verify to show. */
async function slackCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = (error as { data?: { error?: unknown } }).data?.error;
    throw typeof code === 'string' ? new Error(code, { cause: error }) : error;
  }
}
