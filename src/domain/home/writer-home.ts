import { describeRequirements } from '../onboarding/requirements';
import type { Writer } from '../onboarding/types';
import { inFilingMonth, taxYearOf } from '../tax/tax-year';
import type { YearToDate } from '../tax/year-to-date';
import type { Transfer } from '../transfers/types';
import type { HomeDeps } from './ports';

/** Transfers read to find the payments shown; the view shows the newest and says where the rest are. */
const HISTORY = 50;

export type WriterHome = {
  kind: 'writer';
  viewer: string;
  now: Date;
  writer: Writer;
  /** What Stripe still needs from them, in plain words. */
  needs: string[];
  /** Money that reached them (paid, or paid and then reversed in part or whole), newest first. */
  payments: Transfer[];
  /** This tax year's total (the platform's reporting zone); null when unreadable (the rest still shows). */
  yearToDate: YearToDate | null;
  /** Last tax year's total, read only in January (its forms are due by January 31); else null. */
  lastYear: YearToDate | null;
};

export async function loadWriterHome(deps: HomeDeps, writer: Writer): Promise<WriterHome> {
  const now = deps.clock();
  const timeZone = deps.reportingTimeZone;
  const year = taxYearOf(now, timeZone);
  const [history, yearToDate, lastYear] = await Promise.all([
    deps.transfers.history({ writerId: writer.id }, HISTORY),
    deps.yearToDate({ writerId: writer.id, year, timeZone }).catch(() => null),
    inFilingMonth(now, timeZone)
      ? deps.yearToDate({ writerId: writer.id, year: year - 1, timeZone }).catch(() => null)
      : null,
  ]);
  const payments = history
    .filter((transfer) => transfer.paidAt !== null && ['paid', 'reversed'].includes(transfer.status))
    .sort((a, b) => (b.paidAt?.getTime() ?? 0) - (a.paidAt?.getTime() ?? 0));
  return {
    kind: 'writer',
    viewer: writer.slackUserId,
    now,
    writer,
    needs: describeRequirements(writer.requirementsDue),
    payments,
    yearToDate,
    lastYear,
  };
}
