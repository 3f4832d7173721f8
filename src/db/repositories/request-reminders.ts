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
          },
        ]),
      );
    },

    async claim(key, expectedSent, at, lastWarning) {
      const warning = lastWarning ? at : null;
      if (expectedSent === 0) {
        return insertOnce({ key, sent: 1, lastRemindedAt: at, lastWarningAt: warning, createdAt: at });
      }
      const result = await reminders.updateOne(
        { key, sent: expectedSent },
        {
          $set: { sent: expectedSent + 1, lastRemindedAt: at, ...(lastWarning ? { lastWarningAt: at } : {}) },
        },
      );
      return result.modifiedCount === 1;
    },

    claimExpiryNotice(key, at) {
      return insertOnce({
        key: `expired:${key}`,
        sent: 0,
        lastRemindedAt: at,
        lastWarningAt: null,
        createdAt: at,
      });
    },
  };
}
