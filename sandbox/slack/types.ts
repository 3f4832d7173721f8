import type { AnyBlock } from '@slack/types';
import type { SlackLimitOptions } from './slack-limits';

/** A person (or bot) in the sandbox workspace. */
export interface SimUser {
  id: string;
  name: string;
  realName: string;
  /** What Slack shows after `@`; default `name`. */
  displayName?: string;
  email?: string;
  isBot?: boolean;
  deleted?: boolean;
  /** Their time zone as Slack reports it (`tz`); default America/New_York. */
  tz?: string;
}

export interface SimChannel {
  id: string;
  name: string;
  /** Whether the app's bot was invited; default true. Reading history needs it, as on Slack. */
  botIsMember?: boolean;
  /** A private channel the bot is not in does not exist as far as the bot can tell. */
  isPrivate?: boolean;
}

/** Web API parameters as the simulator received them, JSON-valued fields (blocks, view, …) already parsed. */
export type SlackParams = Record<string, unknown>;

export interface RecordedCall {
  method: string;
  params: SlackParams;
  at: Date;
  /** The token the caller presented, so hostile tests can assert which credential the app used. */
  token?: string;
  ok: boolean;
  error?: string;
}

/** Which API (or response_url) produced a message version; the demo transcript shows it. */
export type MessageSource =
  | 'user'
  | 'chat.postMessage'
  | 'chat.update'
  | 'files.completeUploadExternal'
  | 'response_url';

export interface SimMessageVersion {
  text: string;
  blocks: AnyBlock[];
  at: Date;
  via: MessageSource;
}

export interface SimFileRef {
  id: string;
  name: string;
  title: string;
}

/** The latest version of a message in a conversation. */
export interface SimMessage {
  channel: string;
  ts: string;
  /** The bot user that posted it. */
  user: string;
  botId: string;
  text: string;
  blocks: AnyBlock[];
  threadTs?: string;
  files?: SimFileRef[];
  metadata?: unknown;
  /** How many times it was changed after posting (chat.update or response_url replace_original). */
  editCount: number;
}

export interface SimEphemeral {
  channel: string;
  user: string;
  messageTs: string;
  text: string;
  blocks: AnyBlock[];
  threadTs?: string;
  at: Date;
  via: 'chat.postEphemeral' | 'response_url';
}

export interface SimFile {
  id: string;
  filename: string;
  title: string;
  channelId?: string;
  threadTs?: string;
  initialComment?: string;
  altText?: string;
  snippetType?: string;
  /** The uploaded bytes decoded as UTF-8 (the app uploads CSV and text). */
  content: string;
  bytes: Buffer;
  at: Date;
}

/** A file a person uploaded (through a modal's file input); not shared in any conversation. */
export interface SimUpload {
  id: string;
  name: string;
  filetype: string;
  mimetype: string;
  userId: string;
  bytes: Buffer;
  at: Date;
}

export type ViewSource = 'views.open' | 'views.push' | 'views.publish';

export interface SimView {
  id: string;
  /** Who sees it: from the trigger_id the simulator minted, or the user_id of views.publish. */
  userId?: string;
  openedWith: ViewSource;
  rootViewId: string;
  previousViewId?: string;
  externalId?: string;
  callbackId?: string;
  privateMetadata?: string;
  hash: string;
  updateCount: number;
  /** The view object exactly as the simulator returns it from the Web API. */
  view: Record<string, unknown>;
}

/** What a response_url was minted for, so a POST to it can land where Slack would put it. */
export interface ResponseUrlOwner {
  userId?: string;
  channelId?: string;
  /** The message the interaction came from; replace_original / delete_original act on it. */
  messageTs?: string;
}

export interface ResponseUrlBody {
  text?: string;
  blocks?: AnyBlock[];
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  delete_original?: boolean;
  thread_ts?: string;
  [field: string]: unknown;
}

export interface RecordedResponse {
  id: string;
  url: string;
  owner: ResponseUrlOwner;
  body: ResponseUrlBody;
  at: Date;
}

export interface SlackSimulatorOptions {
  signingSecret: string;
  /** Default 'xoxb-sandbox-token'; any other token gets `invalid_auth`. */
  botToken?: string;
  /** Default 'T0SANDBOX'. */
  teamId?: string;
  users?: SimUser[];
  /** Usergroup id ('S…') → member user ids. */
  usergroups?: Record<string, string[]>;
  channels?: SimChannel[];
  /** Enforce Slack's documented rate limits from the start (see SlackSimulator.enforceLimits). */
  enforceLimits?: boolean | Partial<SlackLimitOptions>;
}
