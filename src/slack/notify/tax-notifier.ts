import { createHash } from 'node:crypto';
import type { SlackOutbox } from '../../domain/ports/slack-outbox';
import type { TaxNotifier } from '../../domain/tax/notifier';
import { digestLine } from '../views/alert-digest';
import { crossCheckAlert, thresholdCrossedAlert } from '../views/tax-alerts';
import { ALERTS_GROUP } from './outbox-sends';

/** Tax news in the finance channel, through the outbox; each alert's key makes it once. */
export function taxNotifier(deps: { outbox: SlackOutbox; channelId: string }): TaxNotifier {
  const post = async (key: string, message: ReturnType<typeof thresholdCrossedAlert>) => {
    await deps.outbox.enqueue({
      kind: 'post',
      key,
      channel: deps.channelId,
      message,
      digest: { group: ALERTS_GROUP, line: digestLine(message) },
    });
  };
  return {
    thresholdCrossed: (alert) =>
      post(`alert:tax-threshold:${alert.year}:${alert.writer.id}`, thresholdCrossedAlert(alert)),
    // The same differences found again an hour later are not posted again.
    crossCheckDifferences: (news) => {
      const fingerprint = createHash('sha256')
        .update(JSON.stringify(news.writers.map((w) => [w.writer.id, w.differences])))
        .digest('hex');
      return post(`alert:tax-cross-check:${news.year}:${fingerprint.slice(0, 24)}`, crossCheckAlert(news));
    },
  };
}
