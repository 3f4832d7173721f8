import type { WebClient } from '@slack/web-api';
import type { SlackOutbox } from '../../domain/ports/slack-outbox';
import type { TopupNotifier } from '../../domain/topups/notifier';
import type { Logger } from '../../logger';
import { digestLine } from '../views/alert-digest';
import { topupEndedAlert, topupMessage, topupSettledAlert } from '../views/topup-message';
import { ALERTS_GROUP, queueUpdate } from './outbox-sends';

/**
 * Top-up news in the finance channel: the request message is re-rendered from stored state and
 * updated in place; settlement and failures are new messages so the channel reads as a history.
 * Only the request's own message is posted here (its ts is stored); everything else goes through
 * the outbox, which sends it once, paced, and coalesces bursts of alerts into digests.
 */
export function topupNotifier(deps: {
  slack: WebClient;
  outbox: SlackOutbox;
  channelId: string;
  logger: Logger;
}): TopupNotifier {
  const { slack, outbox, channelId, logger } = deps;
  return {
    async postRequest(topup, balance) {
      const message = topupMessage(topup, { balance });
      const result = await slack.chat.postMessage({ channel: channelId, ...message });
      return result.ts && result.channel ? { channel: result.channel, ts: result.ts } : undefined;
    },
    async refresh(topup) {
      if (!topup.slackMessage) return;
      await queueUpdate(outbox, logger, topup, topupMessage(topup));
    },
    async settled(topup, balance) {
      const message = topupSettledAlert(topup, balance);
      await outbox.enqueue({
        kind: 'post',
        key: `alert:${topup.id}:${topup.status}`,
        channel: channelId,
        message,
        digest: { group: ALERTS_GROUP, line: digestLine(message) },
      });
    },
    async ended(topup) {
      const message = topupEndedAlert(topup);
      await outbox.enqueue({
        kind: 'post',
        key: `alert:${topup.id}:${topup.status}`,
        channel: channelId,
        message,
        digest: { group: ALERTS_GROUP, line: digestLine(message) },
      });
    },
  };
}
