import type { SimMessage } from './types';

/** Who is acting and in which workspace; every payload Slack sends names both. */
export interface PayloadActor {
  userId: string;
  userName: string;
  teamId: string;
  teamDomain: string;
  apiAppId: string;
  /** The legacy verification token Slack still includes; Bolt ignores it in favour of the signature. */
  verificationToken: string;
}

export interface SlashCommandFields {
  command: string;
  text: string;
  channelId: string;
  channelName: string;
  responseUrl: string;
  triggerId: string;
}

/** The form fields of a slash command, in the order Slack sends them. */
export function slashCommandForm(actor: PayloadActor, fields: SlashCommandFields): string {
  return new URLSearchParams({
    token: actor.verificationToken,
    team_id: actor.teamId,
    team_domain: actor.teamDomain,
    channel_id: fields.channelId,
    channel_name: fields.channelName,
    user_id: actor.userId,
    user_name: actor.userName,
    command: fields.command,
    text: fields.text,
    api_app_id: actor.apiAppId,
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId,
  }).toString();
}

/** Interactivity payloads travel as one form field holding JSON. */
export function interactivityForm(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

function userAndTeam(actor: PayloadActor): Record<string, unknown> {
  return {
    user: { id: actor.userId, username: actor.userName, name: actor.userName, team_id: actor.teamId },
    team: { id: actor.teamId, domain: actor.teamDomain },
    api_app_id: actor.apiAppId,
    token: actor.verificationToken,
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** The message object inside a block_actions payload: what the clicked message looked like. */
export function interactionMessage(message: SimMessage, teamId: string): Record<string, unknown> {
  return {
    type: 'message',
    user: message.user,
    bot_id: message.botId,
    team: teamId,
    text: message.text,
    blocks: message.blocks,
    ts: message.ts,
    ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }),
  };
}

export interface BlockActionsFields {
  action: Record<string, unknown>;
  container: Record<string, unknown>;
  triggerId: string;
  channel?: { id: string; name: string };
  message?: Record<string, unknown>;
  view?: Record<string, unknown>;
  responseUrl?: string;
  stateValues?: Record<string, unknown>;
}

export function blockActionsPayload(
  actor: PayloadActor,
  fields: BlockActionsFields,
): Record<string, unknown> {
  return {
    type: 'block_actions',
    ...userAndTeam(actor),
    container: fields.container,
    trigger_id: fields.triggerId,
    ...(fields.channel === undefined ? {} : { channel: fields.channel }),
    ...(fields.message === undefined ? {} : { message: fields.message }),
    ...(fields.view === undefined ? {} : { view: fields.view }),
    state: { values: fields.stateValues ?? {} },
    ...(fields.responseUrl === undefined ? {} : { response_url: fields.responseUrl }),
    actions: [fields.action],
  };
}

export function viewSubmissionPayload(
  actor: PayloadActor,
  fields: { view: Record<string, unknown>; triggerId: string; responseUrls?: unknown[] },
): Record<string, unknown> {
  return {
    type: 'view_submission',
    ...userAndTeam(actor),
    trigger_id: fields.triggerId,
    view: fields.view,
    response_urls: fields.responseUrls ?? [],
  };
}

export function eventCallbackEnvelope(
  workspace: { teamId: string; apiAppId: string; botUserId: string; verificationToken: string },
  event: Record<string, unknown>,
  delivery: { eventId: string; eventTime: number },
): Record<string, unknown> {
  return {
    token: workspace.verificationToken,
    team_id: workspace.teamId,
    api_app_id: workspace.apiAppId,
    event: { event_ts: `${delivery.eventTime}.000100`, ...event },
    type: 'event_callback',
    event_id: delivery.eventId,
    event_time: delivery.eventTime,
    authorizations: [
      {
        enterprise_id: null,
        team_id: workspace.teamId,
        user_id: workspace.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}

export function urlVerificationBody(verificationToken: string, challenge: string): Record<string, unknown> {
  return { token: verificationToken, challenge, type: 'url_verification' };
}

/** Slack's action_ts / event_ts: seconds with microseconds. */
export function slackNowTs(): string {
  return (Date.now() / 1000).toFixed(6);
}
