import { addDays } from 'date-fns';
import type { SlackMessageRef } from './types';

/** Everything that waits for a finance decision: the four kinds of request with Approve / Reject. */
export type WaitingKind = 'topup' | 'transfer' | 'reversal' | 'payout_run';

/** A request waiting for approval, of any kind, as App Home and the reminders show it. */
export type WaitingRequest = {
  kind: WaitingKind;
  /** The stored request's id (for a reversal, the transfer's): what its buttons carry. */
  id: string;
  ref: string;
  /** For a reversal, the amount to take back. */
  amountCents: number;
  requestedBy: string;
  requestedAt: Date;
  /** The writer's Slack user for transfers and reversals; null for top-ups and payout runs. */
  payee: string | null;
  /** The payee's name as stored with the transfer, for plain-text places (confirm dialogs). */
  payeeName?: string | null;
  /** A transfer's attempt (a retry keeps its reference: "TR-0003, attempt 2"). */
  attempt?: number;
  /** For a reversal: its request's idempotency key, which its buttons carry (one transfer may have several in turn). */
  requestKey?: string;
  /** For a reversal: what the transfer paid. */
  paidCents?: number;
  /** For a payout run: how many writers it pays. */
  lineCount?: number;
  /** What the requester typed with it: description, memo or reason. */
  note: string;
  requiredApprovals: number;
  approvedBy: string[];
  /** Finance members who could approve it at request time; absent when Slack could not say then. */
  eligibleApprovers?: string[];
  /**
   * The moment its expiry counts from, as the reconciler and the payout-run watch count it
   * (a top-up's or transfer's last change, a run's request); null when it never expires (reversals).
   */
  expiryFrom: Date | null;
  slackMessage: SlackMessageRef | null;
};

/** Requests waiting for a decision, and those that just expired, across kinds. */
export type WaitingRequestsSource = {
  /** Everything waiting for a decision now, `size` at a time, kind after kind: none is left out. */
  pages(size: number): AsyncIterable<WaitingRequest[]>;
  /** Requests of every kind that expired undecided at or after `since`, `size` at a time. */
  expiredPages(since: Date, size: number): AsyncIterable<WaitingRequest[]>;
  /**
   * The same decision as it stands now, while it still waits; undefined once it was decided or
   * expired (for a reversal, also once another reversal of the transfer took its place).
   */
  current(request: Pick<WaitingRequest, 'kind' | 'id' | 'requestKey'>): Promise<WaitingRequest | undefined>;
  /**
   * What this finance member may approve now (as `pendingApprovers` says): the oldest `limit` of
   * each kind, oldest first, and how many there are in all.
   */
  waitingFor(viewer: string, limit: number): Promise<{ items: WaitingRequest[]; total: number }>;
};

/** When it expires undecided (REQUEST_EXPIRY_DAYS after its expiry starts counting), or null. */
export function expiresAt(request: WaitingRequest, expiryDays: number): Date | null {
  return request.expiryFrom ? addDays(request.expiryFrom, expiryDays) : null;
}

/**
 * Who can still approve it: the finance members eligible at request time (or all of finance when
 * that was not stored) who are still in finance, less the requester, its payee and whoever
 * approved it already. The click itself is checked again by the guarded approval.
 */
export function pendingApprovers(request: WaitingRequest, financeMembers: readonly string[]): string[] {
  const finance = new Set(financeMembers);
  const candidates = request.eligibleApprovers ?? financeMembers;
  return [...new Set(candidates)].filter(
    (userId) =>
      finance.has(userId) &&
      userId !== request.requestedBy &&
      userId !== request.payee &&
      !request.approvedBy.includes(userId),
  );
}

/**
 * A stable key per decision across kinds: a transfer and a reversal of it are two decisions, and
 * a transfer may have one reversal requested after another (each by its own request time).
 */
export function waitingKey(request: Pick<WaitingRequest, 'kind' | 'id' | 'requestedAt'>): string {
  const instance = request.kind === 'reversal' ? `:${request.requestedAt.getTime()}` : '';
  return `${request.kind}:${request.id}${instance}`;
}
