import type { ReminderStore } from '../../domain/reminders/ports';
import type { ReminderState } from '../../domain/reminders/schedule';
import type { Models } from '../models';
import { isDuplicateKeyError } from './errors';

/** Reminder claims: an insert (the first) or a compare-and-set on the count (the next ones). */
export function requestRemindersRepository(models: Models): ReminderStore {
  const reminders = models.requestReminders;

  async function insertOnce(doc: Parameters<typeof reminders.create>[0]): Promise<boolean> {
    try {
      await reminders.create(doc);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  return {
    async statesOf(keys) {
      const docs = keys.length === 0 ? [] : await reminders.find({ key: { $in: keys } }).lean();
      return new Map<string, ReminderState>(
        docs.map((doc) => [
          doc.key,
          {
            sent: doc.sent,
            lastRemindedAt: doc.lastRemindedAt ?? null,
            lastWarningAt: doc.lastWarningAt ?? null,
            // Claims stored before this was recorded were queued in the same breath.
            queued: doc.queued !== false,
          },
        ]),
      );
    },

    async claim(key, expectedSent, at, lastWarning) {
      const warning = lastWarning ? at : null;
      if (expectedSent === 0) {
        return insertOnce({
          key,
          sent: 1,
          lastRemindedAt: at,
          lastWarningAt: warning,
          queued: false,
          createdAt: at,
        });
      }
      const result = await reminders.updateOne(
        { key, sent: expectedSent },
        {
          $set: {
            sent: expectedSent + 1,
            lastRemindedAt: at,
            queued: false,
            ...(lastWarning ? { lastWarningAt: at } : {}),
          },
        },
      );
      return result.modifiedCount === 1;
    },

    async markQueued(key, sent) {
      await reminders.updateOne({ key, sent }, { $set: { queued: true } });
    },

    async claimExpiryNotice(key, at) {
      const noticeKey = `expired:${key}`;
      const first = await insertOnce({
        key: noticeKey,
        sent: 0,
        lastRemindedAt: at,
        lastWarningAt: null,
        queued: false,
        createdAt: at,
      });
      // Claimed before and never queued: queue it again (the outbox sends its key once).
      return first || (await reminders.exists({ key: noticeKey, queued: false })) !== null;
    },

    async markExpiryNoticeQueued(key) {
      await reminders.updateOne({ key: `expired:${key}` }, { $set: { queued: true } });
    },
  };
}
