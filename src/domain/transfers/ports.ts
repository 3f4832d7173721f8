import type { ApprovableRequestStore } from '../requests/ports';
import type { TaxLedger } from '../tax/ports';
import type { ReversalRequest, Transfer } from './types';

export type NewTransfer = Omit<
  Transfer,
  'id' | 'ref' | 'idempotencyKey' | 'originKey' | 'transferGroup' | 'updatedAt'
> & {
  /** A retry shares its first attempt's group and gets a key of its own. */
  transferGroup?: string;
  idempotencyKey?: string;
  /** A retry keeps the request's reference (unique with `attempt`); otherwise a new one is taken. */
  ref?: string;
};

/** Status changes shared with other requests, and the tax year's reads (domain/tax). */
type TransferRequestsAndLedger = ApprovableRequestStore<Transfer> & TaxLedger;

/** The transfers' storage, as the transfer, reversal, payout-run and tax use cases need it. */
export type TransfersStore = TransferRequestsAndLedger & {
  /**
   * Stores the request with its idempotency key before anything goes to Stripe. Resolves
   * `undefined` when a request with the same key exists already (a duplicate retry click).
   */
  create(fields: NewTransfer): Promise<Transfer | undefined>;
  /** By the key it was created with (or holds now). */
  findByIdempotencyKey(idempotencyKey: string): Promise<Transfer | undefined>;
  /** Compare-and-set on the stored key of a `submitting` transfer (see requests/key-window.ts). */
  renewIdempotencyKey(id: string, from: string, to: string, at: Date): Promise<boolean>;
  findByStripeId(stripeTransferId: string): Promise<Transfer | undefined>;
  /** Claims a failed attempt for one retry (compare-and-set on `retriedBy: null`). */
  claimRetry(id: string, retryKey: string): Promise<boolean>;
  linkRetry(id: string, retryKey: string, retryId: string): Promise<void>;
  /**
   * Adds one Stripe reversal once (by its id) and its amount to the total atomically, so two
   * reversals recorded at the same moment both count and the total never goes down; the transfer
   * becomes `reversed` once the total reaches its amount. `undefined` when it was recorded already.
   */
  recordReversal(id: string, reversal: Transfer['reversals'][number]): Promise<Transfer | undefined>;
  /** A reversal's alert and DM are queued (see TransferReversal.announced). */
  markReversalAnnounced(id: string, stripeReversalId: string): Promise<void>;
  /** The writer's "you were paid" DM is queued (the Slack outbox sends it once). */
  markWriterNotified(id: string): Promise<void>;
  /** Transfers outside payout runs in these statuses, oldest first (runs drive their own lines). */
  standaloneByStatus(statuses: string[], options: { olderThan: Date }): Promise<Transfer[]>;
  paidWithoutNotice(olderThan: Date): Promise<Transfer[]>;
  /** Transfers with a reversal recorded but not announced (a crash in between), oldest first. */
  unannouncedReversals(olderThan: Date): Promise<Transfer[]>;
  /** Compare-and-set: a paid transfer with no reversal waiting gets this one. */
  requestReversal(id: string, request: ReversalRequest, now: Date): Promise<Transfer | undefined>;
  /** Compare-and-set: the one approver of the waiting reversal (never its requester). */
  approveReversal(
    id: string,
    idempotencyKey: string,
    approverId: string,
    now: Date,
  ): Promise<Transfer | undefined>;
  /** Approved reversals whose Stripe call has not been recorded since `olderThan`. */
  reversalsApprovedBefore(olderThan: Date): Promise<Transfer[]>;
  /** Compare-and-set on the stored key of an approved reversal (see requests/key-window.ts). */
  renewReversalKey(id: string, from: string, to: string, at: Date): Promise<boolean>;
  clearReversalRequest(id: string, idempotencyKey: string): Promise<Transfer | undefined>;
  /** Every attempt of the request with this reference (`TR-0003`), first attempt first. */
  findByRef(ref: string): Promise<Transfer[]>;
  /** Paid transfers with a reversal asked for and not yet made, oldest request first. */
  reversalsWaiting(limit: number): Promise<Transfer[]>;
  history(filter: { writerId?: string }, limit: number): Promise<Transfer[]>;
};

/** The daily transfer cap: one counter per UTC day, reserved atomically. */
export type DailyTotalsStore = {
  reserve(day: string, amountCents: number, capCents: number): Promise<boolean>;
  release(day: string, amountCents: number): Promise<void>;
  used(day: string): Promise<number>;
};
