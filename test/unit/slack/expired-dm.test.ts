import type { WaitingRequest } from '../../../src/domain/requests/waiting';
import { expiredDm } from '../../../src/slack/views/reminder-messages';

const AT = new Date('2026-11-20T15:00:00Z');

function expired(overrides: Partial<WaitingRequest> = {}): WaitingRequest {
  return {
    kind: 'transfer',
    id: '6b06cfc2cc0de2c38654fa01',
    ref: 'TR-0003',
    amountCents: 900,
    requestedBy: 'UFIN0001',
    requestedAt: AT,
    payee: 'UWRITER01',
    note: 'Answers for May',
    requiredApprovals: 1,
    approvedBy: [],
    expiryFrom: AT,
    slackMessage: null,
    ...overrides,
  };
}

/** The expiry notice says what happened, in words true for each kind and for a half-approved one. */
describe('the expiry notice to the requester', () => {
  it('says how it waited and what did not happen, per kind, and how to ask again', () => {
    const transfer = expiredDm(expired(), 7, undefined);
    expect(transfer.text).toBe('TR-0003 expired: it waited 7 days for approval and was not paid.');
    expect(JSON.stringify(transfer.blocks)).toContain(
      'Request it again with `/transfer` if it is still due.',
    );

    const topup = expiredDm(expired({ kind: 'topup', ref: 'TU-0007', payee: null }), 7, undefined);
    expect(topup.text).toBe('TU-0007 expired: it waited 7 days for approval and moved no money.');
    expect(JSON.stringify(topup.blocks)).toContain('`/topup`');

    const run = expiredDm(
      expired({ kind: 'payout_run', ref: 'PR-0002', payee: null, lineCount: 3 }),
      1,
      undefined,
    );
    expect(run.text).toBe('PR-0002 expired: it waited 1 day for approval and paid nobody.');
    expect(JSON.stringify(run.blocks)).toContain('`/payouts batch`');
  });

  it('a half-approved one did get an approval: the notice says so, and what it waited for', () => {
    const dual = { requiredApprovals: 2, approvedBy: ['UFIN0002'] };
    expect(expiredDm(expired(dual), 7, undefined).text).toBe(
      'TR-0003 expired: it got 1 of the 2 approvals it needs, then waited 7 days for the last one, and was not paid.',
    );
    // A run's expiry counts from its request, not from its last approval.
    expect(expiredDm(expired({ ...dual, kind: 'payout_run', ref: 'PR-0002' }), 7, undefined).text).toBe(
      'PR-0002 expired: it waited 7 days for approval, got 1 of the 2 approvals it needs, and paid nobody.',
    );
    expect(expiredDm(expired({ attempt: 2 }), 7, undefined).text).toMatch(/^TR-0003 \(attempt 2\) expired:/);
  });
});
