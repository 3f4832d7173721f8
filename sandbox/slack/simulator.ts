import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { uploadObject } from './file-download';
import { SlackRequestSender } from './request-sender';
import {
  DEFAULT_BOT_TOKEN,
  DEFAULT_TEAM_ID,
  SANDBOX_APP_ID,
  SANDBOX_BOT_ID,
  SANDBOX_BOT_USER_ID,
  SANDBOX_TEAM_DOMAIN,
} from './sandbox-defaults';
import { type SandboxIdentity, SandboxWorkspace } from './sandbox-workspace';
import { simulatorRequestListener } from './simulator-routes';
import type { SlackLimitOptions } from './slack-limits';
import type {
  RecordedCall,
  RecordedResponse,
  ResponseUrlOwner,
  SimChannel,
  SimEphemeral,
  SimFile,
  SimMessage,
  SimMessageVersion,
  SimUser,
  SimView,
  SlackSimulatorOptions,
} from './types';
import { type Truthy, type WaitForOptions, waitFor } from './wait-for';

/**
 * A fake Slack for the app's real WebClient (point `slackApiUrl` at `apiUrl`) that records every
 * call and keeps what people would see: messages per conversation, ephemerals, modals, files.
 */
export class SlackSimulator {
  readonly url: string;
  /** For `new WebClient(token, { slackApiUrl })`; ends with '/api/' as WebClient expects. */
  readonly apiUrl: string;

  constructor(
    private readonly server: Server,
    private readonly workspace: SandboxWorkspace,
    private readonly signingSecret: string,
  ) {
    this.url = workspace.identity.baseUrl;
    this.apiUrl = `${this.url}/api/`;
  }

  get identity(): Readonly<SandboxIdentity> {
    return this.workspace.identity;
  }

  get teamId(): string {
    return this.workspace.identity.teamId;
  }

  get botToken(): string {
    return this.workspace.identity.botToken;
  }

  get botUserId(): string {
    return this.workspace.identity.botUserId;
  }

  /** A sender of signed requests to the app at `appUrl`, minting response_urls and triggers here. */
  requestsTo(appUrl: string): SlackRequestSender {
    return new SlackRequestSender({ appUrl, signingSecret: this.signingSecret, simulator: this });
  }

  calls(method?: string): RecordedCall[] {
    return this.workspace.calls.calls(method);
  }

  /** The conversation as people see it now: latest version of each message, oldest first. */
  messages(channelId: string): SimMessage[] {
    return this.workspace.conversations.messages(channelId);
  }

  message(channelId: string, ts: string): SimMessage | undefined {
    return this.workspace.conversations.message(channelId, ts);
  }

  /** Every version of one message, first post first. */
  messageHistory(channelId: string, ts: string): SimMessageVersion[] {
    return this.workspace.conversations.history(channelId, ts);
  }

  ephemerals(userId?: string): SimEphemeral[] {
    return this.workspace.conversations.ephemerals(userId);
  }

  files(): SimFile[] {
    return this.workspace.files.files();
  }

  /**
   * A file a person uploads in a modal's file input: readable by the app with files.info and its
   * private URL with the bot token. Returns Slack's file object, as a file_input's state carries it.
   */
  uploadFile(input: { userId: string; name: string; content: string | Buffer; filetype?: string }) {
    const upload = {
      id: this.workspace.ids.next('F'),
      name: input.name,
      filetype: input.filetype ?? (input.name.split('.').pop() || 'text').toLowerCase(),
      mimetype: input.name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain',
      userId: input.userId,
      bytes: typeof input.content === 'string' ? Buffer.from(input.content, 'utf8') : input.content,
      at: new Date(),
    };
    this.workspace.files.addUpload(upload);
    return uploadObject(this.workspace, upload) as { id: string; name: string; url_private_download: string };
  }

  views(): SimView[] {
    return this.workspace.views.all();
  }

  view(viewId: string): SimView | undefined {
    return this.workspace.views.byId(viewId);
  }

  /** The App Home tab the app last published for this person (views.publish), if any. */
  home(userId: string): SimView | undefined {
    return this.workspace.views.homeOf(userId);
  }

  /** What the app posted to response_urls: all, or one URL's (by id or whole URL). */
  responses(idOrUrl?: string): RecordedResponse[] {
    return this.workspace.responseUrls.responses(idOrUrl);
  }

  dmChannelOf(userId: string): string {
    return this.workspace.directory.dmChannelOf(userId);
  }

  user(userId: string): SimUser | undefined {
    return this.workspace.directory.user(userId);
  }

  channel(channelId: string): SimChannel | undefined {
    return this.workspace.directory.channel(channelId);
  }

  users(): SimUser[] {
    return this.workspace.directory.users();
  }

  channels(): SimChannel[] {
    return this.workspace.directory.channels();
  }

  addUser(user: SimUser): void {
    this.workspace.directory.addUser(user);
  }

  addChannel(channel: SimChannel): void {
    this.workspace.directory.addChannel(channel);
  }

  /** Invites the bot to a channel or removes it; conversations.history needs it to be in. */
  setBotMembership(channelId: string, isMember: boolean): void {
    this.workspace.directory.setBotMembership(channelId, isMember);
  }

  /**
   * A message a person (or another app, with metadata) posted in a channel, for tests about what
   * the app reads back from history; it has no bot_id, so it is not the app's own.
   */
  postAsUser(input: { channel: string; user: string; text: string; metadata?: unknown }): SimMessage {
    return this.workspace.conversations.post({
      channel: input.channel,
      ts: this.workspace.ids.nextTs(),
      user: input.user,
      botId: '',
      text: input.text,
      blocks: [],
      via: 'user',
      ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
    });
  }

  /** A response_url for a command or interaction; the owner decides where its messages land. */
  newResponseUrl(owner: ResponseUrlOwner = {}): string {
    return this.workspace.responseUrls.mint(owner);
  }

  /** A trigger_id good for one views.open / views.push within three seconds, as on Slack. */
  newTriggerId(userId?: string): string {
    return this.workspace.triggers.mint(userId);
  }

  /**
   * Refuses `method` with 429 and Retry-After once it was called `perMinute` times in the window.
   * `windowSeconds` shortens the minute so a test can watch WebClient wait and retry quickly.
   */
  setRateLimit(method: string, perMinute: number, options: { windowSeconds?: number } = {}): void {
    this.workspace.rateLimiter.set(method, perMinute, options.windowSeconds);
  }

  clearRateLimit(method?: string): void {
    this.workspace.rateLimiter.clear(method);
  }

  /**
   * Enforces Slack's documented limits, as Slack does: more than about one chat.postMessage a
   * second into one conversation (beyond a short burst), or more chat.update calls than Tier 3's
   * 50 a minute, get 429 with Retry-After. Off by default; `options` may change the numbers.
   */
  enforceLimits(options: Partial<SlackLimitOptions> = {}): void {
    this.workspace.slackLimits.enforce(options);
  }

  /** As when an admin removes the app: every call with its token is refused `token_revoked`. */
  revokeBotToken(): void {
    this.workspace.tokenRevoked = true;
  }

  /**
   * The installed token lacks `scope`, as when the app was installed before its manifest asked
   * for it: the calls that need it answer `missing_scope`.
   */
  withdrawScope(scope: string): void {
    this.workspace.withdrawnScopes.add(scope);
  }

  /**
   * The next call of `method` takes effect at Slack and its answer is lost (the connection drops
   * before it arrives), as when a network fails mid-request: the app cannot know it happened.
   */
  loseNextAnswer(method: string): void {
    this.workspace.answersToLose.add(method);
  }

  /** The app is installed again with the same token (in the sandbox, the token is fixed). */
  restoreBotToken(): void {
    this.workspace.tokenRevoked = false;
  }

  relaxLimits(): void {
    this.workspace.slackLimits.relax();
  }

  /** How many calls were refused with 429 (Slack's limits or `setRateLimit`). */
  rateLimitedCount(): number {
    return this.calls().filter((call) => call.error === 'ratelimited').length;
  }

  /**
   * Forgets calls, messages, views, files, responses and rate limits; keeps users and channels,
   * and whether Slack's limits are enforced.
   */
  reset(): void {
    this.workspace.reset();
  }

  /** Waits until `predicate` returns something truthy (re-checked on every call), and returns it. */
  waitFor<T>(predicate: (simulator: SlackSimulator) => T, options: WaitForOptions = {}): Promise<Truthy<T>> {
    return waitFor(() => predicate(this), {
      ...options,
      subscribe: (listener) => this.workspace.calls.onChange(listener),
      describeState: () => `calls so far: ${this.describeCalls()}`,
    });
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // fetch keeps connections alive; without this, close() waits for them and jest does not exit.
    this.server.closeAllConnections();
    await closed;
  }

  private describeCalls(): string {
    const calls = this.calls();
    if (calls.length === 0) return 'none';
    return calls.map((call) => (call.ok ? call.method : `${call.method} (${call.error})`)).join(', ');
  }
}

export async function startSlackSimulator(options: SlackSimulatorOptions): Promise<SlackSimulator> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const workspace = new SandboxWorkspace(
    {
      baseUrl: `http://127.0.0.1:${port}`,
      teamId: options.teamId ?? DEFAULT_TEAM_ID,
      teamDomain: SANDBOX_TEAM_DOMAIN,
      botToken: options.botToken ?? DEFAULT_BOT_TOKEN,
      botUserId: SANDBOX_BOT_USER_ID,
      botId: SANDBOX_BOT_ID,
      appId: SANDBOX_APP_ID,
    },
    options,
  );
  server.on('request', simulatorRequestListener(workspace));
  if (options.enforceLimits) {
    workspace.slackLimits.enforce(options.enforceLimits === true ? {} : options.enforceLimits);
  }
  return new SlackSimulator(server, workspace, options.signingSecret);
}
