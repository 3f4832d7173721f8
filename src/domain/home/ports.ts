import type { AuditEntry } from '../audit/types';
import type { Writer, WritersStore } from '../onboarding/types';
import type { BalanceSummary } from '../ports/stripe-gateway';
import type { WaitingRequestsSource } from '../requests/waiting';
import type { YearToDate } from '../tax/year-to-date';
import type { Topup } from '../topups/types';
import type { Transfer } from '../transfers/types';

/** One of the viewer's own requests, as the finance Home lists them. */
export type OwnRequest = {
  kind: 'topup' | 'transfer' | 'payout_run';
  id: string;
  ref: string;
  amountCents: number;
  status: string;
  requestedAt: Date;
  /** The writer a transfer pays; null otherwise. */
  payee: string | null;
  /** For a payout run: how many writers. */
  lineCount?: number;
  approvals: number;
  requiredApprovals: number;
  /** For a transfer: how much of it was reversed. */
  reversedCents: number;
};

export type OwnRequestsSource = {
  /** The newest requests this Slack user made, of every kind, newest first. */
  requestedBy(userId: string, limit: number): Promise<OwnRequest[]>;
};

/** What the Home use cases read: existing repositories and ports, nothing new that writes. */
export type HomeDeps = {
  clock: () => Date;
  finance: { isMember(userId: string): Promise<boolean>; members(): Promise<string[]> };
  waiting: WaitingRequestsSource;
  ownRequests: OwnRequestsSource;
  balance(): Promise<BalanceSummary>;
  topups: { inFlight(): Promise<Topup[]> };
  transfers: { history(filter: { writerId?: string }, limit: number): Promise<Transfer[]> };
  writers: Pick<WritersStore, 'findBySlackUser' | 'list'>;
  audit: { latest(limit: number): Promise<AuditEntry[]> };
  /** A writer's paid, reversed and net total for a tax year (src/domain/tax/year-to-date.ts). */
  yearToDate(input: { writerId: string; year: number; timeZone: string }): Promise<YearToDate>;
  /** Tax years are the platform's, in this zone (REPORTING_TIME_ZONE), not the reader's. */
  reportingTimeZone: string;
  policy: { requestExpiryDays: number };
};

export type { Writer };
