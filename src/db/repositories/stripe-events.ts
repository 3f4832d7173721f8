import type { ClaimOutcome, StripeEventsStore } from '../../domain/webhooks/ports';
import type { Models } from '../models';
import { isDuplicateKeyError } from './errors';

/**
 * One row per Stripe event id. A delivery claims the event for a short while; a duplicate that
 * arrives while the claim is held or after processing is acknowledged without running handlers,
 * and one that arrives after a crashed attempt's claim expired takes it over.
 */
export function stripeEventsRepository(models: Models, claimMs = 30_000): StripeEventsStore {
  const events = models.stripeEvents;
  return {
    async claim(
      event: { id: string; type: string; account?: string | null; livemode: boolean },
      now: Date,
    ): Promise<ClaimOutcome> {
      try {
        await events.create({
          eventId: event.id,
          type: event.type,
          account: event.account ?? null,
          livemode: event.livemode,
          receivedAt: now,
          processedAt: null,
          claimedUntil: new Date(now.getTime() + claimMs),
          attempts: 1,
          lastError: null,
        });
        return 'claimed';
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const retaken = await events
        .findOneAndUpdate(
          { eventId: event.id, processedAt: null, claimedUntil: { $lt: now } },
          { $set: { claimedUntil: new Date(now.getTime() + claimMs) }, $inc: { attempts: 1 } },
          { returnDocument: 'after' },
        )
        .lean();
      if (retaken) return 'claimed';
      const existing = await events.findOne({ eventId: event.id }, { processedAt: 1 }).lean();
      return existing?.processedAt ? 'already-processed' : 'in-progress';
    },

    async markProcessed(eventId: string, now: Date, handled: boolean): Promise<void> {
      await events.updateOne({ eventId, processedAt: null }, { $set: { processedAt: now, handled } });
    },

    async release(eventId: string, reason: string): Promise<void> {
      await events.updateOne(
        { eventId, processedAt: null },
        { $set: { claimedUntil: new Date(0), lastError: reason.slice(0, 500) } },
      );
    },

    async count(filter: Record<string, unknown> = {}): Promise<number> {
      return events.countDocuments(filter);
    },
  };
}
