import type { ResponseUrlOwner, SimChannel, SimMessage, SimUser, SimView } from './types';

/** What the sender asks of a linked simulator; SlackSimulator provides it. */
export interface SimulatorLink {
  readonly teamId: string;
  readonly botUserId: string;
  newResponseUrl(owner?: ResponseUrlOwner): string;
  newTriggerId(userId?: string): string;
  user(userId: string): SimUser | undefined;
  channel(channelId: string): SimChannel | undefined;
  channels(): SimChannel[];
  message(channelId: string, ts: string): SimMessage | undefined;
  view(viewId: string): SimView | undefined;
  /** The Home tab last published for this person, if any. */
  home(userId: string): SimView | undefined;
  /** The person's DM with the app. */
  dmChannelOf(userId: string): string;
}

export interface SlackRequestSenderOptions {
  /** The app's base URL; requests go to `${appUrl}/slack/events`. */
  appUrl: string;
  signingSecret: string;
  teamId?: string;
  /** Mints response_urls and trigger_ids there, and fills clicks from the messages the app posted. */
  simulator?: SimulatorLink;
  /** Default '/slack/events', Bolt's HTTPReceiver default. */
  path?: string;
  apiAppId?: string;
  teamDomain?: string;
}

export interface CommandInput {
  userId: string;
  command: string;
  text?: string;
  /** Default: the simulator's first channel, else 'C0SANDBOX'. */
  channelId?: string;
  channelName?: string;
  userName?: string;
  responseUrl?: string;
  triggerId?: string;
}

export interface BlockActionInput {
  userId: string;
  actionId: string;
  /** Default: the value of the element with `actionId` in the clicked message, when found. */
  value?: string;
  blockId?: string;
  /** The message the button is on. */
  channelId?: string;
  messageTs?: string;
  /** Default: the stored message from the simulator. */
  message?: Record<string, unknown>;
  isEphemeral?: boolean;
  /** For a click inside a modal: the view it is in (default from the simulator by `viewId`). */
  viewId?: string;
  view?: Record<string, unknown>;
  /** Extra action fields (selected_option, selected_date, …) or overrides. */
  action?: Record<string, unknown>;
  stateValues?: Record<string, unknown>;
  responseUrl?: string;
  triggerId?: string;
}

/** An input's value: a string for a plain text input, or the whole Slack value object. */
export type SubmittedValue = string | Record<string, unknown>;

export interface ViewSubmissionInput {
  userId: string;
  /** The view submitted; with a simulator its stored callback_id, metadata and blocks are used. */
  viewId?: string;
  callbackId?: string;
  privateMetadata?: string;
  /** block_id → action_id → value. */
  values?: Record<string, Record<string, SubmittedValue>>;
  /** Fields merged into the submitted view. */
  view?: Record<string, unknown>;
  triggerId?: string;
}

export interface EventInput {
  /** The inner event, e.g. `{ type: 'app_home_opened', user: 'U…', tab: 'home' }`. */
  event: Record<string, unknown>;
  eventId?: string;
  eventTime?: number;
}
