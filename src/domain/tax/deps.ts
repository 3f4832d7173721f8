import type { Logger } from '../../logger';
import type { LeasesStore } from '../reconciler/ports';
import type { TaxNotifier } from './notifier';
import type { TaxAlertsStore, TaxLedger, TaxStripe, TaxWriters } from './ports';

export type TaxDeps = {
  transfers: TaxLedger;
  writers: TaxWriters;
  alerts: TaxAlertsStore;
  stripe: TaxStripe;
  notifier: TaxNotifier;
  leases: LeasesStore;
  clock: () => Date;
  logger: Logger;
  /** REPORTING_TIME_ZONE: tax years are calendar years there. */
  timeZone: string;
  /** TAX_THRESHOLDS_CENTS, over the defaults in thresholds.ts. */
  thresholds: Record<number, number>;
  crossCheck: { sampleSize: number; everyMs: number };
};
