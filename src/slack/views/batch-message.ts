import { format } from 'date-fns';
import { describeSkips } from '../../domain/batch/request-run';
import type { RunSummary } from '../../domain/batch/results';
import { SHARE_ROUNDING_RULE } from '../../domain/batch/share';
import { type PayoutRunHeader, type RunProgress, SKIP_REASON_LABEL } from '../../domain/batch/types';
import { formatCents } from '../../domain/money';
import type { BalanceSummary } from '../../stripe/gateway';
import { ACTIONS } from '../ids';
import { actions, button, context, type SlackMessage, section } from './blocks';
import { withConfirm } from './confirm';
import { type EphemeralMessage, ephemeralText } from './ephemeral';
import { escapeMrkdwn, mention, slackTime } from './escape';
import { approveRunConfirm, cancelRunConfirm } from './money-confirms';
import { approvalCapacityLine, approvalLine } from './request-lines';
import { statusWords } from './status-words';

const count = (n: number) => n.toLocaleString('en-US');
const linesWord = (n: number) => `${count(n)} line${n === 1 ? '' : 's'}`;
const SECTION_MAX = 2900;

/** "312 / 1,000 paid — $4,120.00 — 2 failed" */
export function progressLine(run: PayoutRunHeader, progress: RunProgress): string {
  return `${count(progress.paidLines)} / ${count(run.lineCount)} paid — ${formatCents(progress.paidCents)} — ${count(progress.failedLines)} failed`;
}

function basisLine(run: PayoutRunHeader): string {
  const basis =
    run.basis === 'revenue'
      ? `Revenue share ${escapeMrkdwn(run.sharePercent ?? '?')} % of the \`revenue\` column; ${SHARE_ROUNDING_RULE}`
      : 'Amounts from the `amount` column';
  return `${basis}${run.defaultMemo ? ` · Default memo: ${escapeMrkdwn(run.defaultMemo)}` : ''}`;
}

function balanceComparison(run: PayoutRunHeader): string | undefined {
  const balance = run.balanceAtRequest;
  if (!balance) return 'Balance: Stripe did not answer, so it could not be compared.';
  const covers =
    balance.availableCents >= run.amountCents
      ? 'enough for the whole run'
      : `*${formatCents(run.amountCents - balance.availableCents)} short*; the run will pause when the money runs out until a top-up settles`;
  const topups = balance.pendingTopups.map(
    (topup) =>
      `${topup.ref} ${formatCents(topup.amountCents)}${topup.expectedAvailableAt ? ` expected ${format(topup.expectedAvailableAt, 'EEE, MMM d')}` : ''}`,
  );
  return `Balance now: ${formatCents(balance.availableCents)} available · ${formatCents(balance.pendingCents)} pending${
    topups.length > 0 ? ` (top-ups in flight: ${topups.join(', ')})` : ''
  } — ${covers}`;
}

function skippedLines(run: PayoutRunHeader): string[] {
  if (run.skippedCount === 0) return ['No lines skipped.'];
  const lines = [
    `*Skipped ${linesWord(run.skippedCount)}* (they will not be paid): ${describeSkips(run.skippedByReason)}. Only the first line of a writer is paid.`,
  ];
  for (const skip of run.skippedPreview) {
    lines.push(
      `• line ${skip.line} \`${escapeMrkdwn(skip.writerInput.replaceAll('`', "'").slice(0, 60)) || '(empty)'}\`: ${SKIP_REASON_LABEL[skip.reason]} — ${skip.detail}`,
    );
  }
  if (run.skippedCount > run.skippedPreview.length) {
    lines.push(
      `…and ${count(run.skippedCount - run.skippedPreview.length)} more; every line is in the results CSV at the end.`,
    );
  }
  return lines;
}

function pauseLine(run: PayoutRunHeader): string {
  const pause = run.pause;
  if (!pause) return ':double_vertical_bar: Paused.';
  if (pause.reason === 'stripe_unavailable') {
    return `:double_vertical_bar: *Paused: Stripe did not answer* (${escapeMrkdwn(pause.failure?.message ?? 'no answer')}). The lines left (${formatCents(pause.neededCents)}) are safe to try again with the same keys: press Resume.`;
  }
  const missing =
    pause.missingCents === null
      ? ''
      : pause.missingCents > 0
        ? `; ${formatCents(pause.availableCents ?? 0)} is available — *${formatCents(pause.missingCents)} missing*`
        : `; ${formatCents(pause.availableCents ?? 0)} is available now, enough to go on`;
  const pending = pause.nextTopup
    ? ` ${formatCents(pause.nextTopup.amountCents)} is pending from ${pause.nextTopup.ref}, expected ${format(pause.nextTopup.expectedAvailableAt, 'EEE, MMM d')}.`
    : pause.pendingCents
      ? ` ${formatCents(pause.pendingCents)} is pending.`
      : ' Nothing is pending: request a top-up first (`/topup`).';
  return `:double_vertical_bar: *Paused: not enough available balance.* The remaining lines need ${formatCents(pause.neededCents)}${missing}.${pending} Press Resume once a top-up has settled.`;
}

function expiredLine(run: PayoutRunHeader): string {
  const missing = run.requiredApprovals - run.approvals.length;
  const approvals =
    run.approvals.length === 0
      ? 'nobody approved it'
      : `it still needed ${missing === 1 ? 'one more approval' : `${missing} more approvals`}`;
  return `:hourglass: *Expired ${run.decidedAt ? slackTime(run.decidedAt) : ''}* without a decision (requested ${slackTime(run.requestedAt)}; ${approvals}). Nothing was paid and it can no longer be approved. If it is still needed, upload it again with \`/payouts batch\`.`;
}

function cancelledLine(run: PayoutRunHeader): string {
  const c = run.cancellation;
  if (!c) return ':no_entry_sign: Cancelled. No further line is paid.';
  const released =
    c.releasedCents > 0 ? `; ${formatCents(c.releasedCents)} of the daily transfer cap was given back` : '';
  // A run cancelled while it waited was never approved: nothing was paid or reserved.
  const after = run.startedAt ? ' What was paid stays paid.' : ' Nothing was paid.';
  return `:no_entry_sign: *Cancelled by ${mention(c.userId)} ${slackTime(c.at)}.* ${linesWord(c.unpaidLines)} will not be paid${released}.${after}`;
}

/** Cancel (waiting or paused), behind a confirm dialog naming what will not be paid. */
function cancelButton(run: PayoutRunHeader, progress: RunProgress | null | undefined) {
  return withConfirm(
    button('Cancel run', ACTIONS.cancelBatch, run.id, 'danger'),
    cancelRunConfirm(run, progress),
  );
}

/** The run's message in the finance channel, at whatever point of its life it is. */
export function payoutRunMessage(run: PayoutRunHeader, live?: RunProgress): SlackMessage {
  const total = formatCents(run.amountCents);
  const heading =
    run.status === 'requested'
      ? `*Payout run request ${run.ref} · ${linesWord(run.lineCount)} · ${total}*`
      : `*Payout run ${run.ref} · ${statusWords(run.status)}* · ${linesWord(run.lineCount)} · ${total}`;
  const lines = [
    heading,
    basisLine(run),
    `Requested by ${mention(run.requestedBy.userId)} · ${approvalLine(run)}`,
  ];
  const capacity = approvalCapacityLine(run);
  if (capacity) lines.push(capacity);
  const progress = live ?? run.progress;
  if (run.status === 'requested') {
    const balance = balanceComparison(run);
    if (balance) lines.push(balance);
  }
  if (run.status === 'approved' || run.status === 'running') {
    lines.push(
      `*${progressLine(run, progress ?? { paidLines: 0, paidCents: 0, failedLines: 0, failedCents: 0, openLines: run.lineCount })}*`,
    );
  }
  if (run.status === 'paused') {
    if (progress) lines.push(`*${progressLine(run, progress)}*`);
    lines.push(pauseLine(run));
  }
  if (run.status === 'completed' && progress) {
    lines.push(
      `*${progressLine(run, progress)}* · ${linesWord(run.skippedCount)} skipped · finished ${run.completedAt ? slackTime(run.completedAt) : ''} · summary and results CSV in the thread`,
    );
  }
  if (run.status === 'rejected') {
    lines.push(
      run.rejection
        ? `Rejected by ${mention(run.rejection.userId)} ${slackTime(run.rejection.at)}: ${escapeMrkdwn(run.rejection.reason)}. Nothing was paid.`
        : 'Rejected. Nothing was paid.',
    );
  }
  if (run.status === 'expired') lines.push(expiredLine(run));
  if (run.status === 'canceled') {
    if (progress) lines.push(`*${progressLine(run, progress)}*`);
    lines.push(cancelledLine(run));
  }
  const blocks: SlackMessage['blocks'] = [section(lines.join('\n').slice(0, SECTION_MAX))];
  if (run.status === 'requested') blocks.push(section(skippedLines(run).join('\n').slice(0, SECTION_MAX)));
  const viewLines = button('View lines', ACTIONS.viewBatchLines, run.id);
  if (run.status === 'requested') {
    blocks.push(
      actions(
        `batch:${run.id}`,
        withConfirm(button('Approve', ACTIONS.approveBatch, run.id, 'primary'), approveRunConfirm(run)),
        button('Reject', ACTIONS.rejectBatch, run.id, 'danger'),
        cancelButton(run, progress),
        viewLines,
      ),
    );
  } else if (run.status === 'paused') {
    blocks.push(
      actions(
        `batch:${run.id}`,
        button('Resume', ACTIONS.resumeBatch, run.id, 'primary'),
        cancelButton(run, progress),
        viewLines,
      ),
    );
  } else if (run.status !== 'rejected' && run.status !== 'expired') {
    blocks.push(actions(`batch:${run.id}`, viewLines));
  }
  blocks.push(context(`${run.ref} · ${total} · ${statusWords(run.status)}`));
  const fallback = progress && run.status !== 'requested' ? ` · ${progressLine(run, progress)}` : '';
  return { text: `${run.ref} · payout run of ${total} · ${statusWords(run.status)}${fallback}`, blocks };
}

export function batchPausedAlert(run: PayoutRunHeader): SlackMessage {
  const text = `${pauseLine(run)} ${mention(run.requestedBy.userId)}`;
  return { text: `${run.ref} paused`, blocks: [section(text.slice(0, SECTION_MAX))] };
}

export function batchTopupSettledMessage(
  run: PayoutRunHeader,
  topup: { ref: string | null; amountCents: number },
  balance: BalanceSummary | undefined,
): SlackMessage {
  const needed = run.pause?.neededCents ?? 0;
  const enough = balance === undefined || balance.availableCents >= needed;
  const state = balance
    ? enough
      ? `Available now: ${formatCents(balance.availableCents)}, enough for the ${formatCents(needed)} ${run.ref} still needs.`
      : `Available now: ${formatCents(balance.availableCents)}; ${run.ref} still needs ${formatCents(needed)} (${formatCents(needed - balance.availableCents)} missing).`
    : `${run.ref} still needs ${formatCents(needed)}.`;
  const text = `:moneybag: ${topup.ref ? `${topup.ref} settled` : 'A top-up settled'} (${formatCents(topup.amountCents)}). ${state}`;
  const blocks: SlackMessage['blocks'] = [section(text)];
  if (enough)
    blocks.push(
      actions(`batch_resume:${run.id}`, button(`Resume ${run.ref}`, ACTIONS.resumeBatch, run.id, 'primary')),
    );
  return { text, blocks };
}

export function batchSummaryMessage(run: PayoutRunHeader, summary: RunSummary): SlackMessage {
  const lines = [
    `:white_check_mark: *${run.ref} finished* — ${count(summary.paidLines)} paid (${formatCents(summary.paidCents)}) · ${count(summary.failedLines)} failed${
      summary.failedLines > 0 ? ` (${formatCents(summary.failedCents)})` : ''
    } · ${count(summary.skippedLines)} skipped · of ${linesWord(summary.lineCount + summary.skippedLines)}`,
  ];
  if (summary.failures.length > 0) {
    lines.push('*Failed at Stripe* (nothing moved for these lines):');
    for (const failure of summary.failures.slice(0, 10)) {
      lines.push(
        `• line ${failure.line} ${failure.writerSlackUserId ? mention(failure.writerSlackUserId) : ''} ${formatCents(failure.amountCents ?? 0)}: ${escapeMrkdwn(failure.reason)} (\`${escapeMrkdwn(failure.code ?? 'unknown')}\`)`,
      );
    }
    if (summary.failures.length > 10)
      lines.push(`…and ${count(summary.failures.length - 10)} more in the results CSV.`);
  }
  lines.push('Every line, with its Stripe transfer id or the reason it was not paid, is in the results CSV.');
  return {
    text: `${run.ref} finished: ${count(summary.paidLines)} paid, ${count(summary.failedLines)} failed, ${count(summary.skippedLines)} skipped`,
    blocks: [section(lines.join('\n').slice(0, SECTION_MAX))],
  };
}

export function batchRequestedConfirmation(run: PayoutRunHeader, warnings: string[]): EphemeralMessage {
  const approvals = run.requiredApprovals === 1 ? 'one approval' : `${run.requiredApprovals} approvals`;
  const skipped =
    run.skippedCount > 0
      ? `, ${linesWord(run.skippedCount)} skipped (${describeSkips(run.skippedByReason)})`
      : '';
  return ephemeralText(
    [
      `Requested ${run.ref}: ${linesWord(run.lineCount)} for ${formatCents(run.amountCents)}${skipped}. The preview is in the finance channel, waiting for ${approvals} from someone else in finance.`,
      ...warnings.map((warning) => `Heads up: ${warning}`),
    ].join('\n'),
  );
}
