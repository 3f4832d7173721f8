import type { WebClient } from '@slack/web-api';
import type { TopupNotifier } from '../../domain/topups/notifier';
import type { Logger } from '../../logger';
import { topupEndedAlert, topupMessage, topupSettledAlert } from '../views/topup-message';

/**
 * Top-up news in the finance channel: the request message is re-rendered from stored state and
 * updated in place; settlement and failures are new messages so the channel reads as a history.
 * A Slack failure is logged and never undoes or blocks the money state it reports.
 */
export function topupNotifier(deps: { slack: WebClient; channelId: string; logger: Logger }): TopupNotifier {
  const { slack, channelId, logger } = deps;
  return {
    async postRequest(topup, balance) {
      const message = topupMessage(topup, { balance });
      const result = await slack.chat.postMessage({ channel: channelId, ...message });
      return result.ts && result.channel ? { channel: result.channel, ts: result.ts } : undefined;
    },
    async refresh(topup) {
      if (!topup.slackMessage) return;
      try {
        await slack.chat.update({
          channel: topup.slackMessage.channel,
          ts: topup.slackMessage.ts,
          ...topupMessage(topup),
        });
      } catch (error) {
        logger.error({ err: error, ref: topup.ref }, 'could not update the top-up message');
      }
    },
    async settled(topup, balance) {
      await slack.chat.postMessage({ channel: channelId, ...topupSettledAlert(topup, balance) });
    },
    async ended(topup) {
      await slack.chat.postMessage({ channel: channelId, ...topupEndedAlert(topup) });
    },
  };
}
