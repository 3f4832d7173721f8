import { TZDate } from '@date-fns/tz';
import type { KnownBlock } from '@slack/types';
import { format } from 'date-fns';
import { formatCents } from '../../domain/money';
import type { Statement, StatementLine } from '../../domain/tax/statement';
import { context, section } from './blocks';
import type { EphemeralMessage } from './ephemeral';
import { escapeMrkdwn, mention } from './escape';
import { lineSections } from './tax-lines';

function line(entry: StatementLine, timeZone: string): string {
  const when = format(new TZDate(entry.at.getTime(), timeZone), 'EEE, MMM d, h:mm a');
  const what =
    entry.kind === 'payment'
      ? `paid *${formatCents(entry.amountCents)}*`
      : `reversed *${formatCents(-entry.amountCents)}*${entry.reason ? ` (${escapeMrkdwn(entry.reason)})` : ''}`;
  const memo = entry.memo ? ` — ${escapeMrkdwn(entry.memo)}` : '';
  const id = entry.stripeTransferId ? ` · \`${entry.stripeTransferId}\`` : '';
  return `• ${when} · ${entry.ref} ${what}${memo}${id}`;
}

/** `/payouts statement`: a writer's payments and reversals in a tax year; the CSV has every line. */
export function statementMessage(
  statement: Statement,
  options: { own: boolean; csvSent: boolean },
): EphemeralMessage {
  const { writer, year } = statement;
  const whose = options.own ? 'Your' : `${mention(writer.slackUserId)} ${escapeMrkdwn(writer.displayName)}'s`;
  const payments = statement.lines.filter((l) => l.kind === 'payment').length;
  const reversals = statement.lines.length - payments;
  const title = `${whose} ${year} statement`;
  const summary =
    `Paid ${formatCents(statement.paidCents)} · reversed ${formatCents(statement.reversedCents)} · ` +
    `*net ${formatCents(statement.netCents)}* (${payments} payment${payments === 1 ? '' : 's'}, ${reversals} reversal${reversals === 1 ? '' : 's'})`;
  const blocks: KnownBlock[] = [
    section(`*${title}*\n${summary}`),
    context(`Times in ${escapeMrkdwn(statement.timeZone)}; a reversal counts in the year it was made.`),
  ];
  if (statement.lines.length === 0) blocks.push(section(`No payments or reversals in ${year}.`));
  const packed = lineSections(
    statement.lines.map((entry) => line(entry, statement.timeZone)),
    40,
  );
  blocks.push(...packed.blocks);
  const rest = statement.lines.length - packed.shown;
  const csv = options.csvSent ? 'The CSV with every line is in your DMs from Paydesk.' : '';
  if (rest > 0 || csv) blocks.push(context(`${rest > 0 ? `${rest} more lines not shown. ` : ''}${csv}`));
  return {
    response_type: 'ephemeral',
    text: `${title}: net ${formatCents(statement.netCents)}`,
    blocks,
  };
}
