import type { MentionNames } from '../../slack';
import { escapeHtml, safeHref } from './escape-html';
import { mrkdwnToHtml, plainTextToHtml } from './mrkdwn-html';

type Rec = Record<string, unknown>;

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A Block Kit text object (plain_text or mrkdwn) as HTML. */
export function textObjectToHtml(value: unknown, names: MentionNames): string {
  if (!isRecord(value) || typeof value.text !== 'string') return '';
  return value.type === 'mrkdwn'
    ? mrkdwnToHtml(value.text, names)
    : plainTextToHtml(value.text, value.emoji !== false);
}

/**
 * Block Kit as HTML that looks like Slack: header, section (text, fields, accessory), actions,
 * context, divider, image (its alt text: the sandbox loads nothing from elsewhere), input and rich
 * text. Pure: the same blocks give the same HTML. Every string from the blocks is escaped;
 * interactive elements carry their action_id, block_id and value as data attributes for the page.
 */
export function renderBlocksHtml(blocks: readonly unknown[], names: MentionNames = {}): string {
  return blocks.map((block) => renderBlock(block, names)).join('');
}

function renderBlock(block: unknown, names: MentionNames): string {
  if (!isRecord(block)) return '';
  const blockId = str(block.block_id);
  const text = (value: unknown) => textObjectToHtml(value, names);
  switch (block.type) {
    case 'header':
      return `<div class="sb-block sb-header">${text(block.text)}</div>`;
    case 'section': {
      const fields = Array.isArray(block.fields)
        ? `<div class="sb-fields">${block.fields.map((field) => `<div class="sb-field">${text(field)}</div>`).join('')}</div>`
        : '';
      const body = block.text === undefined ? '' : `<div class="sb-text">${text(block.text)}</div>`;
      const accessory =
        block.accessory === undefined
          ? ''
          : `<div class="sb-accessory">${renderElement(block.accessory, blockId, names)}</div>`;
      return `<div class="sb-block sb-section"><div class="sb-section-main">${body}${fields}</div>${accessory}</div>`;
    }
    case 'actions': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      return `<div class="sb-block sb-actions">${elements.map((element) => renderElement(element, blockId, names)).join('')}</div>`;
    }
    case 'context': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      const parts = elements.map((element) =>
        isRecord(element) && element.type === 'image'
          ? `<span class="sb-image-alt">[${escapeHtml(str(element.alt_text))}]</span>`
          : `<span>${text(element)}</span>`,
      );
      return `<div class="sb-block sb-context">${parts.join(' ')}</div>`;
    }
    case 'divider':
      return '<hr class="sb-block sb-divider">';
    case 'image':
      return `<div class="sb-block sb-image-alt">[image: ${escapeHtml(str(block.alt_text))}]</div>`;
    case 'input':
      return renderInput(block, names);
    case 'rich_text':
      return `<div class="sb-block sb-text">${escapeHtml(richText(block, names)).replace(/\n/g, '<br>')}</div>`;
    case 'markdown':
      return `<div class="sb-block sb-text">${mrkdwnToHtml(str(block.text), names)}</div>`;
    default:
      return `<div class="sb-block sb-unsupported">[${escapeHtml(String(block.type))} block]</div>`;
  }
}

/** Buttons become real buttons (or links, for URL buttons); other elements show what they are. */
function renderElement(element: unknown, blockId: string, names: MentionNames): string {
  if (!isRecord(element)) return '';
  const actionId = escapeHtml(str(element.action_id));
  if (element.type === 'button') {
    const style = element.style === 'primary' || element.style === 'danger' ? ` sb-${element.style}` : '';
    const label = textObjectToHtml(element.text, names);
    const data = `data-action-id="${actionId}" data-block-id="${escapeHtml(blockId)}" data-value="${escapeHtml(str(element.value))}"`;
    const href = safeHref(str(element.url));
    if (href !== undefined) {
      return `<a class="sb-btn${style}" href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer" ${data} data-url="1">${label}</a>`;
    }
    const confirm = isRecord(element.confirm) ? confirmHtml(element.confirm, names) : '';
    return confirm === ''
      ? `<button type="button" class="sb-btn${style}" ${data}>${label}</button>`
      : `<span class="sb-confirmable"><button type="button" class="sb-btn${style}" ${data} data-confirm="1">${label}</button>${confirm}</span>`;
  }
  if (element.type === 'image')
    return `<span class="sb-image-alt">[${escapeHtml(str(element.alt_text))}]</span>`;
  const placeholder = textObjectToHtml(element.placeholder, names) || escapeHtml(String(element.type));
  return `<span class="sb-btn sb-disabled" title="not supported in the sandbox">${placeholder} ▾</span>`;
}

/**
 * A button's confirm dialog, as Slack shows it before sending the click: title, text and the two
 * answers. Kept inert in a template beside its button; the page shows it when the button is clicked
 * and sends the click only on the confirm answer.
 */
function confirmHtml(dialog: Rec, names: MentionNames): string {
  const yes = textObjectToHtml(dialog.confirm, names) || 'Yes';
  const no = textObjectToHtml(dialog.deny, names) || 'Cancel';
  const style = dialog.style === 'danger' ? 'sb-danger-solid' : 'sb-primary';
  return `<template class="sb-confirm-template"><div class="sb-modal sb-confirm" role="alertdialog" aria-modal="true">
<div class="sb-modal-title">${textObjectToHtml(dialog.title, names)}</div>
<div class="sb-modal-body">${textObjectToHtml(dialog.text, names)}</div>
<div class="sb-modal-footer"><button type="button" class="sb-btn" data-confirm-answer="no">${no}</button><button type="button" class="sb-btn ${style}" data-confirm-answer="yes">${yes}</button></div>
</div></template>`;
}

/** An input block of a modal as a labelled form field named `block_id/action_id`. */
function renderInput(block: Rec, names: MentionNames): string {
  const element = isRecord(block.element) ? block.element : {};
  const blockId = str(block.block_id);
  const actionId = str(element.action_id);
  const name = escapeHtml(`${blockId}/${actionId}`);
  const label = textObjectToHtml(block.label, names);
  const optional = block.optional === true ? ' <span class="sb-optional">(optional)</span>' : '';
  const hint =
    block.hint === undefined ? '' : `<div class="sb-hint">${textObjectToHtml(block.hint, names)}</div>`;
  const placeholder = isRecord(element.placeholder)
    ? ` placeholder="${escapeHtml(str(element.placeholder.text))}"`
    : '';
  const initial = escapeHtml(str(element.initial_value));
  const max = typeof element.max_length === 'number' ? ` maxlength="${element.max_length}"` : '';
  const required = block.optional === true ? '' : ' required';
  let field: string;
  if (element.type === 'plain_text_input') {
    field =
      element.multiline === true
        ? `<textarea name="${name}" rows="3"${placeholder}${max}${required}>${initial}</textarea>`
        : `<input type="text" name="${name}" value="${initial}"${placeholder}${max}${required}>`;
  } else {
    field = `<div class="sb-unsupported">[${escapeHtml(str(element.type))} input: not supported in the sandbox]</div>`;
  }
  return `<div class="sb-block sb-input" data-block-id="${escapeHtml(blockId)}"><label>${label}${optional}${field}</label>${hint}<div class="sb-error" data-error-for="${escapeHtml(blockId)}"></div></div>`;
}

function richText(node: unknown, names: MentionNames): string {
  if (!isRecord(node)) return '';
  const children = Array.isArray(node.elements) ? node.elements : [];
  switch (node.type) {
    case 'text':
      return str(node.text);
    case 'link':
      return str(node.text) || str(node.url);
    case 'user':
      return `@${names.userName?.(str(node.user_id)) ?? str(node.user_id)}`;
    case 'channel':
      return `#${names.channelName?.(str(node.channel_id)) ?? str(node.channel_id)}`;
    case 'emoji':
      return `:${str(node.name)}:`;
    case 'rich_text_list':
      return children.map((child) => `• ${richText(child, names)}`).join('\n');
    default:
      return children.map((child) => richText(child, names)).join(node.type === 'rich_text' ? '\n' : '');
  }
}

/** A modal (views.open / views.push) as a form: title, blocks with input fields, Cancel and submit. */
export function renderModalHtml(view: Rec, names: MentionNames = {}): string {
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  const title = textObjectToHtml(view.title, names) || 'Modal';
  const submit = view.submit === undefined ? '' : textObjectToHtml(view.submit, names);
  const close = view.close === undefined ? 'Close' : textObjectToHtml(view.close, names);
  return `<form class="sb-modal" data-view-id="${escapeHtml(str(view.id))}">
<div class="sb-modal-title">${title}</div>
<div class="sb-modal-body">${renderBlocksHtml(blocks, names)}</div>
<div class="sb-modal-footer"><button type="button" class="sb-btn" data-modal-close="1">${close}</button>${
    submit === '' ? '' : `<button type="submit" class="sb-btn sb-primary">${submit}</button>`
  }</div>
</form>`;
}
