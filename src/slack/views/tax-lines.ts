import type { KnownBlock } from '@slack/types';
import { section } from './blocks';

const SECTION_MAX_CHARS = 3000;
/** A line longer than this (a very long memo) is cut, so one line never overflows a section. */
const LINE_MAX_CHARS = 600;

/**
 * Lines packed into as few sections as Slack allows (3,000 characters each), at most `maxBlocks`
 * of them; `shown` says how many lines fit, so the caller can point at the CSV for the rest.
 */
export function lineSections(lines: string[], maxBlocks: number): { blocks: KnownBlock[]; shown: number } {
  const texts: string[] = [];
  let current = '';
  let shown = 0;
  for (const whole of lines) {
    const line = whole.length > LINE_MAX_CHARS ? `${whole.slice(0, LINE_MAX_CHARS - 1)}…` : whole;
    if (current !== '' && current.length + 1 + line.length > SECTION_MAX_CHARS) {
      if (texts.length + 1 >= maxBlocks) break;
      texts.push(current);
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
    shown += 1;
  }
  if (current !== '') texts.push(current);
  return { blocks: texts.map((text) => section(text)), shown };
}
