import { type MentionNames, mrkdwnToPlain } from './mrkdwn-to-plain';
import { isRecord } from './request-body';

export interface RenderableMessage {
  text?: string;
  blocks?: readonly unknown[];
}

/**
 * A message as readable plain text, one line per visual row: header, section text and fields,
 * context, buttons as `[Approve] [Reject]`, dividers as `---`. Falls back to the notification text
 * when there are no blocks. Pure, so the demo transcript and test failure messages can both use it.
 */
export function renderMessageText(message: RenderableMessage, names: MentionNames = {}): string {
  const blocks = message.blocks ?? [];
  if (blocks.length === 0) return mrkdwnToPlain(message.text ?? '', names);
  return blocks.flatMap((block) => renderBlock(block, names)).join('\n');
}

function renderBlock(block: unknown, names: MentionNames): string[] {
  if (!isRecord(block)) return [];
  const text = (value: unknown) => textOf(value, names);
  switch (block.type) {
    case 'header':
      return [`# ${text(block.text)}`];
    case 'section': {
      const lines = text(block.text) === '' ? [] : text(block.text).split('\n');
      if (Array.isArray(block.fields)) lines.push(...block.fields.map(text).filter(Boolean));
      const accessory = renderElement(block.accessory, names);
      if (accessory !== '') {
        const last = lines.pop();
        lines.push(last === undefined ? accessory : `${last} ${accessory}`);
      }
      return lines;
    }
    case 'context':
      return [
        elementsOf(block)
          .map((element) => renderContextElement(element, names))
          .join(' '),
      ];
    case 'actions':
      return [
        elementsOf(block)
          .map((element) => renderElement(element, names))
          .join(' '),
      ];
    case 'divider':
      return ['---'];
    case 'image':
      return [`[image: ${typeof block.alt_text === 'string' ? block.alt_text : ''}]`];
    case 'input':
      return [`${text(block.label)}: ${renderElement(block.element, names) || '[input]'}`];
    case 'rich_text':
      return richTextOf(block, names).split('\n');
    case 'markdown':
      return typeof block.text === 'string' ? block.text.split('\n') : [];
    default:
      return [`[${String(block.type)}]`];
  }
}

/** Interactive elements as the label a person would click. */
function renderElement(element: unknown, names: MentionNames): string {
  if (!isRecord(element)) return '';
  switch (element.type) {
    case 'button':
      return `[${textOf(element.text, names)}]`;
    case 'image':
      return `[image: ${typeof element.alt_text === 'string' ? element.alt_text : ''}]`;
    case 'overflow':
      return '[…]';
    case 'datepicker':
      return `[${typeof element.initial_date === 'string' ? element.initial_date : 'date'} ▾]`;
    case 'plain_text_input':
      return '[input]';
    default: {
      const selected = isRecord(element.initial_option) ? element.initial_option.text : undefined;
      const label = textOf(selected ?? element.placeholder, names) || String(element.type);
      return `[${label} ▾]`;
    }
  }
}

function renderContextElement(element: unknown, names: MentionNames): string {
  if (isRecord(element) && element.type === 'image') return renderElement(element, names);
  return textOf(element, names);
}

/** A text object (plain_text or mrkdwn) as plain text; anything else is empty. */
function textOf(value: unknown, names: MentionNames): string {
  if (!isRecord(value) || typeof value.text !== 'string') return '';
  return value.type === 'mrkdwn' ? mrkdwnToPlain(value.text, names) : value.text;
}

function elementsOf(block: Record<string, unknown>): unknown[] {
  return Array.isArray(block.elements) ? block.elements : [];
}

/** Rich text flattened: sections and lists joined, mentions resolved. */
function richTextOf(node: unknown, names: MentionNames): string {
  if (!isRecord(node)) return '';
  switch (node.type) {
    case 'text':
      return typeof node.text === 'string' ? node.text : '';
    case 'link':
      return typeof node.text === 'string' ? node.text : String(node.url ?? '');
    case 'user':
      return `@${names.userName?.(String(node.user_id)) ?? String(node.user_id)}`;
    case 'channel':
      return `#${names.channelName?.(String(node.channel_id)) ?? String(node.channel_id)}`;
    case 'emoji':
      return `:${String(node.name)}:`;
    case 'rich_text_list':
      return elementsOf(node)
        .map((item) => `• ${richTextOf(item, names)}`)
        .join('\n');
    default: {
      const joiner = node.type === 'rich_text' ? '\n' : '';
      return elementsOf(node)
        .map((child) => richTextOf(child, names))
        .join(joiner);
    }
  }
}
