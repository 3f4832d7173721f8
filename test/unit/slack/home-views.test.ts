import type { Button, KnownBlock } from '@slack/types';
import { findActionElement, renderMessageText } from '../../../sandbox/slack';
import type { Transfer } from '../../../src/domain/transfers/types';
import { ACTIONS } from '../../../src/slack/ids';
import { activityLine } from '../../../src/slack/views/activity-words';
import { financeHomeView } from '../../../src/slack/views/home-finance';
import { otherHomeView } from '../../../src/slack/views/home-other';
import { MAX_HOME_BLOCKS } from '../../../src/slack/views/home-shared';
import { writerHomeView } from '../../../src/slack/views/home-writer';
import { approveReversalConfirm, approveTransferConfirm } from '../../../src/slack/views/money-confirms';
import { auditEntry, financeHome, WRITER_DB_ID, waiting, writer, writerHome } from './home-fixtures';
import { AT, topup, transfer } from './request-fixtures';

const text = (view: { blocks: unknown[] }) => renderMessageText({ blocks: view.blocks });
const buttonOf = (view: { blocks: unknown[] }, actionId: string) =>
  findActionElement(view.blocks, actionId)?.element as Button | undefined;
/** What Slack would never show a person: database ids and stored status names. */
const INTERNAL = [WRITER_DB_ID, '6b06cfc2cc0de2c38654fa01', 'submitting', 'succeeded', 'pending at'];

describe('the finance Home', () => {
  it('shows the balance, top-ups on their way with their expected date, and what waits for you with buttons', () => {
    const view = financeHomeView(
      financeHome({
        inFlight: [topup({ ref: 'TU-0005', status: 'submitting', amountCents: 50_000 })],
        waitingForYou: [
          waiting({ requiredApprovals: 2, approvedBy: ['UFIN0003'] }),
          waiting({
            kind: 'reversal',
            id: '6b06cfc2cc0de2c38654fa02',
            ref: 'TR-0042',
            amountCents: 450,
            paidCents: 900,
            payee: 'UWRITER01',
            payeeName: 'Writer One',
            note: 'Paid twice',
            expiryFrom: null,
            expiresAt: null,
          }),
        ],
      }),
    );
    const shown = text(view);
    expect(view.type).toBe('home');
    expect(shown).toContain('Stripe balance* · $150.00 available · $2,000.00 pending');
    expect(shown).toContain('TU-0005 · $500.00 top-up · sending to Stripe · expected Mon, Dec 7');
    expect(shown).toContain('Waiting for you (2)');
    expect(shown).toContain('*TU-0007* · $2,000.00 top-up — Weekly top-up');
    expect(shown).toContain(
      `Requested by @UFIN0001 ${AT.toISOString()} · approved by @UFIN0003 · needs one more`,
    );
    expect(shown).toContain(
      '*Reversal of TR-0042* · take back $4.50 of the $9.00 paid to @UWRITER01 — Paid twice',
    );
    expect(shown).toContain('[Approve] [Reject]');
    expect(shown).toContain('[Approve reversal] [Keep the payment]');
    for (const word of INTERNAL) expect(shown).not.toContain(word);
  });

  it('uses the channel buttons’ action ids with the request id, and confirms big or irreversible approvals', () => {
    const dual = financeHomeView(financeHome({ waitingForYou: [waiting({ requiredApprovals: 2 })] }));
    const approve = buttonOf(dual, ACTIONS.approveTopup);
    expect(approve?.value).toBe('6b06cfc2cc0de2c38654fa01');
    expect(approve?.confirm?.title?.text).toBe('Approve $2,000.00 top-up?');
    expect(buttonOf(dual, ACTIONS.rejectTopup)?.value).toBe('6b06cfc2cc0de2c38654fa01');

    const single = financeHomeView(financeHome({ waitingForYou: [waiting()] }));
    expect(buttonOf(single, ACTIONS.approveTopup)?.confirm).toBeUndefined();

    const run = financeHomeView(
      financeHome({ waitingForYou: [waiting({ kind: 'payout_run', ref: 'PR-0003', lineCount: 12 })] }),
    );
    expect(buttonOf(run, ACTIONS.approveBatch)?.confirm?.title?.text).toBe('Pay $2,000.00 to 12 writers?');
    expect(text(run)).toContain('*PR-0003* · payout run · $2,000.00 to 12 writers');
  });

  it('asks the same question on Home as on the channel message: transfer (attempt, memo) and reversal', () => {
    const stored = transfer({
      attempt: 2,
      requiredApprovals: 2,
      amountCents: 250_000,
      memo: 'Answers for May',
    });
    const onHome = financeHomeView(
      financeHome({
        waitingForYou: [
          waiting({
            kind: 'transfer',
            ref: 'TR-0042',
            attempt: 2,
            amountCents: 250_000,
            requiredApprovals: 2,
            payee: 'UWRITER01',
            payeeName: 'Writer One',
            note: 'Answers for May',
          }),
        ],
      }),
    );
    const dialog = buttonOf(onHome, ACTIONS.approveTransfer)?.confirm;
    expect(dialog).toEqual(approveTransferConfirm(stored));
    expect(dialog?.text?.text).toContain('TR-0042 (attempt 2): $2,500.00 to Writer One');
    expect(dialog?.text?.text).toContain('(Answers for May)');

    const reversed = transfer({
      attempt: 2,
      status: 'paid',
      reversalRequest: {
        amountCents: 450,
        reason: 'Paid twice',
        requestedBy: 'UFIN0001',
        requestedAt: AT,
        idempotencyKey: 'reversal:x:1',
        approvals: [],
      } as unknown as NonNullable<Transfer['reversalRequest']>,
    });
    const reversalHome = financeHomeView(
      financeHome({
        waitingForYou: [
          waiting({
            kind: 'reversal',
            ref: 'TR-0042',
            attempt: 2,
            amountCents: 450,
            paidCents: 900,
            payee: 'UWRITER01',
            payeeName: 'Writer One',
            note: 'Paid twice',
            expiryFrom: null,
            expiresAt: null,
          }),
        ],
      }),
    );
    expect(buttonOf(reversalHome, ACTIONS.approveReversal)?.confirm).toEqual(
      approveReversalConfirm(reversed),
    );
  });

  it('lists your requests, writers needing attention and recent activity in words', () => {
    const view = financeHomeView(
      financeHome({
        ownRequests: [
          {
            kind: 'transfer',
            id: 'x',
            ref: 'TR-0001',
            amountCents: 900,
            status: 'paid',
            requestedAt: AT,
            payee: 'UWRITER01',
            approvals: 1,
            requiredApprovals: 1,
            reversedCents: 450,
          },
          {
            kind: 'topup',
            id: 'y',
            ref: 'TU-0002',
            amountCents: 2_000_000,
            status: 'requested',
            requestedAt: AT,
            payee: null,
            approvals: 1,
            requiredApprovals: 2,
            reversedCents: 0,
          },
        ],
        writers: [
          { writer: writer({ status: 'restricted' }), reason: 'restricted', needs: ['bank account'] },
          {
            writer: writer({ slackUserId: 'UWRITER02', status: 'invited' }),
            reason: 'not_started',
            needs: [],
          },
        ],
        activity: [
          auditEntry(),
          auditEntry({
            seq: 2,
            actor: { kind: 'stripe', eventId: 'evt_1' },
            action: 'writer.status_changed',
            subject: { type: 'writer', id: WRITER_DB_ID },
            details: {},
          }),
        ],
      }),
    );
    const shown = text(view);
    expect(shown).toContain('*TR-0001* · $9.00 to @UWRITER01 · paid, $4.50 of $9.00 reversed');
    expect(shown).toContain('*TU-0002* · $20,000.00 top-up · waiting for approval (1 of 2 approvals)');
    expect(shown).toContain("@UWRITER01 · *restricted*: can't be paid until Stripe gets bank account");
    expect(shown).toContain(
      "@UWRITER02 · invited 2026-11-30T15:42:00.000Z, hasn't started connecting to Stripe",
    );
    expect(shown).toContain('@UFIN0002 approved top-up TU-0007 · $2,000.00');
    expect(shown).toContain('Stripe changed what @UWRITER01 can do');
    for (const word of INTERNAL) expect(shown).not.toContain(word);
  });

  it('stays within Slack’s 100 blocks with hundreds of requests, and says where the rest are', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      waiting({ id: `6b06cfc2cc0de2c38654${String(i).padStart(4, '0')}`, ref: `TU-${i}` }),
    );
    const view = financeHomeView(
      financeHome({
        waitingForYou: many,
        inFlight: Array.from({ length: 40 }, (_, i) => topup({ ref: `TU-9${i}`, status: 'pending' })),
        writers: Array.from({ length: 60 }, () => ({
          writer: writer({ status: 'onboarding' }),
          reason: 'onboarding' as const,
          needs: ['date of birth'],
        })),
        activity: Array.from({ length: 10 }, (_, i) => auditEntry({ seq: i + 1 })),
      }),
    );
    expect(view.blocks.length).toBeLessThanOrEqual(MAX_HOME_BLOCKS);
    const shown = text(view);
    expect(shown).toContain('Waiting for you (200)');
    expect(shown).toContain(
      '185 more requests waiting for you, oldest first above: `/payouts pending` lists more.',
    );
    expect(shown).toContain('30 more top-ups on the way: `/payouts balance` lists them all.');
    expect(shown).toContain('50 more writers: `/payouts writers` lists everyone.');
    for (const block of view.blocks as KnownBlock[]) {
      if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    }
  });

  it('says so when Stripe did not answer, and when nothing waits', () => {
    const shown = text(financeHomeView(financeHome({ balance: null })));
    expect(shown).toContain("Stripe didn't answer, so the balance isn't shown.");
    expect(shown).toContain('Nothing is waiting for your approval.');
    expect(shown).toContain('No top-ups on their way.');
  });
});

describe('the writer Home', () => {
  it('shows status, payments with the reversed part, this year’s total and the dashboard button', () => {
    const view = writerHomeView(
      writerHome({
        payments: [
          transfer({ status: 'paid', paidAt: AT, amountReversedCents: 450, memo: 'Answers for May' }),
          transfer({ ref: 'TR-0041', status: 'reversed', paidAt: AT, amountReversedCents: 900, memo: '' }),
        ],
        yearToDate: { year: 2026, paidCents: 1800, reversedCents: 1350, netCents: 450 },
      }),
    );
    const shown = text(view);
    expect(shown).toContain("You're connected to Stripe and can be paid.");
    expect(shown).toContain('*Total paid in 2026:* $4.50 ($18.00 paid, $13.50 reversed)');
    expect(shown).toContain(`${AT.toISOString()} · *$9.00* · Answers for May · $4.50 reversed`);
    expect(shown).toContain(`${AT.toISOString()} · *$9.00* · reversed in full`);
    const dashboard = buttonOf(view, ACTIONS.homeOpenDashboard);
    expect(dashboard?.text.text).toBe('Open my Stripe Express dashboard');
    // Not a link: the login link is made when it is clicked, and only ever shown in a modal.
    expect(dashboard?.url).toBeUndefined();
    expect(shown).not.toContain('acct_1WRITER');
  });

  it('offers this year’s statement, and in January last year’s too, only for years with money in them', () => {
    const statementButtons = (view: { blocks: unknown[] }) =>
      text(view)
        .split('\n')
        .filter((line) => line.includes('statement]'));
    const december = writerHomeView(
      writerHome({ yearToDate: { year: 2026, paidCents: 1800, reversedCents: 0, netCents: 1800 } }),
    );
    expect(statementButtons(december)).toEqual(['[Get my 2026 statement]']);
    expect(buttonOf(december, ACTIONS.homeStatement)?.value).toBe('2026');
    expect(text(december)).toContain('Another year: `/payouts statement 2025`.');

    // January 2027, nothing paid yet this year: last year's forms are due by January 31.
    const january = writerHomeView(
      writerHome({
        yearToDate: { year: 2027, paidCents: 0, reversedCents: 0, netCents: 0 },
        lastYear: { year: 2026, paidCents: 1800, reversedCents: 0, netCents: 1800 },
      }),
    );
    expect(statementButtons(january)).toEqual(['[Get my 2026 statement]']);
    expect(buttonOf(january, ACTIONS.homeStatement)?.value).toBe('2026');

    const nothing = writerHomeView(writerHome({}));
    expect(statementButtons(nothing)).toEqual([]);
  });

  it('says in words what Stripe still needs, and offers no dashboard before the writer is connected', () => {
    const onboarding = writerHomeView(
      writerHome({
        writer: writer({ status: 'onboarding', connectedAt: null }),
        needs: ['date of birth', 'bank account'],
      }),
    );
    expect(text(onboarding)).toContain('Stripe still needs: date of birth, bank account.');
    expect(buttonOf(onboarding, ACTIONS.homeOpenDashboard)).toBeUndefined();
    expect(text(onboarding)).toContain('No payments yet.');

    const restricted = writerHomeView(
      writerHome({ writer: writer({ status: 'restricted' }), needs: ['bank account'] }),
    );
    expect(text(restricted)).toContain('Stripe has paused payments to you* until it gets: bank account.');
    expect(buttonOf(restricted, ACTIONS.homeOpenDashboard)).toBeDefined();
  });
});

describe('everyone else’s Home', () => {
  it('says what Paydesk is and whom to ask, by name', () => {
    const shown = text(
      otherHomeView(
        { kind: 'other', viewer: 'UOUT0001', financeMembers: ['UFIN0001', 'UFIN0002'] },
        'CFINANCE1',
      ),
    );
    expect(shown).toContain('Paydesk is how writers get paid.');
    expect(shown).toContain('Ask the finance team (@UFIN0001, @UFIN0002) or #CFINANCE1.');
  });
});

describe('activity in words', () => {
  it('names people and requests, never a database id', () => {
    expect(activityLine(auditEntry({ action: 'topup.approval_recorded' }))).toBe(
      `<@UFIN0002> approved top-up TU-0007 (it needs one more approval) · $2,000.00 · <!date^${Math.floor(AT.getTime() / 1000)}^{date_short_pretty} at {time}|${AT.toISOString()}>`,
    );
    const unknownWriter = activityLine(
      auditEntry({ action: 'writer.connected', subject: { type: 'writer', id: WRITER_DB_ID }, details: {} }),
    );
    expect(unknownWriter).toContain('<@UFIN0002> connected their Stripe account');
    expect(unknownWriter).not.toContain(WRITER_DB_ID);
    expect(
      activityLine(
        auditEntry({
          actor: { kind: 'system', process: 'reconciler' },
          action: 'transfer.expired',
          subject: { type: 'transfer', id: 'TR-0009' },
        }),
      ),
    ).toMatch(/^Transfer TR-0009 expired without a decision · \$2,000\.00 · /);
  });
});
