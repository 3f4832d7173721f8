export type ClaimOutcome = 'claimed' | 'already-processed' | 'in-progress';

/** The webhook inbox: one row per Stripe event id, claimed for a while by whoever processes it. */
export type StripeEventsStore = {
  claim(
    event: { id: string; type: string; account?: string | null; livemode: boolean },
    now: Date,
  ): Promise<ClaimOutcome>;
  markProcessed(eventId: string, now: Date, handled: boolean): Promise<void>;
  release(eventId: string, reason: string): Promise<void>;
  count(filter?: Record<string, unknown>): Promise<number>;
};
