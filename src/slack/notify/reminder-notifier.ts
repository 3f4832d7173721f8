import type { WebClient } from '@slack/web-api';
import type { SlackOutbox } from '../../domain/ports/slack-outbox';
import type { ReminderNotifier } from '../../domain/reminders/ports';
import { type WaitingRequest, waitingKey } from '../../domain/requests/waiting';
import type { Logger } from '../../logger';
import { expiredDm, reminderDm } from '../views/reminder-messages';

/**
 * Reminder DMs through the Slack outbox, each under a stable key (request, reminder number,
 * person), so a DM is sent once however often it is queued. The link to the request's message
 * comes from chat.getPermalink; without it the DM still says where to decide.
 */
export function reminderNotifier(deps: {
  slack: WebClient;
  outbox: SlackOutbox;
  logger: Logger;
}): ReminderNotifier {
  async function permalinkOf(request: WaitingRequest): Promise<string | undefined> {
    const message = request.slackMessage;
    if (!message) return undefined;
    try {
      const result = await deps.slack.chat.getPermalink({ channel: message.channel, message_ts: message.ts });
      return result.permalink;
    } catch (error) {
      deps.logger.warn({ err: error, ref: request.ref }, 'no permalink for the request message');
      return undefined;
    }
  }

  return {
    async remind(reminder, stillWaiting) {
      const message = reminderDm(reminder, await permalinkOf(reminder.request));
      // Asked last, after Slack answered: a request decided meanwhile gets no reminder.
      if (!(await stillWaiting())) return false;
      const key = waitingKey(reminder.request);
      let queued = false;
      for (const user of reminder.approvers) {
        const result = await deps.outbox.enqueue({
          kind: 'dm',
          key: `reminder:${key}:${reminder.number}:${user}`,
          user,
          message,
        });
        queued ||= result === 'queued';
      }
      return queued;
    },
    async expired(request, expiryDays) {
      const message = expiredDm(request, expiryDays, await permalinkOf(request));
      await deps.outbox.enqueue({
        kind: 'dm',
        key: `expired:${waitingKey(request)}`,
        user: request.requestedBy,
        message,
      });
    },
  };
}
