import { renderMessageText } from '../../../sandbox/slack';
import type { PayoutRunHeader } from '../../../src/domain/batch/types';
import { payoutRunMessage } from '../../../src/slack/views/batch-message';

const REQUESTED = new Date('2026-11-30T12:00:00Z');
const EXPIRED = new Date('2026-12-07T12:01:00Z');

function run(overrides: Partial<PayoutRunHeader>): PayoutRunHeader {
  return {
    id: '6b06cfc2cc0de2c38654fa05',
    ref: 'PR-0007',
    amountCents: 250_000,
    status: 'requested',
    requestedBy: { teamId: 'T1', userId: 'UFIN0001' },
    requestedAt: REQUESTED,
    requiredApprovals: 2,
    approvals: [],
    rejection: null,
    decidedAt: null,
    updatedAt: REQUESTED,
    currency: 'usd',
    idempotencyKey: 'batch:6b06cfc2cc0de2c38654fa05',
    basis: 'amount',
    sharePercent: null,
    sharePpm: null,
    defaultMemo: '',
    source: 'api',
    sourceBytes: 100,
    lineCount: 3,
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

describe('the payout run message', () => {
  it('offers Approve and Reject while the run waits', () => {
    expect(renderMessageText(payoutRunMessage(run({})))).toContain('[Approve] [Reject]');
  });

  it('says an expired run expired, when, and what to do, without buttons', () => {
    const message = payoutRunMessage(
      run({
        status: 'expired',
        decidedAt: EXPIRED,
        approvals: [{ userId: 'UFIN0002', at: REQUESTED }],
      }),
    );
    const text = renderMessageText(message);
    expect(text).toContain('Payout run PR-0007 · expired');
    expect(text).toContain(`Expired ${EXPIRED.toISOString()}* without a decision`);
    expect(text).toContain('it still needed one more approval');
    expect(text).toContain('Nothing was paid');
    expect(text).toContain('upload it again with `/payouts batch`');
    expect(message.blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(message.text).toBe('PR-0007 · payout run of $2,500.00 · expired');
  });
});
