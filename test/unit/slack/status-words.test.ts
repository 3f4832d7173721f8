import { renderMessageText } from '../../../sandbox/slack';
import { refWithAttempt, statusWords, transferStatusWords } from '../../../src/domain/status-words';
import { approvalRefusalMessage } from '../../../src/slack/views/approval-refusal';
import { payoutRunMessage } from '../../../src/slack/views/batch-message';
import { historyMessage } from '../../../src/slack/views/requests-list';
import { topupMessage } from '../../../src/slack/views/topup-message';
import { transferMessage } from '../../../src/slack/views/transfer-message';
import { AT, run, topup, transfer } from './request-fixtures';

const INTERNAL = /\b(submitting|succeeded|requested|canceled)\b/;

describe('one mapping from status to words', () => {
  it('says every status in the words of the UX guide', () => {
    expect(statusWords('requested')).toBe('waiting for approval');
    expect(statusWords('submitting')).toBe('sending to Stripe');
    expect(statusWords('pending')).toBe('pending at Stripe');
    expect(statusWords('succeeded')).toBe('settled');
    expect(statusWords('canceled')).toBe('cancelled');
    expect(statusWords('something new')).toBe('in progress');
    expect(transferStatusWords({ status: 'paid', amountCents: 900, amountReversedCents: 450 })).toBe(
      'paid, $4.50 of $9.00 reversed',
    );
    expect(refWithAttempt({ ref: 'TR-0003', attempt: 2 })).toBe('TR-0003 (attempt 2)');
    expect(refWithAttempt({ ref: 'TR-0003', attempt: 1 })).toBe('TR-0003');
  });

  it('cards, history and refusals never show an internal status word', () => {
    const settled = topup({ status: 'succeeded', stripeTopupId: 'tu_1', settledAt: AT });
    const sending = transfer({ status: 'submitting' });
    const texts = [
      renderMessageText(topupMessage(settled)),
      renderMessageText(topupMessage(topup({ status: 'canceled', canceledBy: 'UFIN0002' }))),
      renderMessageText(transferMessage(sending)),
      renderMessageText(payoutRunMessage(run({ status: 'canceled' }))),
      historyMessage([
        { kind: 'topup', request: settled },
        { kind: 'transfer', request: sending },
      ]).text,
    ];
    for (const text of texts) expect(text).not.toMatch(INTERNAL);
    expect(renderMessageText(topupMessage(settled))).toContain('TU-0007 · $2,000.00 · settled');
    expect(texts[4]).toContain('sending to Stripe');
  });
});

describe('a click that came too late, told to the person who clicked', () => {
  const approved = topup({
    status: 'pending',
    approvals: [{ userId: 'UFIN0002', at: AT }],
    stripeTopupId: 'tu_1',
  });

  it('speaks to the approver as "you", without internal words', () => {
    const text = approvalRefusalMessage('already_decided', approved, 'UFIN0002').text;
    expect(text).toMatch(/^You already approved TU-0007 <!date\^\d+\^/);
    expect(text).toContain('It is now pending at Stripe.');
    expect(text).not.toContain('<@UFIN0002>');
  });

  it('names the approver to anyone else', () => {
    const text = approvalRefusalMessage('already_decided', approved, 'UFIN0003').text;
    expect(text).toMatch(/^<@UFIN0002> <!date.*> already approved TU-0007\. It is now pending at Stripe\.$/);
  });

  it('says "you" to the person who rejected it, too', () => {
    const rejected = topup({
      status: 'rejected',
      rejection: { userId: 'UFIN0003', at: AT, reason: 'Wrong account' },
    });
    expect(approvalRefusalMessage('already_decided', rejected, 'UFIN0003').text).toMatch(
      /^You already rejected TU-0007 .*: Wrong account$/,
    );
    expect(approvalRefusalMessage('already_decided', rejected, 'UFIN0002').text).toMatch(
      /^<@UFIN0003> already rejected TU-0007/,
    );
  });
});
