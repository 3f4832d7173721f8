import type { ApprovalAuditStore } from './approval-audit';
import type { ApprovalStore } from './approve-request';
import type { ApprovableRequest, Rejection, SlackMessageRef } from './types';

/** What every approvable request's storage offers: compare-and-set status changes and lookups. */
export type ApprovableRequestStore<R extends ApprovableRequest> = ApprovalStore<R> &
  ApprovalAuditStore<R> & {
    /** Compare-and-set: moves the request to `to` only if its status is still one of `from`. */
    transition(
      id: string,
      from: string | string[],
      to: string,
      set?: Record<string, unknown>,
      now?: Date,
    ): Promise<R | undefined>;
    reject(id: string, rejection: Rejection): Promise<R | undefined>;
    setSlackMessage(id: string, message: SlackMessageRef): Promise<void>;
    listByStatus(statuses: string[], options?: { olderThan?: Date; limit?: number }): Promise<R[]>;
  };

/** Who can approve, from Slack: the finance set (re-read at click time) and people's emails. */
export type ApproverDirectory = {
  financeMembers(): Promise<string[]>;
  /** The email Slack shows for the user, or null. */
  emailOf(userId: string): Promise<string | null>;
};
