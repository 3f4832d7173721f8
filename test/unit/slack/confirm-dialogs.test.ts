import type { Button, ConfirmationDialog, KnownBlock } from '@slack/types';
import { ACTIONS } from '../../../src/slack/ids';
import { payoutRunMessage } from '../../../src/slack/views/batch-message';
import { confirmDialog } from '../../../src/slack/views/confirm';
import { topupMessage } from '../../../src/slack/views/topup-message';
import { transferMessage } from '../../../src/slack/views/transfer-message';
import { AT, run, topup, transfer } from './request-fixtures';

/** The button with this action id in a message's blocks. */
function buttonOf(blocks: KnownBlock[], actionId: string): Button | undefined {
  for (const block of blocks) {
    if (block.type !== 'actions') continue;
    const found = block.elements.find((element) => 'action_id' in element && element.action_id === actionId);
    if (found) return found as Button;
  }
  return undefined;
}

function dialogText(dialog: ConfirmationDialog | undefined): string {
  return `${dialog?.title?.text} | ${dialog?.text.text} | ${dialog?.confirm?.text}`;
}

describe('confirm dialogs before big or irreversible clicks', () => {
  it('asks before approving a top-up that needs two approvals, naming the amount and where it goes', () => {
    const big = topupMessage(topup({ amountCents: 1_000_001, requiredApprovals: 2 }));
    const dialog = buttonOf(big.blocks, ACTIONS.approveTopup)?.confirm;
    expect(dialogText(dialog)).toContain('Approve $10,000.01 top-up?');
    expect(dialog?.text.text).toContain("into the platform's Stripe balance");
    expect(dialog?.text.text).toContain('It needs 2 approvals');
    // Under the dual-approval threshold, one click does it, as before.
    const small = topupMessage(topup({ requiredApprovals: 1 }));
    expect(buttonOf(small.blocks, ACTIONS.approveTopup)?.confirm).toBeUndefined();
  });

  it('asks before approving a big transfer, naming the writer by name (the dialog is plain text)', () => {
    const message = transferMessage(transfer({ amountCents: 1_200_000, requiredApprovals: 2 }));
    const dialog = buttonOf(message.blocks, ACTIONS.approveTransfer)?.confirm;
    expect(dialog?.title?.text).toBe('Pay $12,000.00 to Writer One?');
    expect(dialog?.text.type).toBe('plain_text');
    expect(dialog?.text.text).toContain(
      "TR-0042: $12,000.00 to Writer One's Stripe account (Answers for May)",
    );
    expect(dialog?.text.text).not.toMatch(/<@/);
    expect(buttonOf(transferMessage(transfer()).blocks, ACTIONS.approveTransfer)?.confirm).toBeUndefined();
  });

  it('always asks before cancelling a top-up at Stripe', () => {
    const message = topupMessage(topup({ status: 'pending', stripeTopupId: 'tu_1' }));
    const dialog = buttonOf(message.blocks, ACTIONS.cancelTopup)?.confirm;
    expect(dialogText(dialog)).toContain('Cancel the $2,000.00 top-up?');
    expect(dialog?.text.text).toContain("can't be undone");
    expect(dialog?.style).toBe('danger');
    expect(dialog?.deny?.text).toBe('Keep it');
  });

  it('always asks before approving a reversal, with the amount, the writer and the reason they will read', () => {
    const paid = transfer({
      status: 'paid',
      stripeTransferId: 'tr_1',
      paidAt: AT,
      reversalRequest: {
        amountCents: 400,
        reason: 'Paid one answer twice',
        requestedBy: 'UFIN0001',
        requestedAt: AT,
        idempotencyKey: 'reversal:x',
        approvedBy: null,
        approvedAt: null,
      },
    });
    const dialog = buttonOf(transferMessage(paid).blocks, ACTIONS.approveReversal)?.confirm;
    expect(dialog?.title?.text).toBe('Take back $4.00 from Writer One?');
    expect(dialog?.text.text).toContain('$4.00 of the $9.00 paid to Writer One');
    expect(dialog?.text.text).toContain('"Paid one answer twice"');
    expect(dialog?.style).toBe('danger');
  });

  it('names the attempt when the transfer to reverse is a retry (a retry keeps its reference)', () => {
    const retried = transfer({
      status: 'paid',
      stripeTransferId: 'tr_2',
      paidAt: AT,
      attempt: 2,
      reversalRequest: {
        amountCents: 400,
        reason: 'Paid twice',
        requestedBy: 'UFIN0001',
        requestedAt: AT,
        idempotencyKey: 'reversal:y',
        approvedBy: null,
        approvedAt: null,
      },
    });
    const dialog = buttonOf(transferMessage(retried).blocks, ACTIONS.approveReversal)?.confirm;
    expect(dialog?.text.text).toMatch(/^TR-\d{4} \(attempt 2\): \$4\.00 of the \$9\.00/);
  });

  it('always asks before approving a payout run, with the total and how many writers it pays', () => {
    const dialog = buttonOf(payoutRunMessage(run()).blocks, ACTIONS.approveBatch)?.confirm;
    expect(dialog?.title?.text).toBe('Pay $412.00 to 20 writers?');
    expect(dialog?.text.text).toContain('PR-0003: 20 lines, $412.00 in total');
    expect(dialog?.confirm?.text).toBe('Approve $412.00');
  });

  it("keeps within Slack's limits however long the memo or reason", () => {
    const dialog = confirmDialog({ title: 'x'.repeat(150), text: 'y'.repeat(400), confirm: 'z'.repeat(40) });
    expect(dialog.title?.text).toHaveLength(100);
    expect(dialog.text.text).toHaveLength(300);
    expect(dialog.confirm?.text).toHaveLength(30);
  });
});

describe('cancelling a payout run while it waits', () => {
  it('offers Cancel next to Approve and Reject, with a dialog saying nothing has been paid', () => {
    const message = payoutRunMessage(run());
    const cancel = buttonOf(message.blocks, ACTIONS.cancelBatch);
    expect(cancel?.confirm?.text.text).toContain('PR-0003 will not be paid and can no longer be approved');
    expect(cancel?.confirm?.text.text).toContain('Nothing has been paid');
  });

  it('paused with paid and failed lines: the dialog counts both what was never sent and what will not be retried', () => {
    const paused = payoutRunMessage(run({ status: 'paused', startedAt: AT }), {
      paidLines: 12,
      paidCents: 24_000,
      failedLines: 2,
      failedCents: 4_000,
      openLines: 6,
    });
    const text = buttonOf(paused.blocks, ACTIONS.cancelBatch)?.confirm?.text.text;
    expect(text).toContain('6 lines not yet sent ($132.00) will not be paid');
    expect(text).toContain('The 2 failed lines ($40.00) will not be retried.');
    expect(text).toContain('Lines already paid stay paid.');
  });

  it('says a run cancelled while it waited paid nothing', () => {
    const canceled = payoutRunMessage(
      run({
        status: 'canceled',
        decidedAt: AT,
        cancellation: { userId: 'UFIN0002', at: AT, unpaidLines: 20, releasedCents: 0 },
      }),
    );
    const text = JSON.stringify(canceled.blocks);
    expect(text).toContain('20 lines will not be paid. Nothing was paid.');
    expect(text).not.toContain('What was paid stays paid');
    expect(buttonOf(canceled.blocks, ACTIONS.cancelBatch)).toBeUndefined();
  });
});
