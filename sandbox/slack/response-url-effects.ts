import type { SandboxWorkspace } from './sandbox-workspace';
import type { ResponseUrlBody, ResponseUrlOwner } from './types';

/**
 * Puts a response_url message where Slack would: delete or replace the message the interaction came
 * from, post a new channel message for `in_channel`, and otherwise (Slack's default) show an
 * ephemeral message to the person who ran the command or clicked.
 */
export function applyResponseUrlBody(
  workspace: SandboxWorkspace,
  owner: ResponseUrlOwner,
  body: ResponseUrlBody,
): void {
  const { conversations, identity, ids } = workspace;
  const original =
    owner.channelId !== undefined && owner.messageTs !== undefined
      ? conversations.message(owner.channelId, owner.messageTs)
      : undefined;

  if (isTrue(body.delete_original) && original !== undefined) {
    conversations.delete(original.channel, original.ts);
    return;
  }
  if (isTrue(body.replace_original) && original !== undefined) {
    conversations.update(original.channel, original.ts, {
      text: body.text ?? '',
      blocks: body.blocks ?? [],
      via: 'response_url',
    });
    return;
  }
  if (body.response_type === 'in_channel' && owner.channelId !== undefined) {
    conversations.post({
      channel: owner.channelId,
      ts: ids.nextTs(),
      user: identity.botUserId,
      botId: identity.botId,
      text: body.text ?? '',
      blocks: body.blocks ?? [],
      via: 'response_url',
      ...(body.thread_ts === undefined ? {} : { threadTs: body.thread_ts }),
    });
    return;
  }
  if (owner.userId !== undefined) {
    conversations.addEphemeral({
      channel: owner.channelId ?? '',
      user: owner.userId,
      messageTs: ids.nextTs(),
      text: body.text ?? '',
      blocks: body.blocks ?? [],
      at: new Date(),
      via: 'response_url',
      ...(body.thread_ts === undefined ? {} : { threadTs: body.thread_ts }),
    });
  }
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}
