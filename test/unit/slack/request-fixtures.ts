import type { PayoutRunHeader } from '../../../src/domain/batch/types';
import type { Topup } from '../../../src/domain/topups/types';
import type { Transfer } from '../../../src/domain/transfers/types';

/** Requests as the views receive them, for view tests; each test states only what matters to it. */
export const AT = new Date('2026-11-30T15:42:00Z');

const approvable = {
  id: '6b06cfc2cc0de2c38654fa01',
  requestedBy: { teamId: 'T1', userId: 'UFIN0001' },
  requestedAt: AT,
  requiredApprovals: 1,
  approvals: [],
  rejection: null,
  decidedAt: null,
  updatedAt: AT,
};

export function topup(overrides: Partial<Topup> = {}): Topup {
  return {
    ...approvable,
    ref: 'TU-0007',
    amountCents: 200_000,
    status: 'requested',
    currency: 'usd',
    description: 'Top-up for week of May 31',
    statementDescriptor: 'Weekly top-up',
    idempotencyKey: 'topup:6b06cfc2cc0de2c38654fa01',
    stripeTopupId: null,
    expectedAvailableAt: new Date('2026-12-07T12:00:00Z'),
    failure: null,
    slackMessage: null,
    submittedAt: null,
    settledAt: null,
    canceledBy: null,
    alertedStatus: null,
    ...overrides,
  };
}

export function transfer(overrides: Partial<Transfer> = {}): Transfer {
  return {
    ...approvable,
    ref: 'TR-0042',
    amountCents: 900,
    status: 'requested',
    currency: 'usd',
    writerId: '6b06cfc2cc0de2c38654fa99',
    writerSlackUserId: 'UWRITER01',
    writerName: 'Writer One',
    destination: 'acct_1WRITER',
    memo: 'Answers for May',
    idempotencyKey: 'transfer:6b06cfc2cc0de2c38654fa01',
    transferGroup: '6b06cfc2cc0de2c38654fa01',
    attempt: 1,
    retryOf: null,
    retriedBy: null,
    stripeTransferId: null,
    failure: null,
    shortfall: null,
    slackMessage: null,
    submittedAt: null,
    paidAt: null,
    writerNotified: false,
    amountReversedCents: 0,
    reversals: [],
    reversalRequest: null,
    batchId: null,
    line: null,
    ...overrides,
  };
}

export function run(overrides: Partial<PayoutRunHeader> = {}): PayoutRunHeader {
  return {
    ...approvable,
    ref: 'PR-0003',
    amountCents: 41_200,
    status: 'requested',
    currency: 'usd',
    idempotencyKey: 'batch:6b06cfc2cc0de2c38654fa01',
    basis: 'amount',
    sharePercent: null,
    sharePpm: null,
    defaultMemo: '',
    source: 'api',
    sourceBytes: 100,
    lineCount: 20,
    skippedCount: 0,
    skippedPreview: [],
    skippedByReason: {},
    balanceAtRequest: null,
    slackMessage: null,
    failure: null,
    lease: { holder: null, expiresAt: new Date(0) },
    startedAt: null,
    pause: null,
    resumedAt: null,
    resumedBy: null,
    retryPlan: [],
    completedAt: null,
    progress: null,
    summaryState: 'none',
    resultsFileId: null,
    ...overrides,
  };
}
