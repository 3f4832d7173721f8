import type { ActionsBlock, Button, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';

/** Small Block Kit constructors so view builders read like the message they make. */
export function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

export function context(...texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.map((text) => ({ type: 'mrkdwn', text })) };
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text, emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

export function linkButton(text: string, url: string, actionId: string): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text, emoji: true },
    action_id: actionId,
    url,
    style: 'primary',
  };
}

export function actions(blockId: string, ...elements: Button[]): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements };
}

export type SlackMessage = { text: string; blocks: KnownBlock[] };
