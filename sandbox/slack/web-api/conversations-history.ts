import { compareTs } from '../sandbox-ids';
import type { SandboxWorkspace } from '../sandbox-workspace';
import type { SimMessage } from '../types';
import { booleanParam, fail, type MethodHandler, ok, type SlackResult, stringParam } from './method-handler';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 999;
const TS = /^\d+(\.\d{1,6})?$/;

/**
 * conversations.history as Slack answers a bot token: a conversation id only (no names), the bot
 * must be in the channel (`not_in_channel`; a private one it is not in is `channel_not_found`),
 * newest first, top-level messages only, paged with an opaque cursor, and message metadata only
 * when `include_all_metadata` asks for it.
 */
const history: MethodHandler = (params, workspace) => {
  const channel = stringParam(params, 'channel');
  if (channel === undefined) return fail('channel_not_found');
  const refusal = refuseChannel(channel, workspace);
  if (refusal !== undefined) return refusal;

  const limitText = stringParam(params, 'limit');
  const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 0) return fail('invalid_limit');
  const latest = stringParam(params, 'latest');
  const oldest = stringParam(params, 'oldest');
  if (latest !== undefined && !TS.test(latest)) return fail('invalid_ts_latest');
  if (oldest !== undefined && !TS.test(oldest)) return fail('invalid_ts_oldest');
  const inclusive = booleanParam(params, 'inclusive');
  const cursorText = stringParam(params, 'cursor');
  const cursor = cursorText === undefined ? undefined : decodeCursor(cursorText);
  if (cursorText !== undefined && cursor === undefined) return fail('invalid_cursor');

  const inWindow = (ts: string) =>
    (latest === undefined || (inclusive ? compareTs(ts, latest) <= 0 : compareTs(ts, latest) < 0)) &&
    (oldest === undefined || (inclusive ? compareTs(ts, oldest) >= 0 : compareTs(ts, oldest) > 0)) &&
    (cursor === undefined || compareTs(ts, cursor) <= 0);
  const newestFirst = workspace.conversations
    .messages(channel)
    .filter((message) => message.threadTs === undefined || message.threadTs === message.ts)
    .filter((message) => inWindow(message.ts))
    .reverse();
  const pageSize = limit === 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
  const page = newestFirst.slice(0, pageSize);
  const next = newestFirst[pageSize];
  const withMetadata = booleanParam(params, 'include_all_metadata');
  return ok({
    messages: page.map((message) => historyMessage(message, workspace, withMetadata)),
    has_more: next !== undefined,
    pin_count: 0,
    ...(next === undefined ? {} : { response_metadata: { next_cursor: encodeCursor(next.ts) } }),
  });
};

function refuseChannel(channel: string, workspace: SandboxWorkspace): SlackResult | undefined {
  const { directory } = workspace;
  const known = directory.channel(channel);
  if (known !== undefined) {
    if (known.botIsMember === false) return fail(known.isPrivate ? 'channel_not_found' : 'not_in_channel');
    return needScope(known.isPrivate ? 'groups:history' : 'channels:history', workspace);
  }
  // The app's DMs are the only other conversations it can read; names and user ids are not ids.
  if (directory.resolveConversation(channel) !== channel) return fail('channel_not_found');
  return needScope('im:history', workspace);
}

/** Slack's answer when the token lacks the scope reading this kind of conversation needs. */
function needScope(scope: string, workspace: SandboxWorkspace): SlackResult | undefined {
  return workspace.withdrawnScopes.has(scope) ? fail('missing_scope', { needed: scope }) : undefined;
}

/** A message as history lists it: a bot's carries bot_id and app_id, a person's only the user. */
function historyMessage(
  message: SimMessage,
  workspace: SandboxWorkspace,
  withMetadata: boolean,
): Record<string, unknown> {
  const fromBot = message.botId !== '';
  return {
    type: 'message',
    user: message.user,
    ...(fromBot ? { bot_id: message.botId, app_id: workspace.identity.appId } : {}),
    team: workspace.identity.teamId,
    text: message.text,
    blocks: message.blocks,
    ts: message.ts,
    ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }),
    ...(message.files === undefined ? {} : { files: message.files }),
    ...(message.editCount > 0 ? { edited: { user: message.user } } : {}),
    ...(withMetadata && message.metadata !== undefined ? { metadata: message.metadata } : {}),
  };
}

function encodeCursor(ts: string): string {
  return Buffer.from(`next_ts:${ts}`).toString('base64');
}

function decodeCursor(cursor: string): string | undefined {
  const match = /^next_ts:(\d+\.\d{6})$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match?.[1];
}

export const conversationsHistoryMethods: Record<string, MethodHandler> = {
  'conversations.history': history,
};
