import type { AnyBlock } from '@slack/types';
import { compareTs } from './sandbox-ids';
import type { MessageSource, SimEphemeral, SimFileRef, SimMessage, SimMessageVersion } from './types';

interface StoredMessage {
  channel: string;
  ts: string;
  user: string;
  botId: string;
  threadTs?: string;
  files?: SimFileRef[];
  metadata?: unknown;
  deleted: boolean;
  versions: SimMessageVersion[];
}

export interface NewMessage {
  channel: string;
  ts: string;
  user: string;
  botId: string;
  text: string;
  blocks: AnyBlock[];
  via: MessageSource;
  threadTs?: string;
  files?: SimFileRef[];
  metadata?: unknown;
}

/**
 * Messages per conversation, each with every version it went through, plus ephemeral messages.
 * Tests read the latest version ("the request message now says approved"); the demo transcript
 * reads the history ("it said pending, then approved").
 */
export class ConversationStore {
  private readonly messagesByKey = new Map<string, StoredMessage>();
  private readonly ephemeralMessages: SimEphemeral[] = [];

  post(message: NewMessage): SimMessage {
    const { text, blocks, via, ...identity } = message;
    const stored: StoredMessage = {
      ...identity,
      deleted: false,
      versions: [{ text, blocks, via, at: new Date() }],
    };
    this.messagesByKey.set(messageKey(message.channel, message.ts), stored);
    return latestVersion(stored);
  }

  /** Replaces text and blocks in place, as chat.update does; returns undefined when there is no such message. */
  update(
    channel: string,
    ts: string,
    change: { text: string; blocks: AnyBlock[]; via: MessageSource },
  ): SimMessage | undefined {
    const stored = this.find(channel, ts);
    if (stored === undefined) return undefined;
    stored.versions.push({ ...change, at: new Date() });
    return latestVersion(stored);
  }

  delete(channel: string, ts: string): boolean {
    const stored = this.find(channel, ts);
    if (stored === undefined) return false;
    stored.deleted = true;
    return true;
  }

  message(channel: string, ts: string): SimMessage | undefined {
    const stored = this.find(channel, ts);
    return stored === undefined ? undefined : latestVersion(stored);
  }

  history(channel: string, ts: string): SimMessageVersion[] {
    return [...(this.messagesByKey.get(messageKey(channel, ts))?.versions ?? [])];
  }

  messages(channel: string): SimMessage[] {
    return [...this.messagesByKey.values()]
      .filter((stored) => stored.channel === channel && !stored.deleted)
      .sort((a, b) => compareTs(a.ts, b.ts))
      .map(latestVersion);
  }

  addEphemeral(ephemeral: SimEphemeral): void {
    this.ephemeralMessages.push(ephemeral);
  }

  ephemerals(userId?: string): SimEphemeral[] {
    return this.ephemeralMessages.filter((ephemeral) => userId === undefined || ephemeral.user === userId);
  }

  reset(): void {
    this.messagesByKey.clear();
    this.ephemeralMessages.length = 0;
  }

  private find(channel: string, ts: string): StoredMessage | undefined {
    const stored = this.messagesByKey.get(messageKey(channel, ts));
    return stored?.deleted ? undefined : stored;
  }
}

function messageKey(channel: string, ts: string): string {
  return `${channel}/${ts}`;
}

function latestVersion(stored: StoredMessage): SimMessage {
  const latest = stored.versions[stored.versions.length - 1];
  const message: SimMessage = {
    channel: stored.channel,
    ts: stored.ts,
    user: stored.user,
    botId: stored.botId,
    text: latest?.text ?? '',
    blocks: latest?.blocks ?? [],
    editCount: stored.versions.length - 1,
  };
  if (stored.threadTs !== undefined) message.threadTs = stored.threadTs;
  if (stored.files !== undefined) message.files = stored.files;
  if (stored.metadata !== undefined) message.metadata = stored.metadata;
  return message;
}
