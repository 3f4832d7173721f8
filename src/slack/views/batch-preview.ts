import type { ModalView } from '@slack/types';
import { format } from 'date-fns';
import type { PreparedRun } from '../../domain/batch/ports';
import { describeSkips, type RunPreview } from '../../domain/batch/request-run';
import { SHARE_ROUNDING_RULE } from '../../domain/batch/share';
import { formatCents } from '../../domain/money';
import { ACTIONS, VIEWS } from '../ids';
import { lineBlocks, previewRows } from './batch-lines';
import { context, section } from './blocks';
import { escapeMrkdwn } from './escape';

const count = (n: number) => n.toLocaleString('en-US');
const linesWord = (n: number) => `${count(n)} line${n === 1 ? '' : 's'}`;

/** What the preview modal remembers: the draft and the page shown. */
export type PreviewMetadata = { draftId: string; page: number };

function balanceLine(preview: Pick<RunPreview, 'balance' | 'totalCents'>): string {
  const { balance, totalCents } = preview;
  if (!balance) return ':grey_question: Stripe did not answer, so the balance could not be compared.';
  const topups = balance.pendingTopups.map(
    (topup) =>
      `${topup.ref} ${formatCents(topup.amountCents)}${topup.expectedAvailableAt ? ` expected ${format(topup.expectedAvailableAt, 'EEE, MMM d')}` : ''}`,
  );
  const pending = topups.length > 0 ? ` (top-ups in flight: ${topups.join(', ')})` : '';
  return balance.availableCents >= totalCents
    ? `:white_check_mark: The balance covers it: ${formatCents(balance.availableCents)} available${pending}.`
    : `:warning: The balance doesn't cover it: ${formatCents(balance.availableCents)} available, *${formatCents(totalCents - balance.availableCents)} short*${pending}. The run would pause when the money runs out, until a top-up settles.`;
}

function basisLine(prepared: PreparedRun): string {
  const basis =
    prepared.basis === 'revenue'
      ? `Revenue share ${escapeMrkdwn(prepared.sharePercent ?? '?')} % of the \`revenue\` column; ${SHARE_ROUNDING_RULE}`
      : 'Amounts from the `amount` column';
  const source = prepared.sourceName ? `From \`${escapeMrkdwn(prepared.sourceName)}\` · ` : '';
  return `${source}${basis}${prepared.defaultMemo ? ` · Default memo: ${escapeMrkdwn(prepared.defaultMemo)}` : ''}`;
}

/**
 * The form's answer: every line with its status, the total, whether the balance covers it, and
 * "Request approval" — the only button that posts the run to the finance channel.
 */
export function batchPreviewModal(preview: RunPreview, page = 0): ModalView {
  const { prepared } = preview;
  const payable = prepared.lines.length;
  const skipped = prepared.skipped.length;
  const approvals =
    preview.requiredApprovals === 1
      ? 'one approval from someone else in finance'
      : `${preview.requiredApprovals} approvals from others in finance`;
  const summary = [
    `*${linesWord(payable)} ready · ${formatCents(preview.totalCents)}*${
      skipped > 0 ? ` · ${linesWord(skipped)} won't be paid (${describeSkips(preview.skippedByReason)})` : ''
    }`,
    basisLine(prepared),
    balanceLine(preview),
    ...preview.warnings.filter((warning) => !/available balance/.test(warning)).map((w) => `:warning: ${w}`),
    `Nothing is posted yet. *Request approval* posts it to the finance channel, where it needs ${approvals}.`,
  ];
  const metadata: PreviewMetadata = { draftId: preview.draftId, page };
  return {
    type: 'modal',
    callback_id: VIEWS.batchPreview,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Preview payout run' },
    submit: { type: 'plain_text', text: 'Request approval' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(summary.join('\n').slice(0, 2990)),
      ...lineBlocks(previewRows(prepared), page, ACTIONS.batchPreviewPage, (next) => String(next)),
      context("Only the first line of a writer is paid. Lines that won't be paid stay in the results CSV."),
    ],
  };
}
