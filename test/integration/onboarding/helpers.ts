import { findActionElement, renderMessageText, type SimMessage } from '../../../sandbox/slack';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import type { World } from '../../support/world';

export type PageResponse = { status: number; location: string | null; body: string; setCookie: string[] };

/**
 * A writer's browser: follows nothing by itself (every hop is asserted), keeps the cookies the app
 * sets and sends them back to the app only, as a browser would for the app's origin and path.
 */
export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly appOrigins: string[]) {}

  async get(url: string): Promise<PageResponse> {
    const target = new URL(url);
    const headers: Record<string, string> = {};
    const toApp = this.appOrigins.includes(target.origin) && target.pathname.startsWith('/connect');
    if (toApp && this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    const response = await fetch(url, { redirect: 'manual', headers });
    const setCookie = response.headers.getSetCookie();
    for (const line of setCookie) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
      setCookie,
    };
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }
}

export function browserFor(world: World): Browser {
  return new Browser(world.apps.map((app) => app.url));
}

export function dmMessages(world: World, userId: string): SimMessage[] {
  return world.slack.messages(world.slack.dmChannelOf(userId));
}

export function dmTexts(world: World, userId: string): string[] {
  return dmMessages(world, userId).map((message) => renderMessageText(message));
}

export function channelTexts(world: World): string[] {
  return world.slack.messages(FINANCE_CHANNEL).map((message) => renderMessageText(message));
}

/** The URL behind the last "Connect with Stripe" / "Finish with Stripe" button in the writer's DMs. */
export function lastConnectUrl(world: World, userId: string): string {
  const messages = dmMessages(world, userId);
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const found = findActionElement(messages[i]?.blocks ?? [], ACTIONS.connectWithStripe);
    if (typeof found?.element.url === 'string') return found.element.url;
  }
  throw new Error(`no Connect with Stripe button in ${userId}'s DMs`);
}

/** `/payouts <text>` as `userId`; waits for the background work and returns their last ephemeral answer. */
export async function payouts(world: World, text: string, userId: string = FINANCE.one): Promise<string> {
  const before = world.slack.ephemerals(userId).length;
  const result = await world.send.command({ userId, command: '/payouts', text });
  if (result.status !== 200) throw new Error(`/payouts ${text} answered ${result.status}`);
  await world.drain();
  const answers = await world.slack.waitFor((sim) => {
    const list = sim.ephemerals(userId);
    return list.length > before ? list : undefined;
  });
  return answers[answers.length - 1]?.text ?? '';
}

export async function invite(world: World, writer: { id: string; name: string }): Promise<string> {
  const answer = await payouts(world, `invite <@${writer.id}|${writer.name}>`);
  if (!/Invited/.test(answer)) throw new Error(`invite failed: ${answer}`);
  return lastConnectUrl(world, writer.id);
}

export async function writerDoc(world: World, slackUserId: string) {
  return world.app.db.models.writers.findOne({ slackUserId }).lean();
}

export async function auditActions(world: World): Promise<string[]> {
  const entries = await world.app.services.audit.latest(500);
  return entries.reverse().map((entry) => entry.action);
}

export async function auditEntries(world: World) {
  return (await world.app.services.audit.latest(500)).reverse();
}
