import type { WebClient } from '@slack/web-api';
import type { SlackOutbox } from '../../domain/ports/slack-outbox';
import type { TransferNotifier } from '../../domain/transfers/notifier';
import type { Logger } from '../../logger';
import { digestLine } from '../views/alert-digest';
import {
  transferMessage,
  transferReversedAlert,
  writerPaidMessage,
  writerReversedMessage,
} from '../views/transfer-message';
import { ALERTS_GROUP, queueUpdate } from './outbox-sends';

/**
 * Transfer news: the request message posted (its ts is stored) and then updated in place, DMs to
 * the writer, alerts to finance; all but the first post go through the outbox, once each.
 */
export function transferNotifier(deps: {
  slack: WebClient;
  outbox: SlackOutbox;
  channelId: string;
  logger: Logger;
}): TransferNotifier {
  const { slack, outbox, channelId, logger } = deps;
  return {
    async postRequest(transfer, context) {
      const result = await slack.chat.postMessage({
        channel: channelId,
        ...transferMessage(transfer, context),
      });
      return result.ts && result.channel ? { channel: result.channel, ts: result.ts } : undefined;
    },
    async refresh(transfer) {
      await queueUpdate(outbox, logger, transfer, transferMessage(transfer));
    },
    async paid(transfer) {
      await outbox.enqueue({
        kind: 'dm',
        key: `dm:paid:${transfer.id}`,
        user: transfer.writerSlackUserId,
        message: writerPaidMessage(transfer),
      });
    },
    async reversed(transfer, reversal) {
      const alert = transferReversedAlert(transfer, reversal.amountCents);
      await outbox.enqueue({
        kind: 'post',
        key: `alert:${transfer.id}:reversal:${reversal.id}`,
        channel: channelId,
        message: alert,
        digest: { group: ALERTS_GROUP, line: digestLine(alert) },
      });
      await outbox.enqueue({
        kind: 'dm',
        key: `dm:reversed:${reversal.id}`,
        user: transfer.writerSlackUserId,
        message: writerReversedMessage(transfer, {
          stripeReversalId: reversal.id,
          amountCents: reversal.amountCents,
        }),
      });
    },
  };
}
