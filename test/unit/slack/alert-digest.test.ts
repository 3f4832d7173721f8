import { renderMessageText } from '../../../sandbox/slack';
import {
  alertDigest,
  digestLine,
  MESSAGE_MAX_BLOCKS,
  SECTION_MAX_CHARS,
} from '../../../src/slack/views/alert-digest';
import { section } from '../../../src/slack/views/blocks';

const line = (i: number) =>
  `:moneybag: *TU-${String(i).padStart(4, '0')} settled* — $1,234.56 is now available (took 5 business days) · Available balance: $99,999.99`;

function sectionTexts(blocks: ReturnType<typeof alertDigest>['blocks']): string[] {
  return blocks.flatMap((block) => (block.type === 'section' && block.text ? [block.text.text] : []));
}

describe('alert digest', () => {
  it('shows every alert once, one per line, under a heading that counts them', () => {
    const digest = alertDigest([line(1), line(2), line(3), line(4), line(5), line(6)]);
    expect(digest.included).toBe(6);
    const text = renderMessageText(digest);
    expect(text).toMatch(/6 alerts at once/);
    for (let i = 1; i <= 6; i += 1) expect(text.split(`TU-000${i} settled`)).toHaveLength(2);
    expect(digest.text).toBe('6 alerts');
  });

  it('stays within 50 blocks and 3,000 characters a section, and says what is left for the next one', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => line(i + 1));
    const digest = alertDigest(lines);
    expect(digest.blocks.length).toBeLessThanOrEqual(MESSAGE_MAX_BLOCKS);
    for (const text of sectionTexts(digest.blocks))
      expect(text.length).toBeLessThanOrEqual(SECTION_MAX_CHARS);
    expect(digest.included).toBeGreaterThan(500);
    expect(digest.included).toBeLessThan(2000);
    const shown = sectionTexts(digest.blocks).join('\n');
    expect(shown).toContain('TU-0001 settled');
    expect(shown).toContain(`TU-${String(digest.included).padStart(4, '0')} settled`);
    expect(shown).not.toContain(`TU-${String(digest.included + 1).padStart(4, '0')} settled`);
    expect(renderMessageText(digest)).toContain(`${2000 - digest.included} more in the next message`);
  });

  it('clips a line longer than a section can hold', () => {
    const digest = alertDigest(['x'.repeat(5000), 'short']);
    expect(digest.included).toBe(2);
    for (const text of sectionTexts(digest.blocks))
      expect(text.length).toBeLessThanOrEqual(SECTION_MAX_CHARS);
  });

  it('makes an alert one line: its first section, line breaks joined', () => {
    expect(
      digestLine({ text: 'fallback', blocks: [section('*TU-0001 settled*\nAvailable balance: $5.00')] }),
    ).toBe('*TU-0001 settled* · Available balance: $5.00');
    expect(digestLine({ text: 'only text', blocks: [] })).toBe('only text');
  });
});
