import type { KnownBlock } from '@slack/types';
import { context, type SlackMessage, section } from './blocks';

/** Slack's limits on one message: at most 50 blocks, at most 3,000 characters in a section's text. */
export const MESSAGE_MAX_BLOCKS = 50;
export const SECTION_MAX_CHARS = 3000;

export type AlertDigest = SlackMessage & {
  /** How many of the given lines it shows (the first ones); the rest belong in the next digest. */
  included: number;
};

/** An alert as one digest line: its first section's text on one line. */
export function digestLine(alert: SlackMessage): string {
  const first = alert.blocks.find((block) => block.type === 'section');
  const text = first?.type === 'section' && first.text ? first.text.text : alert.text;
  return text.replace(/\s*\n+\s*/g, ' · ');
}

function clip(line: string): string {
  return line.length > SECTION_MAX_CHARS ? `${line.slice(0, SECTION_MAX_CHARS - 1)}…` : line;
}

/** Lines packed into section texts of at most SECTION_MAX_CHARS, at most `room` of them. */
function pack(lines: string[], room: number): { texts: string[]; included: number } {
  const texts: string[] = [];
  let current = '';
  let included = 0;
  for (const line of lines.map(clip)) {
    if (current !== '' && current.length + 1 + line.length > SECTION_MAX_CHARS) {
      if (texts.length + 2 > room) break;
      texts.push(current);
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
    included += 1;
  }
  if (current !== '') texts.push(current);
  return { texts, included };
}

/**
 * Many alerts for one channel at once, as one message instead of a flood: a header, then the
 * alerts one per line, within Slack's limits (50 blocks, 3,000 characters a section). Lines that
 * do not fit are left out and announced; the sender sends them in the next digest.
 */
export function alertDigest(lines: string[]): AlertDigest {
  const { texts, included } = pack(lines, MESSAGE_MAX_BLOCKS - 2);
  const rest = lines.length - included;
  const heading = `:bell: *${included} alerts at once*, in one message so the channel stays readable:`;
  const blocks: KnownBlock[] = [section(heading), ...texts.map((text) => section(text))];
  if (rest > 0) blocks.push(context(`${rest} more in the next message.`));
  return {
    text: `${included} alerts${rest > 0 ? ` (${rest} more in the next message)` : ''}`,
    blocks,
    included,
  };
}
