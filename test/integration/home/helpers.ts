import { renderMessageText, type SimMessage } from '../../../sandbox/slack';
import type { World } from '../../support/world';

/** Mentions as people read them (@fin.two, #finance), from the simulator's directory. */
export function names(world: World) {
  return {
    userName: (id: string) => world.slack.user(id)?.name,
    channelName: (id: string) => world.slack.channel(id)?.name,
  };
}

/** The Home tab as this person sees it now, as text; '' when none was ever published. */
export function homeText(world: World, userId: string): string {
  const home = world.slack.home(userId);
  return home ? renderMessageText({ blocks: home.view.blocks as unknown[] }, names(world)) : '';
}

/** The person opens Paydesk's Home tab (Slack's signed app_home_opened event); returns what they see. */
export async function openHome(
  world: World,
  userId: string,
  tab: 'home' | 'messages' = 'home',
): Promise<string> {
  await world.send.event({
    event: { type: 'app_home_opened', user: userId, channel: world.slack.dmChannelOf(userId), tab },
  });
  await world.drain();
  return homeText(world, userId);
}

/**
 * The button with `actionId` next to the request `ref` on this person's Home, as they see it now
 * (or as `view` showed it, for a click on a stale tab).
 */
export function homeButton(
  world: World,
  userId: string,
  ref: string,
  actionId: string,
  view = world.slack.home(userId)?.view,
): { value: string; blockId: string } {
  let lastSection = '';
  for (const block of (view?.blocks ?? []) as Record<string, unknown>[]) {
    if (block.type === 'section')
      lastSection = String((block.text as { text?: string } | undefined)?.text ?? '');
    if (block.type !== 'actions' || !lastSection.includes(ref)) continue;
    const element = (block.elements as Record<string, unknown>[]).find((e) => e.action_id === actionId);
    if (element) return { value: String(element.value), blockId: String(block.block_id) };
  }
  throw new Error(`no ${actionId} button for ${ref} on ${userId}'s Home`);
}

/** A click on a button of this person's Home tab (no channel, no message, no response_url, as on Slack). */
export async function clickOnHome(
  world: World,
  userId: string,
  button: { value: string; blockId: string },
  actionId: string,
  view = world.slack.home(userId)?.view,
): Promise<void> {
  await world.send.blockAction({
    userId,
    actionId,
    value: button.value,
    blockId: button.blockId,
    ...(view ? { view } : {}),
  });
  await world.drain();
}

export function dms(world: World, userId: string): SimMessage[] {
  return world.slack.messages(world.slack.dmChannelOf(userId));
}

export function dmTexts(world: World, userId: string): string[] {
  return dms(world, userId).map((message) => renderMessageText(message, names(world)));
}
