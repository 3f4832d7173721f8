import { format } from 'date-fns';
import type { MentionNames } from '../../slack';
import { emojify } from './emoji';
import { escapeHtml, safeHref, unescapeSlack } from './escape-html';

const MARK = '\u0000';
const placeholder = (index: number) => `${MARK}${index}${MARK}`;
const PLACEHOLDER = new RegExp(`${MARK}(\\d+)${MARK}`, 'g');

/**
 * Slack mrkdwn as safe HTML: mentions, channels, dates and links from `<…>` sequences, then
 * *bold*, _italic_, ~strike~, `code`, ```blocks```, > quotes and :emoji:. Every piece of text is
 * HTML-escaped first; markup is only ever added around escaped text, so nothing in a message
 * (a memo of `<script>`, `<!channel>`, a `javascript:` link) can become markup or a live link.
 */
export function mrkdwnToHtml(text: string, names: MentionNames = {}): string {
  const pieces: string[] = [];
  const keep = (html: string) => {
    pieces.push(html);
    return placeholder(pieces.length - 1);
  };
  // 1. Control sequences, rendered on their own and parked behind placeholders.
  const noControls = text
    .replaceAll(MARK, '')
    .replace(/<([^<>\n]*)>/g, (_match, inner: string) => keep(controlSequence(inner, names)));
  // 2. Everything else is text: undo Slack's escaping, then escape for HTML.
  let html = escapeHtml(unescapeSlack(noControls));
  // 3. Code first, so nothing inside code is formatted.
  html = html.replace(/```([\s\S]*?)```/g, (_match, code: string) =>
    keep(`<pre>${code.replace(/^\n/, '')}</pre>`),
  );
  html = html.replace(/`([^`\n]+)`/g, (_match, code: string) => keep(`<code>${code}</code>`));
  // 4. Emphasis, quotes, emoji, line breaks.
  html = html
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1<b>$2</b>')
    .replace(/(^|[^\w_])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1<i>$2</i>')
    .replace(/(^|[^\w~])~(?=\S)([^~\n]*?\S)~(?!\w)/g, '$1<s>$2</s>')
    .replace(/^&gt; ?(.*)$/gm, '<blockquote>$1</blockquote>');
  html = emojify(html).replace(/\n/g, '<br>');
  // 5. Put the parked pieces back (a code block may itself hold a placeholder of a mention).
  const restore = (value: string): string =>
    value.replace(PLACEHOLDER, (_match, index: string) => restore(pieces[Number(index)] ?? ''));
  return restore(html);
}

/** plain_text objects: escaped, with emoji when the object asks for them. */
export function plainTextToHtml(text: string, emoji = true): string {
  const escaped = escapeHtml(text);
  return (emoji ? emojify(escaped) : escaped).replace(/\n/g, '<br>');
}

function mention(label: string): string {
  return `<span class="sb-mention">${escapeHtml(label)}</span>`;
}

function controlSequence(inner: string, names: MentionNames): string {
  const [target = '', ...labelParts] = inner.split('|');
  const label = labelParts.length > 0 ? unescapeSlack(labelParts.join('|')) : undefined;
  if (/^@[UW][A-Z0-9]+$/.test(target)) {
    const id = target.slice(1);
    return mention(`@${label || names.userName?.(id) || id}`);
  }
  if (/^#C[A-Z0-9]+$/.test(target)) {
    const id = target.slice(1);
    return mention(`#${label || names.channelName?.(id) || id}`);
  }
  if (/^!(here|channel|everyone)$/.test(target)) return mention(`@${target.slice(1)}`);
  if (target.startsWith('!subteam^')) return mention(label || `@${target.slice('!subteam^'.length)}`);
  if (target.startsWith('!date^')) return escapeHtml(slackDate(target, label));
  const href = safeHref(unescapeSlack(target));
  if (href !== undefined) {
    return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${escapeHtml(label ?? href)}</a>`;
  }
  return escapeHtml(label ?? unescapeSlack(target));
}

/** `<!date^1700000000^{date_short_pretty} at {time}|fallback>` as Slack would show it. */
function slackDate(target: string, fallback: string | undefined): string {
  const [, seconds = '', pattern = ''] = target.split('^');
  const when = new Date(Number(seconds) * 1000);
  if (!/^\d+$/.test(seconds) || Number.isNaN(when.getTime())) return fallback ?? '';
  const tokens: Record<string, string> = {
    date_num: 'yyyy-MM-dd',
    date: 'MMMM d, yyyy',
    date_short: 'MMM d, yyyy',
    date_long: 'EEEE, MMMM d, yyyy',
    date_pretty: 'MMMM d',
    date_short_pretty: 'MMM d',
    date_long_pretty: 'EEEE, MMMM d',
    time: 'h:mm a',
    time_secs: 'h:mm:ss a',
  };
  return pattern.replace(/\{(\w+)\}/g, (match, token: string) => {
    const pattern = tokens[token];
    return pattern === undefined ? match : format(when, pattern);
  });
}
