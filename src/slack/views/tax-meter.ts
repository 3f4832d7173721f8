import type { KnownBlock } from '@slack/types';
import { formatCents } from '../../domain/money';
import { TAX_DETAILS_WORDS } from '../../domain/tax/tax-details';
import type { WriterYear, YearFigures } from '../../domain/tax/year-figures';
import { nameOf } from '../../domain/tax/year-figures';
import { context, section } from './blocks';
import type { EphemeralMessage } from './ephemeral';
import { escapeMrkdwn, mention } from './escape';
import { lineSections } from './tax-lines';

function writerLine(row: WriterYear): string {
  const who = row.writer
    ? `${mention(row.writer.slackUserId)} ${escapeMrkdwn(row.writer.displayName)}`
    : escapeMrkdwn(nameOf(row));
  const flag = row.taxDetails === 'missing' ? ' :warning:' : '';
  return `• ${who} — *${formatCents(row.netCents)}* · tax details ${TAX_DETAILS_WORDS[row.taxDetails]}${flag}`;
}

function thresholdNote(figures: YearFigures): string[] {
  const { threshold, year } = figures;
  if (threshold.known) return [];
  return [
    `${year}'s inflation-adjusted threshold isn't configured; using ${threshold.fromYear}'s ${formatCents(threshold.cents)}. Set it in TAX_THRESHOLDS_CENTS once the IRS publishes it.`,
  ];
}

/** `/payouts tax [year]`: who is at or over the 1099-NEC threshold, who is close, and whose tax details Stripe lacks. */
export function taxMeterMessage(figures: YearFigures): EphemeralMessage {
  const { year, threshold, rows, totals } = figures;
  const over = rows.filter((row) => row.over);
  const near = rows.filter((row) => row.near);
  const lacking = over.filter((row) => row.taxDetails === 'missing').length;
  const title = `1099-NEC meter for ${year}`;
  const summary =
    `${rows.length} writer${rows.length === 1 ? '' : 's'} paid · ${formatCents(totals.netCents)} net in all ` +
    `(${formatCents(totals.paidCents)} paid, ${formatCents(totals.reversedCents)} reversed) · ` +
    `*${over.length}* at or over the threshold (${lacking} without tax details) · *${near.length}* within 20% of it`;
  const blocks: KnownBlock[] = [
    section(`*${title}* · threshold ${formatCents(threshold.cents)}\n${summary}`),
    context(
      `Payments net of reversals, calendar year in ${escapeMrkdwn(figures.timeZone)}; a reversal counts in the year it was made.`,
      ...thresholdNote(figures),
    ),
  ];
  const text = `${title}: ${over.length} at or over ${formatCents(threshold.cents)}, ${near.length} within 20%`;
  const groups: [string, WriterYear[]][] = [
    [`*At or over ${formatCents(threshold.cents)}*`, over],
    [`*Within 20% (${formatCents(Math.ceil((threshold.cents * 4) / 5))} or more)*`, near],
  ];
  let hidden = 0;
  for (const [heading, group] of groups) {
    if (group.length === 0) continue;
    const room = 45 - blocks.length;
    const packed = lineSections([heading, ...group.map(writerLine)], room);
    blocks.push(...packed.blocks);
    hidden += group.length + 1 - packed.shown;
  }
  if (over.length + near.length === 0) blocks.push(section('Nobody is at or near the threshold.'));
  blocks.push(
    context(
      `${hidden > 0 ? `${hidden} more not shown. ` : ''}Every writer paid in ${year}: \`/payouts tax export ${year}\` · one writer: \`/payouts statement @writer ${year}\``,
    ),
  );
  return { response_type: 'ephemeral', text, blocks };
}
