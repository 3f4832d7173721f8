import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import type { StoredStripeEvent, StripeEventsStore } from '../../domain/webhooks/ports';
import type { StripeEndpoint } from '../../domain/webhooks/receive-stripe-event';
import { InsertBatcher } from '../insert-batcher';
import type { Models } from '../models';
import type { StripeEventRecord } from '../models/stripe-event';

/**
 * The webhook inbox, one row per Stripe event id: stored once at intake (a redelivery is a
 * duplicate), claimed by one worker at a time with a claim that expires, marked processed.
 */
export function stripeEventsRepository(models: Models): StripeEventsStore {
  const events = models.stripeEvents;
  // Intake is the hot path: deliveries arriving together are written together (group commit),
  // with the driver's insert rather than mongoose documents, every field given.
  const intake = new InsertBatcher<StripeEventRecord>((docs) =>
    events.collection.insertMany(docs, { ordered: false }),
  );
  return {
    async store(event: Stripe.Event, body: string, signedFor: StripeEndpoint[], now: Date) {
      const outcome = await intake.insert({
        eventId: event.id,
        type: event.type,
        account: event.account ?? null,
        livemode: event.livemode,
        payload: body,
        signedFor,
        receivedAt: now,
        processedAt: null,
        claimedUntil: new Date(0),
        claimToken: null,
        ignored: null,
        attempts: 0,
        lastError: null,
      });
      if (outcome === 'stored') return 'stored';
      // An event ignored before (an account not linked yet, say) is looked at again when resent,
      // and so is one stored before the inbox kept bodies and never finished.
      await events.updateOne(
        {
          eventId: event.id,
          $or: [{ ignored: { $ne: null } }, { processedAt: null, payload: { $exists: false } }],
        },
        {
          $set: {
            processedAt: null,
            ignored: null,
            claimedUntil: new Date(0),
            payload: body,
            signedFor,
          },
        },
      );
      return 'duplicate';
    },

    async claimNext(now: Date, claimMs: number): Promise<StoredStripeEvent | undefined> {
      const doc = await events
        .findOneAndUpdate(
          { processedAt: null, claimedUntil: { $lte: now }, payload: { $exists: true } },
          {
            $set: { claimedUntil: new Date(now.getTime() + claimMs), claimToken: randomUUID() },
            $inc: { attempts: 1 },
          },
          { sort: { receivedAt: 1 }, returnDocument: 'after' },
        )
        .lean();
      if (!doc) return undefined;
      return {
        event: JSON.parse(doc.payload as string) as Stripe.Event,
        signedFor: (doc.signedFor ?? []) as StripeEndpoint[],
        attempts: doc.attempts,
        claimToken: doc.claimToken as string,
      };
    },

    async markProcessed(eventId: string, now: Date, outcome: { handled: boolean; ignored?: string }) {
      await events.updateOne(
        { eventId, processedAt: null },
        { $set: { processedAt: now, handled: outcome.handled, ignored: outcome.ignored ?? null } },
      );
    },

    async release(eventId: string, claimToken: string, reason: string, retryAt: Date) {
      await events.updateOne(
        { eventId, processedAt: null, claimToken },
        { $set: { claimedUntil: retryAt, lastError: reason.slice(0, 500) } },
      );
    },

    async dropBodies(processedBefore: Date) {
      const result = await events.updateMany(
        { processedAt: { $ne: null, $lt: processedBefore }, payload: { $exists: true } },
        { $unset: { payload: 1 } },
      );
      return result.modifiedCount;
    },

    async backlog() {
      const filter = { processedAt: null, payload: { $exists: true } };
      const [count, oldest] = await Promise.all([
        events.countDocuments(filter),
        events.findOne(filter, { receivedAt: 1 }).sort({ receivedAt: 1 }).lean(),
      ]);
      return { count, oldestReceivedAt: oldest?.receivedAt ?? null };
    },

    async count(filter: Record<string, unknown> = {}): Promise<number> {
      return events.countDocuments(filter);
    },
  };
}
