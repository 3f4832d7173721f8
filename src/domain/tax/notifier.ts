import type { Writer } from '../onboarding/types';
import type { CrossCheckDifference } from './cross-check';
import type { TaxDetails } from './tax-details';
import type { TaxThreshold } from './thresholds';

export type ThresholdAlert = {
  year: number;
  writer: Writer;
  netCents: number;
  threshold: TaxThreshold;
  taxDetails: TaxDetails;
};

export type CrossCheckNews = {
  year: number;
  /** Writers whose figures differ from Stripe's, each with what differs. */
  writers: { writer: Writer; differences: CrossCheckDifference[] }[];
};

/** Finance-channel news about tax figures; src/slack/notify/tax-notifier.ts sends it through the outbox. */
export type TaxNotifier = {
  /** The alert for one writer and year; the key makes a repeat a no-op. */
  thresholdCrossed(alert: ThresholdAlert): Promise<void>;
  crossCheckDifferences(news: CrossCheckNews): Promise<void>;
};
