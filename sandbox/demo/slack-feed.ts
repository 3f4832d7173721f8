import { format } from 'date-fns';
import {
  findActionElement,
  type MentionNames,
  renderMessageText,
  type SimMessage,
  type SlackSimulator,
} from '../slack';
import { CAST, FINANCE_CHANNEL } from './cast';

/** A Slack message as a person sees it appear or change. */
export type FeedEntry = {
  kind: 'new' | 'updated' | 'ephemeral';
  /** '#finance', 'DM with @maya'. */
  where: string;
  from: string;
  /** For an ephemeral message: whom Slack shows it to. */
  visibleTo?: string;
  /** The message as text, buttons as `[Approve]`. */
  text: string;
  /** Buttons that open a page, with where they lead. */
  links: { label: string; url: string }[];
  inThread: boolean;
  at: Date;
};

/**
 * Everything new in the sandbox Slack since the last look: messages posted, messages updated in
 * place, and ephemeral answers, oldest first, in the conversations people of the cast can see.
 */
export class SlackFeed {
  private readonly versionsSeen = new Map<string, number>();
  private ephemeralsSeen = 0;

  constructor(
    private readonly slack: SlackSimulator,
    private readonly names: MentionNames,
  ) {}

  /** Marks everything there is now as seen. */
  skip(): void {
    this.take();
  }

  take(): FeedEntry[] {
    const entries: FeedEntry[] = [];
    for (const channel of this.conversations()) {
      for (const message of this.slack.messages(channel)) {
        const key = `${channel}/${message.ts}`;
        const history = this.slack.messageHistory(channel, message.ts);
        const seen = this.versionsSeen.get(key) ?? 0;
        if (history.length <= seen) continue;
        this.versionsSeen.set(key, history.length);
        const at = history[history.length - 1]?.at ?? new Date();
        entries.push(this.entry(message, seen === 0 ? 'new' : 'updated', at));
      }
    }
    const ephemerals = this.slack.ephemerals();
    for (const ephemeral of ephemerals.slice(this.ephemeralsSeen)) {
      entries.push({
        kind: 'ephemeral',
        where: this.where(ephemeral.channel),
        from: 'Paydesk',
        visibleTo: `@${this.names.userName?.(ephemeral.user) ?? ephemeral.user}`,
        text: renderMessageText(withReadableDates(ephemeral), this.names),
        links: linksOf(ephemeral.blocks),
        inThread: ephemeral.threadTs !== undefined,
        at: ephemeral.at,
      });
    }
    this.ephemeralsSeen = ephemerals.length;
    return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  private entry(message: SimMessage, kind: 'new' | 'updated', at: Date): FeedEntry {
    return {
      kind,
      where: this.where(message.channel),
      from: this.slack.user(message.user)?.realName ?? 'Paydesk',
      text: renderMessageText(withReadableDates(message), this.names),
      links: linksOf(message.blocks),
      inThread: message.threadTs !== undefined && message.threadTs !== message.ts,
      at,
    };
  }

  private conversations(): string[] {
    return [FINANCE_CHANNEL.id, ...Object.values(CAST).map((member) => this.slack.dmChannelOf(member.id))];
  }

  private where(channelId: string): string {
    if (channelId.startsWith('D')) {
      const member = Object.values(CAST).find((person) => this.slack.dmChannelOf(person.id) === channelId);
      return `DM with @${member?.name ?? channelId}`;
    }
    return `#${this.slack.channel(channelId)?.name ?? channelId}`;
  }
}

/**
 * Slack shows `<!date^…|fallback>` in the reader's time zone; the transcript shows it as
 * "Tue, Dec 2 at 10:42" (simulated time) rather than the app's ISO fallback.
 */
export function withReadableDates<T extends { text: string; blocks: readonly unknown[] }>(message: T): T {
  const rewrite = (value: string) =>
    value.replace(/<!date\^(\d+)\^([^|>]*)\|[^>]*>/g, (_match, seconds: string, pattern: string) => {
      return `<!date^${seconds}^${pattern}|${format(new Date(Number(seconds) * 1000), "EEE, MMM d 'at' HH:mm")}>`;
    });
  return {
    ...message,
    text: rewrite(message.text),
    blocks: JSON.parse(rewrite(JSON.stringify(message.blocks))),
  };
}

/** URL buttons anywhere in the blocks: Slack opens these in the browser. */
export function linksOf(blocks: readonly unknown[]): { label: string; url: string }[] {
  const links: { label: string; url: string }[] = [];
  for (const block of blocks) {
    const elements: unknown[] = [];
    if (isRecord(block)) {
      if (Array.isArray(block.elements)) elements.push(...block.elements);
      if (block.accessory !== undefined) elements.push(block.accessory);
    }
    for (const element of elements) {
      if (!isRecord(element) || element.type !== 'button' || typeof element.url !== 'string') continue;
      const text = isRecord(element.text) && typeof element.text.text === 'string' ? element.text.text : '';
      links.push({ label: text, url: element.url });
    }
  }
  return links;
}

/** The URL behind the button with `actionId` in the newest message of a conversation that has one. */
export function lastButtonUrl(messages: readonly SimMessage[], actionId: string): string | undefined {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const found = findActionElement(messages[i]?.blocks ?? [], actionId);
    if (typeof found?.element.url === 'string') return found.element.url;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
