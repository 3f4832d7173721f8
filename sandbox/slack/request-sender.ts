import { randomBytes } from 'node:crypto';
import { findActionElement } from './find-action-element';
import type {
  BlockActionInput,
  CommandInput,
  EventInput,
  SlackRequestSenderOptions,
  SubmittedValue,
  ViewSubmissionInput,
} from './request-inputs';
import {
  blockActionsPayload,
  eventCallbackEnvelope,
  interactionMessage,
  interactivityForm,
  type PayloadActor,
  slackNowTs,
  slashCommandForm,
  urlVerificationBody,
  viewSubmissionPayload,
} from './request-payloads';
import {
  DEFAULT_TEAM_ID,
  SANDBOX_APP_ID,
  SANDBOX_BOT_USER_ID,
  SANDBOX_TEAM_DOMAIN,
  SANDBOX_VERIFICATION_TOKEN,
} from './sandbox-defaults';
import {
  deliverSigned,
  deliverVerbatim,
  type ForgeOptions,
  type RawSlackRequest,
  type SentSlackRequest,
  type SlackDeliveryResponse,
} from './signed-delivery';
import type { ResponseUrlOwner } from './types';

const DEFAULT_CHANNEL_ID = 'C0SANDBOX';
/** The element fields Slack copies from a rendered button into the action it reports. */
const REPORTED_ELEMENT_FIELDS = ['type', 'text', 'value', 'style', 'url'] as const;

/**
 * Sends requests to the app exactly as Slack does (signed, with Slack's content types and payload
 * shapes), filling sensible defaults so a test states only what matters to it.
 */
export class SlackRequestSender {
  private readonly url: string;
  private readonly teamId: string;
  private eventCount = 0;

  constructor(private readonly options: SlackRequestSenderOptions) {
    this.url = `${options.appUrl.replace(/\/$/, '')}${options.path ?? '/slack/events'}`;
    this.teamId = options.teamId ?? options.simulator?.teamId ?? DEFAULT_TEAM_ID;
  }

  command(input: CommandInput, forge?: ForgeOptions): Promise<SlackDeliveryResponse> {
    const channelId = input.channelId ?? this.options.simulator?.channels()[0]?.id ?? DEFAULT_CHANNEL_ID;
    const body = slashCommandForm(this.actor(input.userId, input.userName), {
      command: input.command.startsWith('/') ? input.command : `/${input.command}`,
      text: input.text ?? '',
      channelId,
      channelName: input.channelName ?? this.channelName(channelId),
      responseUrl: input.responseUrl ?? this.newResponseUrl({ userId: input.userId, channelId }),
      triggerId: input.triggerId ?? this.newTriggerId(input.userId),
    });
    return this.raw({ body, contentType: 'application/x-www-form-urlencoded' }, forge);
  }

  blockAction(input: BlockActionInput, forge?: ForgeOptions): Promise<SlackDeliveryResponse> {
    const simulator = this.options.simulator;
    const stored =
      input.channelId !== undefined && input.messageTs !== undefined
        ? simulator?.message(input.channelId, input.messageTs)
        : undefined;
    const view = input.view ?? (input.viewId === undefined ? undefined : simulator?.view(input.viewId)?.view);
    const message =
      input.message ?? (stored === undefined ? undefined : interactionMessage(stored, this.teamId));
    const blocks = (message?.blocks ?? view?.blocks ?? []) as unknown[];
    const rendered = findActionElement(Array.isArray(blocks) ? blocks : [], input.actionId, input.blockId);

    const inMessage = input.channelId !== undefined;
    const action = {
      type: 'button',
      ...pick(rendered?.element ?? {}, REPORTED_ELEMENT_FIELDS),
      action_id: input.actionId,
      block_id: input.blockId ?? rendered?.blockId ?? 'sandbox_block',
      ...(input.value === undefined ? {} : { value: input.value }),
      action_ts: slackNowTs(),
      ...input.action,
    };
    const payload = blockActionsPayload(this.actor(input.userId), {
      action,
      container: inMessage
        ? {
            type: 'message',
            message_ts: input.messageTs,
            channel_id: input.channelId,
            is_ephemeral: input.isEphemeral ?? false,
          }
        : { type: 'view', view_id: input.viewId ?? view?.id },
      triggerId: input.triggerId ?? this.newTriggerId(input.userId),
      ...(input.channelId === undefined
        ? {}
        : { channel: { id: input.channelId, name: this.channelName(input.channelId) } }),
      ...(message === undefined ? {} : { message }),
      ...(view === undefined ? {} : { view }),
      ...(input.stateValues === undefined ? {} : { stateValues: input.stateValues }),
      ...(inMessage
        ? {
            responseUrl:
              input.responseUrl ??
              this.newResponseUrl({
                userId: input.userId,
                channelId: input.channelId,
                ...(input.messageTs === undefined ? {} : { messageTs: input.messageTs }),
              }),
          }
        : {}),
    });
    return this.raw(
      { body: interactivityForm(payload), contentType: 'application/x-www-form-urlencoded' },
      forge,
    );
  }

  viewSubmission(input: ViewSubmissionInput, forge?: ForgeOptions): Promise<SlackDeliveryResponse> {
    const stored = input.viewId === undefined ? undefined : this.options.simulator?.view(input.viewId)?.view;
    const view: Record<string, unknown> = {
      id: input.viewId ?? `V0SUBMIT${randomBytes(3).toString('hex').toUpperCase()}`,
      team_id: this.teamId,
      type: 'modal',
      blocks: [],
      private_metadata: '',
      callback_id: '',
      hash: `${Math.floor(Date.now() / 1000)}.sandbox`,
      ...stored,
      ...(input.callbackId === undefined ? {} : { callback_id: input.callbackId }),
      ...(input.privateMetadata === undefined ? {} : { private_metadata: input.privateMetadata }),
      state: { values: submittedValues(input.values ?? {}) },
      ...input.view,
    };
    const payload = viewSubmissionPayload(this.actor(input.userId), {
      view,
      triggerId: input.triggerId ?? this.newTriggerId(input.userId),
    });
    return this.raw(
      { body: interactivityForm(payload), contentType: 'application/x-www-form-urlencoded' },
      forge,
    );
  }

  event(input: EventInput, forge?: ForgeOptions): Promise<SlackDeliveryResponse> {
    this.eventCount += 1;
    const envelope = eventCallbackEnvelope(
      {
        teamId: this.teamId,
        apiAppId: this.apiAppId(),
        botUserId: this.options.simulator?.botUserId ?? SANDBOX_BOT_USER_ID,
        verificationToken: SANDBOX_VERIFICATION_TOKEN,
      },
      input.event,
      {
        eventId: input.eventId ?? `Ev0SANDBOX${this.eventCount}`,
        eventTime: input.eventTime ?? Math.floor(Date.now() / 1000),
      },
    );
    return this.raw({ body: JSON.stringify(envelope), contentType: 'application/json' }, forge);
  }

  /**
   * The person opens the app's Home tab (or its Messages tab): Slack's `app_home_opened` event,
   * naming their DM with the app and, once a Home was ever published for them, carrying that view
   * as it stands, as Slack does.
   */
  appHomeOpened(
    input: { userId: string; tab?: 'home' | 'messages' },
    forge?: ForgeOptions,
  ): Promise<SlackDeliveryResponse> {
    const simulator = this.options.simulator;
    const tab = input.tab ?? 'home';
    const home = tab === 'home' ? simulator?.home(input.userId)?.view : undefined;
    const event = {
      type: 'app_home_opened',
      user: input.userId,
      channel: simulator?.dmChannelOf(input.userId) ?? `D${input.userId.slice(1)}`,
      tab,
      ...(home === undefined ? {} : { view: home }),
    };
    return this.event({ event }, forge);
  }

  /** The handshake Slack sends when the Events URL is saved; the app must echo the challenge. */
  urlVerification(challenge = randomBytes(16).toString('hex'), forge?: ForgeOptions) {
    const body = JSON.stringify(urlVerificationBody(SANDBOX_VERIFICATION_TOKEN, challenge));
    return this.raw({ body, contentType: 'application/json' }, forge);
  }

  /** Any body, signed unless `signature` is given: for requests Slack would never send. */
  raw(request: RawSlackRequest, forge?: ForgeOptions): Promise<SlackDeliveryResponse> {
    return deliverSigned(this.url, this.options.signingSecret, request, forge);
  }

  /**
   * A request sent before (any sender's `response.sent`), again byte for byte to this sender's
   * app: a captured request replayed. `headers` adds some, e.g. `x-slack-retry-num`.
   */
  replay(sent: SentSlackRequest, headers?: Record<string, string>): Promise<SlackDeliveryResponse> {
    return deliverVerbatim(this.url, sent, headers);
  }

  private actor(userId: string, userName?: string): PayloadActor {
    return {
      userId,
      userName: userName ?? this.options.simulator?.user(userId)?.name ?? userId.toLowerCase(),
      teamId: this.teamId,
      teamDomain: this.options.teamDomain ?? SANDBOX_TEAM_DOMAIN,
      apiAppId: this.apiAppId(),
      verificationToken: SANDBOX_VERIFICATION_TOKEN,
    };
  }

  private apiAppId(): string {
    return this.options.apiAppId ?? SANDBOX_APP_ID;
  }

  private channelName(channelId: string): string {
    if (channelId.startsWith('D')) return 'directmessage';
    return this.options.simulator?.channel(channelId)?.name ?? channelId.toLowerCase();
  }

  /** Without a simulator, a URL shaped like Slack's that nothing answers. */
  private newResponseUrl(owner: ResponseUrlOwner): string {
    const simulator = this.options.simulator;
    if (simulator !== undefined) return simulator.newResponseUrl(owner);
    return `https://hooks.slack.com/commands/${this.teamId}/${Date.now()}/${randomBytes(12).toString('hex')}`;
  }

  private newTriggerId(userId: string): string {
    const simulator = this.options.simulator;
    if (simulator !== undefined) return simulator.newTriggerId(userId);
    return `${Math.floor(Date.now() / 1000)}.0.${randomBytes(16).toString('hex')}`;
  }
}

/** Slack's state.values shape; a bare string stands for a plain_text_input's value. */
function submittedValues(values: Record<string, Record<string, SubmittedValue>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([blockId, actions]) => [
      blockId,
      Object.fromEntries(
        Object.entries(actions).map(([actionId, value]) => [
          actionId,
          typeof value === 'string' ? { type: 'plain_text_input', value } : value,
        ]),
      ),
    ]),
  );
}

function pick(record: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    fields.filter((field) => record[field] !== undefined).map((field) => [field, record[field]]),
  );
}

export function slackRequests(options: SlackRequestSenderOptions): SlackRequestSender {
  return new SlackRequestSender(options);
}
