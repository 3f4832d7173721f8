import type { ApprovableRequestStore } from '../requests/ports';
import type { Topup } from './types';

export type NewTopup = Omit<Topup, 'id' | 'ref' | 'idempotencyKey' | 'updatedAt'>;

/** The top-ups' storage, as the top-up use cases need it. */
export type TopupsStore = ApprovableRequestStore<Topup> & {
  /** Stores the request with its idempotency key before anything is sent to Stripe. */
  create(fields: NewTopup): Promise<Topup>;
  /** Compare-and-set on the stored key of a `submitting` top-up (see requests/key-window.ts). */
  renewIdempotencyKey(id: string, from: string, to: string, at: Date): Promise<boolean>;
  /** Pending top-ups past their expected date, oldest first. */
  overduePending(now: Date): Promise<Topup[]>;
  findByStripeId(stripeTopupId: string): Promise<Topup | undefined>;
  /** Records Stripe's id on a top-up whose status a webhook already moved past `submitting`. */
  attachStripeId(id: string, stripeTopupId: string, expectedAvailableAt: Date): Promise<void>;
  /** The alert for this status is queued (the Slack outbox sends it once). */
  markAlerted(id: string, status: Topup['status']): Promise<void>;
  /** Settled, failed, cancelled or reversed top-ups whose channel alert has not gone out. */
  alertsDue(olderThan: Date): Promise<Topup[]>;
  listRecent(limit: number): Promise<Topup[]>;
  inFlight(): Promise<Topup[]>;
};
