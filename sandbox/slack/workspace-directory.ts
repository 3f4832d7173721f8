import type { SimChannel, SimUser } from './types';

/**
 * Who and what exists in the sandbox workspace: users, channels, usergroups and the app's DMs.
 * The Web API methods resolve names and ids through it so that a typo in a test fails the way it
 * would against Slack (`channel_not_found`, `user_not_found`) instead of silently succeeding.
 */
export class WorkspaceDirectory {
  private readonly usersById = new Map<string, SimUser>();
  private readonly channelsById = new Map<string, SimChannel>();
  private readonly usergroupsById = new Map<string, string[]>();
  private readonly groupDmsByMembers = new Map<string, string>();

  constructor(options: { users: SimUser[]; channels: SimChannel[]; usergroups: Record<string, string[]> }) {
    for (const user of options.users) this.addUser(user);
    for (const channel of options.channels) this.addChannel(channel);
    for (const [id, members] of Object.entries(options.usergroups)) this.usergroupsById.set(id, [...members]);
  }

  addUser(user: SimUser): void {
    this.usersById.set(user.id, { ...user });
  }

  addChannel(channel: SimChannel): void {
    this.channelsById.set(channel.id, { ...channel });
  }

  user(id: string): SimUser | undefined {
    return this.usersById.get(id);
  }

  users(): SimUser[] {
    return [...this.usersById.values()];
  }

  userByEmail(email: string): SimUser | undefined {
    const wanted = email.trim().toLowerCase();
    return this.users().find((user) => user.email?.toLowerCase() === wanted);
  }

  channel(id: string): SimChannel | undefined {
    return this.channelsById.get(id);
  }

  /** Invites the bot to a channel or removes it (`/invite @Paydesk`, `/kick @Paydesk`). */
  setBotMembership(id: string, isMember: boolean): void {
    const channel = this.channelsById.get(id);
    if (channel === undefined) throw new Error(`no channel ${id} in the sandbox workspace`);
    channel.botIsMember = isMember;
  }

  channels(): SimChannel[] {
    return [...this.channelsById.values()];
  }

  usergroupMembers(id: string): string[] | undefined {
    const members = this.usergroupsById.get(id);
    return members === undefined ? undefined : [...members];
  }

  /**
   * The app's DM with a user. Derived from the user id rather than allocated, so it is the same
   * before and after `conversations.open`, across `reset()`, and in every test that asks for it.
   */
  dmChannelOf(userId: string): string {
    return `D${userId.slice(1)}`;
  }

  /** The user a DM id belongs to, if it is the app's DM with a known user. */
  dmUserOf(channelId: string): SimUser | undefined {
    if (!channelId.startsWith('D')) return undefined;
    return this.users().find((user) => this.dmChannelOf(user.id) === channelId);
  }

  /** A multi-person DM with the app, stable for the same set of members. */
  groupDmOf(userIds: string[], mint: () => string): string {
    const key = [...new Set(userIds)].sort().join(',');
    const existing = this.groupDmsByMembers.get(key);
    if (existing !== undefined) return existing;
    const id = mint();
    this.groupDmsByMembers.set(key, id);
    return id;
  }

  /**
   * Where a `channel` argument points, the way chat.postMessage reads it: a channel id, a DM id, a
   * user id (Slack posts to the app's DM with that user) or a channel name with or without '#'.
   */
  resolveConversation(channel: string): string | undefined {
    if (this.channelsById.has(channel)) return channel;
    if (this.dmUserOf(channel) !== undefined) return channel;
    if ([...this.groupDmsByMembers.values()].includes(channel)) return channel;
    if (this.usersById.has(channel)) return this.dmChannelOf(channel);
    const name = channel.replace(/^#/, '');
    return this.channels().find((candidate) => candidate.name === name)?.id;
  }
}
