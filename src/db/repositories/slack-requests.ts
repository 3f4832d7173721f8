import type { SlackRequestLedger } from '../../domain/ports/slack-requests';
import type { Models } from '../models';
import { isDuplicateKeyError } from './errors';

/**
 * Slack signs a request over its timestamp and body and refuses timestamps older than five
 * minutes, so a signature is worth remembering for a little longer than that; Slack re-sends an
 * event for up to about five minutes too. The row expires after `keepMs` (TTL index, clean-up).
 */
export const SLACK_REQUEST_KEEP_MS = 10 * 60 * 1000;

/** One insert per request into a unique index: the insert that loses is the replay. */
export function slackRequestsRepository(models: Models, keepMs = SLACK_REQUEST_KEEP_MS): SlackRequestLedger {
  const requests = models.slackRequests;
  return {
    async remember(identity: string, now: Date): Promise<'first' | 'seen'> {
      try {
        await requests.create({ identity, receivedAt: now, expiresAt: new Date(now.getTime() + keepMs) });
        return 'first';
      } catch (error) {
        if (isDuplicateKeyError(error)) return 'seen';
        throw error;
      }
    },
  };
}
