import type Stripe from 'stripe';
import type { StripeEndpoint } from './receive-stripe-event';

/** A verified event waiting in the inbox, as stored at intake. */
export type StoredStripeEvent = {
  event: Stripe.Event;
  signedFor: StripeEndpoint[];
  attempts: number;
  /** Identifies this claim: only its holder may hand the event back. */
  claimToken: string;
};

/**
 * The webhook inbox: one row per Stripe event id, stored before Stripe gets its answer and
 * processed afterwards by whichever replica claims it (the claim expires, so none is lost).
 */
export type StripeEventsStore = {
  /**
   * One insert of the event and its body as Stripe sent it; `duplicate` when the event id is
   * stored already (an ignored one is queued again).
   */
  store(
    event: Stripe.Event,
    body: string,
    signedFor: StripeEndpoint[],
    now: Date,
  ): Promise<'stored' | 'duplicate'>;
  /** The oldest unprocessed event nobody holds, claimed until `now + claimMs`. */
  claimNext(now: Date, claimMs: number): Promise<StoredStripeEvent | undefined>;
  markProcessed(eventId: string, now: Date, outcome: { handled: boolean; ignored?: string }): Promise<void>;
  /** A failed attempt by the claim's holder: left for another try at `retryAt`. */
  release(eventId: string, claimToken: string, reason: string, retryAt: Date): Promise<void>;
  /**
   * Forgets the bodies of events processed before then; the rows stay, so a redelivery is still
   * a duplicate. Returns how many bodies were dropped.
   */
  dropBodies(processedBefore: Date): Promise<number>;
  /** How many are waiting, and since when the oldest has. */
  backlog(): Promise<{ count: number; oldestReceivedAt: Date | null }>;
  count(filter?: Record<string, unknown>): Promise<number>;
};
