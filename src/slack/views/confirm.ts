import type { Button, ConfirmationDialog } from '@slack/types';

/** Slack's limits on a confirm dialog (characters): longer text is refused with the whole message. */
const LIMITS = { title: 100, text: 300, button: 30 } as const;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A Block Kit confirm dialog in plain text (Slack renders no mentions or mrkdwn there, so the
 * caller names people by name): what will happen, with the amount and who gets it.
 */
export function confirmDialog(input: {
  title: string;
  text: string;
  confirm: string;
  deny?: string;
  style?: 'primary' | 'danger';
}): ConfirmationDialog {
  return {
    title: { type: 'plain_text', text: clip(input.title, LIMITS.title) },
    text: { type: 'plain_text', text: clip(input.text, LIMITS.text) },
    confirm: { type: 'plain_text', text: clip(input.confirm, LIMITS.button) },
    deny: { type: 'plain_text', text: clip(input.deny ?? 'Not now', LIMITS.button) },
    ...(input.style ? { style: input.style } : {}),
  };
}

/** The button, asking first when there is a dialog. */
export function withConfirm(button: Button, dialog: ConfirmationDialog | undefined): Button {
  return dialog ? { ...button, confirm: dialog } : button;
}
