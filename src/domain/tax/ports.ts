import type { Writer } from '../onboarding/types';
import type { Transfer } from '../transfers/types';
import type { TaxDetails } from './tax-details';

/** A half-open span of time, `from` included, `to` excluded (a tax year in the reporting zone). */
export type TimeRange = { from: Date; to: Date };

/** One writer's money in a range: transfers paid in it, and reversals made in it. */
export type WriterMoneyTotals = {
  writerId: string;
  paidCents: number;
  paidCount: number;
  reversedCents: number;
  reversalCount: number;
};

/**
 * What the tax figures read from the transfers' storage. The transfers repository implements it
 * (so `services.transferDeps.transfers` can be passed as is).
 */
export type TaxLedger = {
  /**
   * Per writer with any money in the range: the transfers whose `paidAt` is in it and the
   * reversals whose `at` is in it (each counted in its own range, see tax/year-to-date.ts).
   * `writerIds` narrows it to those writers.
   */
  moneyTotals(range: TimeRange, writerIds?: string[]): Promise<WriterMoneyTotals[]>;
  /** One writer's transfers paid in the range or with a reversal made in it, oldest payment first. */
  moneyActivity(writerId: string, range: TimeRange): Promise<Transfer[]>;
};

/** Writers as the tax figures name them. */
export type TaxWriters = {
  findById(id: string): Promise<Writer | undefined>;
  findBySlackUser(teamId: string, userId: string): Promise<Writer | undefined>;
  /** Those of `ids` that exist, in no particular order. */
  findMany(ids: string[]): Promise<Writer[]>;
};

/**
 * One threshold alert per writer and tax year, across replicas: `claim` inserts a marker with a
 * unique key before the alert is queued, so only one caller ever sends it.
 */
export type TaxAlertsStore = {
  /** True for the one caller that stored the marker; false when it exists already. */
  claim(year: number, writerId: string, now: Date): Promise<boolean>;
  markSent(year: number, writerId: string, now: Date): Promise<void>;
  /** Markers claimed before `olderThan` whose alert was never recorded as queued (the claimer died). */
  unsent(olderThan: Date): Promise<{ year: number; writerId: string }[]>;
};

/** A transfer as Stripe has it, for the cross-check. */
export type StripeTransferFacts = {
  id: string;
  amountCents: number;
  amountReversedCents: number;
  created: Date;
};

/** The Stripe reads of the cross-check (src/stripe/tax-gateway.ts). */
export type TaxStripe = {
  /** Every transfer to `destination` that Stripe created in the range (all pages). */
  transfersTo(destination: string, range: TimeRange): Promise<StripeTransferFacts[]>;
  /** What Stripe has of the account's taxpayer id right now (see tax-details.ts). */
  taxDetailsOf(accountId: string): Promise<TaxDetails>;
};
