import type { SandboxWorkspace } from '../sandbox-workspace';
import type { SimMessage, SlackParams } from '../types';
import {
  blocksParam,
  fail,
  type MethodHandler,
  missingArgument,
  ok,
  type SlackResult,
  stringParam,
} from './method-handler';

/** The message object Slack returns from chat.postMessage / chat.update. */
export function slackMessageObject(
  message: SimMessage,
  workspace: SandboxWorkspace,
): Record<string, unknown> {
  const { identity } = workspace;
  return {
    type: 'message',
    user: message.user,
    bot_id: message.botId,
    app_id: identity.appId,
    team: identity.teamId,
    text: message.text,
    blocks: message.blocks,
    ts: message.ts,
    ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }),
    ...(message.files === undefined ? {} : { files: message.files }),
    ...(message.editCount > 0 ? { edited: { user: message.user } } : {}),
  };
}

/** The conversation a `channel` argument names, or Slack's error for it. */
function conversationOf(params: SlackParams, workspace: SandboxWorkspace): string | SlackResult {
  const channel = stringParam(params, 'channel');
  if (channel === undefined) return fail('channel_not_found');
  return workspace.directory.resolveConversation(channel) ?? fail('channel_not_found');
}

const postMessage: MethodHandler = (params, workspace) => {
  const channel = conversationOf(params, workspace);
  if (typeof channel !== 'string') return channel;
  // Slack refuses a bot's post to a channel it was removed from (without chat:write.public).
  if (workspace.directory.channel(channel)?.botIsMember === false) return fail('not_in_channel');
  const blocks = blocksParam(params);
  if (blocks.kind === 'invalid') return fail('invalid_blocks');
  const text = stringParam(params, 'text') ?? '';
  if (text === '' && blocks.kind === 'absent' && params.attachments === undefined) return fail('no_text');

  if (params.metadata !== undefined && !isMessageMetadata(params.metadata))
    return fail('invalid_metadata_format');

  const threadTs = stringParam(params, 'thread_ts');
  const message = workspace.conversations.post({
    channel,
    ts: workspace.ids.nextTs(),
    user: workspace.identity.botUserId,
    botId: workspace.identity.botId,
    text,
    blocks: blocks.kind === 'valid' ? blocks.blocks : [],
    via: 'chat.postMessage',
    ...(threadTs === undefined ? {} : { threadTs }),
    ...(params.metadata === undefined ? {} : { metadata: params.metadata }),
  });
  return ok({ channel, ts: message.ts, message: slackMessageObject(message, workspace) });
};

/** Slack's message metadata: an event type and an object payload, nothing else. */
function isMessageMetadata(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { event_type: type, event_payload: payload } = value as Record<string, unknown>;
  return (
    typeof type === 'string' &&
    type !== '' &&
    typeof payload === 'object' &&
    payload !== null &&
    !Array.isArray(payload)
  );
}

/** As in Slack, a field left out keeps its old value; an empty blocks array removes the blocks. */
const update: MethodHandler = (params, workspace) => {
  const channel = conversationOf(params, workspace);
  if (typeof channel !== 'string') return channel;
  const ts = stringParam(params, 'ts');
  const existing = ts === undefined ? undefined : workspace.conversations.message(channel, ts);
  if (ts === undefined || existing === undefined) return fail('message_not_found');
  const blocks = blocksParam(params);
  if (blocks.kind === 'invalid') return fail('invalid_blocks');

  const text = typeof params.text === 'string' ? params.text : existing.text;
  const updated = workspace.conversations.update(channel, ts, {
    text,
    blocks: blocks.kind === 'valid' ? blocks.blocks : existing.blocks,
    via: 'chat.update',
  });
  if (updated === undefined) return fail('message_not_found');
  return ok({ channel, ts, text: updated.text, message: slackMessageObject(updated, workspace) });
};

const deleteMessage: MethodHandler = (params, workspace) => {
  const channel = conversationOf(params, workspace);
  if (typeof channel !== 'string') return channel;
  const ts = stringParam(params, 'ts');
  if (ts === undefined || !workspace.conversations.delete(channel, ts)) return fail('message_not_found');
  return ok({ channel, ts });
};

const postEphemeral: MethodHandler = (params, workspace) => {
  const channel = conversationOf(params, workspace);
  if (typeof channel !== 'string') return channel;
  const userId = stringParam(params, 'user');
  if (userId === undefined) return missingArgument('user');
  if (workspace.directory.user(userId) === undefined) return fail('user_not_found');
  const blocks = blocksParam(params);
  if (blocks.kind === 'invalid') return fail('invalid_blocks');
  const text = stringParam(params, 'text') ?? '';
  if (text === '' && blocks.kind === 'absent' && params.attachments === undefined) return fail('no_text');

  const messageTs = workspace.ids.nextTs();
  const threadTs = stringParam(params, 'thread_ts');
  workspace.conversations.addEphemeral({
    channel,
    user: userId,
    messageTs,
    text,
    blocks: blocks.kind === 'valid' ? blocks.blocks : [],
    at: new Date(),
    via: 'chat.postEphemeral',
    ...(threadTs === undefined ? {} : { threadTs }),
  });
  return ok({ message_ts: messageTs });
};

/** Points at the simulator rather than slack.com so the demo's browser view can open it. */
const getPermalink: MethodHandler = (params, workspace) => {
  const channel = conversationOf(params, workspace);
  if (typeof channel !== 'string') return channel;
  const ts = stringParam(params, 'message_ts');
  if (ts === undefined || workspace.conversations.message(channel, ts) === undefined) {
    return fail('message_not_found');
  }
  return ok({
    channel,
    permalink: `${workspace.identity.baseUrl}/archives/${channel}/p${ts.replace('.', '')}`,
  });
};

export const chatMethods: Record<string, MethodHandler> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.delete': deleteMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
};
