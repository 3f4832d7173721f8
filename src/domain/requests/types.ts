export type SlackUserRef = { teamId: string; userId: string };
export type SlackMessageRef = { channel: string; ts: string };
/** `audited` is false until the approval's audit entry is written (the reconciler writes lost ones). */
export type Approval = { userId: string; at: Date; audited?: boolean };
export type Rejection = { userId: string; at: Date; reason: string };
export type StripeFailure = { code: string; message: string };

/** What top-ups, transfers and payout runs share: a four-eyes decision on a stored request. */
export type ApprovableRequest = {
  id: string;
  ref: string;
  amountCents: number;
  status: string;
  requestedBy: SlackUserRef;
  requestedAt: Date;
  requiredApprovals: number;
  approvals: Approval[];
  rejection: Rejection | null;
  decidedAt: Date | null;
  updatedAt: Date;
  /** Raised by one with every change the database records; orders states across replicas' clocks. */
  stateVersion?: number;
  /** Finance members who may approve it (not the requester, not a payee), as at request time. */
  eligibleApprovers?: string[];
};

export type ApprovalRefusal =
  | 'not_found'
  | 'not_finance'
  | 'self_approval'
  | 'already_approved_by_you'
  | 'already_decided';

export type ApprovalOutcome<R extends ApprovableRequest> =
  | { kind: 'approved'; request: R }
  | { kind: 'waiting'; request: R }
  | { kind: 'refused'; reason: ApprovalRefusal; request?: R };
