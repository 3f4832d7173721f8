import { WebClient } from '@slack/web-api';
import { type SlackSimulator, startSlackSimulator } from '../../../sandbox/slack';

const FINANCE = 'C0FINANCE';
const SECRET_ROOM = 'C0SECRET';
const FIN_ONE = 'U0FIN1';
const metadata = { event_type: 'paydesk_audit_checkpoint', event_payload: { seq: 1 } };

/** Raw calls, so the test sees exactly what Slack's HTTP API answers (WebClient throws on errors). */
async function call(slack: SlackSimulator, method: string, params: Record<string, string>, token?: string) {
  const response = await fetch(`${slack.apiUrl}${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: new URLSearchParams(params).toString(),
  });
  return (await response.json()) as Record<string, unknown> & {
    messages?: Record<string, unknown>[];
    response_metadata?: { next_cursor?: string };
  };
}

/** The simulator's conversations.history, which audit verify reads checkpoints with, keeps Slack's rules. */
describe('Slack simulator: conversations.history', () => {
  let slack: SlackSimulator;
  let web: WebClient;
  beforeEach(async () => {
    slack = await startSlackSimulator({
      signingSecret: 'sandbox-signing-secret',
      users: [{ id: FIN_ONE, name: 'fin.one', realName: 'Fin One' }],
      channels: [
        { id: FINANCE, name: 'finance' },
        { id: SECRET_ROOM, name: 'secret', isPrivate: true, botIsMember: false },
      ],
    });
    web = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  });
  afterEach(() => slack.close());

  it('needs the bot token', async () => {
    expect(await call(slack, 'conversations.history', { channel: FINANCE })).toMatchObject({
      ok: false,
      error: 'not_authed',
    });
    expect(
      await call(slack, 'conversations.history', { channel: FINANCE }, 'xoxb-someone-else'),
    ).toMatchObject({
      ok: false,
      error: 'invalid_auth',
    });
  });

  it('needs the bot in the channel, takes ids only, and hides private channels it is not in', async () => {
    const token = slack.botToken;
    expect(await call(slack, 'conversations.history', { channel: FINANCE }, token)).toMatchObject({
      ok: true,
    });
    expect(await call(slack, 'conversations.history', { channel: '#finance' }, token)).toMatchObject({
      error: 'channel_not_found',
    });
    expect(await call(slack, 'conversations.history', { channel: SECRET_ROOM }, token)).toMatchObject({
      error: 'channel_not_found',
    });
    slack.setBotMembership(FINANCE, false);
    expect(await call(slack, 'conversations.history', { channel: FINANCE }, token)).toMatchObject({
      error: 'not_in_channel',
    });
    expect(await call(slack, 'chat.postMessage', { channel: FINANCE, text: 'hi' }, token)).toMatchObject({
      error: 'not_in_channel',
    });
  });

  it('lists top-level messages newest first, in pages, with metadata only when asked for', async () => {
    const posted: string[] = [];
    for (let i = 1; i <= 5; i += 1) {
      const result = await web.chat.postMessage({ channel: FINANCE, text: `message ${i}`, metadata });
      posted.push(result.ts as string);
    }
    await web.chat.postMessage({ channel: FINANCE, text: 'a reply', thread_ts: posted[0] });
    slack.postAsUser({ channel: FINANCE, user: FIN_ONE, text: 'from a person' });

    const plain = await web.conversations.history({ channel: FINANCE });
    expect(plain.messages?.map((message) => message.text)).toEqual([
      'from a person',
      'message 5',
      'message 4',
      'message 3',
      'message 2',
      'message 1',
    ]);
    expect(plain.messages?.some((message) => 'metadata' in message)).toBe(false);
    expect(plain.messages?.[0]).not.toHaveProperty('bot_id');
    expect(plain.messages?.[1]).toMatchObject({ bot_id: slack.identity.botId, user: slack.botUserId });

    const first = await web.conversations.history({ channel: FINANCE, limit: 4, include_all_metadata: true });
    expect(first.has_more).toBe(true);
    expect(first.messages?.[1]?.metadata).toEqual(metadata);
    const second = await web.conversations.history({
      channel: FINANCE,
      limit: 4,
      cursor: first.response_metadata?.next_cursor as string,
    });
    expect(second.has_more).toBe(false);
    expect(second.messages?.map((message) => message.text)).toEqual(['message 2', 'message 1']);
    expect(
      await call(slack, 'conversations.history', { channel: FINANCE, cursor: 'bm9wZQ==' }, slack.botToken),
    ).toMatchObject({ error: 'invalid_cursor' });
  });

  it('refuses metadata that is not an event type with a payload', async () => {
    expect(
      await call(
        slack,
        'chat.postMessage',
        { channel: FINANCE, text: 'x', metadata: JSON.stringify({ event_payload: {} }) },
        slack.botToken,
      ),
    ).toMatchObject({ ok: false, error: 'invalid_metadata_format' });
  });
});
