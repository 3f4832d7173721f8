import type { StuckMoney } from '../../../src/domain/alarms/ports';
import { stuckMoneyAlert, stuckMoneyResolved } from '../../../src/slack/views/stuck-money-alert';

const since = new Date('2026-12-01T15:00:00Z');
const unix = since.getTime() / 1000;

const transfer: StuckMoney = {
  kind: 'transfer',
  id: '65a000000000000000000042',
  ref: 'TR-0042',
  status: 'submitting',
  amountCents: 900,
  payeeSlackUserId: 'UWRITER01',
  payoutRunLine: false,
  since,
};
const topup: StuckMoney = {
  kind: 'topup',
  id: '65a000000000000000000007',
  ref: 'TU-0007',
  status: 'approved',
  amountCents: 200_000,
  payeeSlackUserId: null,
  payoutRunLine: false,
  since,
};
const inbox: StuckMoney = { kind: 'inbox', waiting: 4000, since };

const textOf = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks);

describe('the stuck-money alert', () => {
  it('names the reference, amount, payee and since when (in the reader’s time), and what to do', () => {
    const message = stuckMoneyAlert({ items: [transfer], total: 1, thresholdMinutes: 15, followUp: false });
    const text = textOf(message);
    expect(text).toContain('*TR-0042* · $9.00 to <@UWRITER01> · sending to Stripe since');
    expect(text).toContain(`<!date^${unix}^{date_short_pretty} at {time}|`);
    expect(text).toContain('over 15 minutes');
    expect(text).toContain('cannot be paid twice');
    expect(text).not.toContain('Approved, not sent');
    expect(message.text).toBe('Money is stuck: TR-0042 ($9.00) not moving for over 15 minutes');
  });

  it('gives each kind of stuck its own advice, and counts what it does not list', () => {
    const message = stuckMoneyAlert({
      items: [inbox, topup],
      total: 14,
      thresholdMinutes: 20,
      followUp: true,
    });
    const text = textOf(message);
    expect(text).toContain('More money is stuck');
    expect(text).toContain('*Webhook inbox* · 4000 Stripe events waiting');
    expect(text).toContain('*TU-0007* · $2,000.00 to the platform balance · approved, not sent since');
    expect(text).toContain('Approved, not sent');
    expect(text).toContain('Stripe events waiting');
    expect(text).not.toContain('cannot be paid twice');
    expect(text).toContain('14 stuck in all');
  });

  it('says what became of each item once it is resolved, in words people use', () => {
    const message = stuckMoneyResolved({
      raisedAt: since,
      at: new Date('2026-12-01T16:00:00Z'),
      cleared: [
        { ref: 'TR-0042', status: 'paid' },
        { ref: 'TU-0007', status: 'submitting' },
        { ref: 'inbox', status: null },
      ],
    });
    const text = textOf(message);
    expect(text).toContain('Money is moving again');
    expect(text).toContain('*TR-0042* is paid');
    expect(text).toContain('*TU-0007* is sending to Stripe');
    expect(text).toContain('the webhook inbox is keeping up');
    expect(text).not.toContain('submitting');
  });
});
