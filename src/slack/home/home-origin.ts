import type { Services } from '../../app/services';
import type { EphemeralMessage } from '../views/ephemeral';

/** Set in a modal's private_metadata when the button that opened it was on the App Home tab. */
const FROM_HOME = 'fromHome';

/** A click on the App Home tab: its payload carries the Home view, and no channel, message or response_url. */
export function isHomeClick(body: { view?: { type?: string } }): boolean {
  return body.view?.type === 'home';
}

function metadataOf(view: { private_metadata?: string }): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(view.private_metadata || '{}');
    return typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Marks a modal opened from Home (Reject asks for a reason first), so its submission refreshes
 * the Home too. Only JSON-object metadata is marked; the modal's own fields are kept as they are.
 */
export function markFromHome<V extends { private_metadata?: string }>(view: V, fromHome: boolean): V {
  const data = fromHome ? metadataOf(view) : undefined;
  return data ? { ...view, private_metadata: JSON.stringify({ ...data, [FROM_HOME]: true }) } : view;
}

export function openedFromHome(view: { private_metadata?: string }): boolean {
  return metadataOf(view)?.[FROM_HOME] === true;
}

/**
 * The private answer to a click that has no response_url (from Home): a DM from Paydesk, which
 * Slack shows in the app's Messages tab right beside the Home tab.
 */
export function replyByDm(services: Services, userId: string) {
  return (message: EphemeralMessage) =>
    services.slack.chat.postMessage({
      channel: userId,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
    });
}
