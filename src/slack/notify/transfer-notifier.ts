import type { WebClient } from '@slack/web-api';
import type { TransferNotifier } from '../../domain/transfers/notifier';
import type { Logger } from '../../logger';
import {
  transferMessage,
  transferReversedAlert,
  writerPaidMessage,
  writerReversedMessage,
} from '../views/transfer-message';

/** Transfer news: the request message updated in place, DMs to the writer, alerts to finance. */
export function transferNotifier(deps: {
  slack: WebClient;
  channelId: string;
  logger: Logger;
}): TransferNotifier {
  const { slack, channelId, logger } = deps;
  const dm = async (userId: string, message: { text: string; blocks: unknown[] }) => {
    const opened = await slack.conversations.open({ users: userId });
    const channel = opened.channel?.id;
    if (!channel) throw new Error(`could not open a DM with ${userId}`);
    await slack.chat.postMessage({ channel, text: message.text, blocks: message.blocks as never });
  };
  return {
    async postRequest(transfer, context) {
      const result = await slack.chat.postMessage({
        channel: channelId,
        ...transferMessage(transfer, context),
      });
      return result.ts && result.channel ? { channel: result.channel, ts: result.ts } : undefined;
    },
    async refresh(transfer) {
      if (!transfer.slackMessage) return;
      try {
        await slack.chat.update({
          channel: transfer.slackMessage.channel,
          ts: transfer.slackMessage.ts,
          ...transferMessage(transfer),
        });
      } catch (error) {
        logger.error({ err: error, ref: transfer.ref }, 'could not update the transfer message');
      }
    },
    async paid(transfer) {
      await dm(transfer.writerSlackUserId, writerPaidMessage(transfer));
    },
    async reversed(transfer, reversedCents) {
      await slack.chat.postMessage({ channel: channelId, ...transferReversedAlert(transfer, reversedCents) });
      await dm(transfer.writerSlackUserId, writerReversedMessage(transfer, reversedCents));
    },
  };
}
