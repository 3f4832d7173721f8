import type { SlackRequestLedger } from '../../domain/ports/slack-requests';
import { InsertBatcher } from '../insert-batcher';
import type { Models } from '../models';
import type { SlackRequestRecord } from '../models/slack-request';

/**
 * Slack signs a request over its timestamp and body and refuses timestamps older than five
 * minutes, so a signature is worth remembering for a little longer than that; Slack re-sends an
 * event for up to about five minutes too. The row expires after `keepMs` (TTL index, clean-up).
 */
export const SLACK_REQUEST_KEEP_MS = 10 * 60 * 1000;

/**
 * One insert per request into a unique index: the insert that loses is the replay. It happens
 * before the ack, so requests arriving together are written together (group commit).
 */
export function slackRequestsRepository(models: Models, keepMs = SLACK_REQUEST_KEEP_MS): SlackRequestLedger {
  const requests = models.slackRequests;
  const ledger = new InsertBatcher<SlackRequestRecord>((docs) =>
    requests.collection.insertMany(docs, { ordered: false }),
  );
  return {
    async remember(identity: string, now: Date): Promise<'first' | 'seen'> {
      const outcome = await ledger.insert({
        identity,
        receivedAt: now,
        expiresAt: new Date(now.getTime() + keepMs),
      });
      return outcome === 'stored' ? 'first' : 'seen';
    },
  };
}
