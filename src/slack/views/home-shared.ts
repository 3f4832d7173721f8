import type { ContextBlock, DividerBlock, HeaderBlock, HomeView, KnownBlock } from '@slack/types';
import { context, section } from './blocks';

/** Slack refuses a Home view with more blocks than this (views.publish: invalid_arguments). */
export const MAX_HOME_BLOCKS = 100;
/** Slack's limit on a section's text; a longer one makes the whole view fail. */
const SECTION_TEXT_MAX = 3000;
/** A header is plain text of at most 150 characters. */
const HEADER_MAX = 150;

export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: text.slice(0, HEADER_MAX), emoji: true } };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

/**
 * Lines in one section (one block however many lines), the first `max` of them, with `more(n)`
 * saying where the other n are (nothing when it says ''); cut at whole lines to stay within Slack's 3,000 characters.
 */
export function linesSection(lines: string[], max: number, more: (hidden: number) => string): KnownBlock[] {
  const shown: string[] = [];
  let length = 0;
  for (const line of lines.slice(0, max)) {
    if (length + line.length + 1 > SECTION_TEXT_MAX) break;
    shown.push(line);
    length += line.length + 1;
  }
  const hidden = lines.length - shown.length;
  const blocks: KnownBlock[] = shown.length > 0 ? [section(shown.join('\n'))] : [];
  const pointer = hidden > 0 ? more(hidden) : '';
  if (pointer !== '') blocks.push(context(pointer));
  return blocks;
}

/** "Nothing here" in the quiet grey of a context block. */
export function quiet(text: string): ContextBlock {
  return context(text);
}

/**
 * The Home view. Builders keep well under the limit by summarising; this is the last guard, so
 * a view that would be refused is cut short with a pointer instead of not showing at all.
 */
export function homeView(blocks: KnownBlock[]): HomeView {
  if (blocks.length <= MAX_HOME_BLOCKS) return { type: 'home', blocks };
  return {
    type: 'home',
    blocks: [
      ...blocks.slice(0, MAX_HOME_BLOCKS - 1),
      context('There is more than fits here: `/payouts pending` and `/payouts history` list everything.'),
    ],
  };
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? word : many}`;
}
