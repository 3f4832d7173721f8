import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { type Logger, WebClient, WebClientEvent } from '@slack/web-api';
import {
  renderMessageText,
  type SlackRequestSender,
  type SlackSimulator,
  startSlackSimulator,
} from '../../../sandbox/slack';

const signingSecret = 'sandbox-signing-secret';
const FINANCE = 'C0FINANCE';
const FIN_ONE = 'U0FIN1';
const FIN_TWO = 'U0FIN2';
const WRITER = 'U0WRITER';

function startWorkspace(): Promise<SlackSimulator> {
  return startSlackSimulator({
    signingSecret,
    users: [
      { id: FIN_ONE, name: 'fin.one', realName: 'Fin One', email: 'fin.one@example.com' },
      { id: FIN_TWO, name: 'fin.two', realName: 'Fin Two', email: 'fin.two@example.com' },
      { id: WRITER, name: 'wendy', realName: 'Wendy Writer', email: 'wendy@example.com' },
    ],
    usergroups: { S0FINANCE: [FIN_ONE, FIN_TWO] },
    channels: [{ id: FINANCE, name: 'finance' }],
  });
}

const requestBlocks = [
  { type: 'header', text: { type: 'plain_text', text: 'Top-up request TU-0007 · $2,000.00' } },
  { type: 'section', text: { type: 'mrkdwn', text: 'Requested by <@U0FIN1> · memo &lt;!channel&gt;' } },
  { type: 'divider' },
  {
    type: 'actions',
    block_id: 'decision',
    elements: [
      {
        type: 'button',
        action_id: 'approve',
        text: { type: 'plain_text', text: 'Approve' },
        value: 'TU-0007',
      },
      { type: 'button', action_id: 'reject', text: { type: 'plain_text', text: 'Reject' }, value: 'TU-0007' },
    ],
  },
];

/** WebClient logs Slack's errors and its rate-limit waits; the assertions already cover them. */
const quietLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

function webClient(sim: SlackSimulator, options: { token?: string; retries?: number } = {}): WebClient {
  return new WebClient(options.token ?? sim.botToken, {
    slackApiUrl: sim.apiUrl,
    logger: quietLogger,
    retryConfig: { retries: options.retries ?? 0, minTimeout: 10, maxTimeout: 50 },
  });
}

/** The Slack error code a rejected WebClient call carries. */
async function slackErrorOf(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
  } catch (error) {
    return (error as { data?: { error?: string } }).data?.error;
  }
  throw new Error('expected the call to fail');
}

describe('Slack simulator: Web API for a real WebClient', () => {
  let sim: SlackSimulator;
  let client: WebClient;

  beforeAll(async () => {
    sim = await startWorkspace();
    client = webClient(sim);
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  it('answers auth.test with the bot identity', async () => {
    const auth = await client.auth.test();
    expect(auth).toMatchObject({ ok: true, team_id: 'T0SANDBOX', user_id: sim.botUserId });
  });

  it('updates a posted message in place and keeps its earlier versions', async () => {
    const posted = await client.chat.postMessage({
      channel: FINANCE,
      text: 'TU-0007 requested',
      blocks: requestBlocks,
    });
    const second = await client.chat.postMessage({ channel: FINANCE, text: 'another' });
    expect(Number(second.ts)).toBeGreaterThan(Number(posted.ts));
    expect(sim.calls('chat.postMessage')[0]?.params.blocks).toEqual(requestBlocks);

    await client.chat.update({ channel: FINANCE, ts: posted.ts ?? '', text: 'TU-0007 approved', blocks: [] });

    const [request, other] = sim.messages(FINANCE);
    expect(sim.messages(FINANCE)).toHaveLength(2);
    expect(request).toMatchObject({ ts: posted.ts, text: 'TU-0007 approved', blocks: [], editCount: 1 });
    expect(other?.text).toBe('another');
    expect(sim.messageHistory(FINANCE, posted.ts ?? '').map((version) => version.text)).toEqual([
      'TU-0007 requested',
      'TU-0007 approved',
    ]);
  });

  it('refuses to update a message that does not exist or post where there is no channel', async () => {
    expect(await slackErrorOf(client.chat.update({ channel: FINANCE, ts: '1.000001', text: 'x' }))).toBe(
      'message_not_found',
    );
    expect(await slackErrorOf(client.chat.postMessage({ channel: 'C0NOPE', text: 'x' }))).toBe(
      'channel_not_found',
    );
  });

  it('records ephemeral messages for their user', async () => {
    const result = await client.chat.postEphemeral({
      channel: FINANCE,
      user: FIN_ONE,
      text: 'Only you see this',
    });
    expect(result.message_ts).toEqual(expect.any(String));
    expect(sim.ephemerals(FIN_ONE)).toEqual([
      expect.objectContaining({ channel: FINANCE, text: 'Only you see this', via: 'chat.postEphemeral' }),
    ]);
    expect(sim.ephemerals(FIN_TWO)).toEqual([]);
  });

  it('opens the same DM for a user every time and keeps its messages', async () => {
    const first = await client.conversations.open({ users: WRITER });
    const again = await client.conversations.open({ users: WRITER });
    const dm = first.channel?.id ?? '';
    expect(dm).toMatch(/^D/);
    expect(again.channel?.id).toBe(dm);
    expect(sim.dmChannelOf(WRITER)).toBe(dm);

    await client.chat.postMessage({ channel: dm, text: 'You were paid $9.00' });
    expect(sim.messages(dm).map((message) => message.text)).toEqual(['You were paid $9.00']);
  });

  it('looks users up by email and id, with Slack errors when missing', async () => {
    const found = await client.users.lookupByEmail({ email: 'Wendy@Example.com' });
    expect(found.user).toMatchObject({
      id: WRITER,
      real_name: 'Wendy Writer',
      profile: { email: 'wendy@example.com' },
    });
    expect(await slackErrorOf(client.users.lookupByEmail({ email: 'nobody@example.com' }))).toBe(
      'users_not_found',
    );

    const info = await client.users.info({ user: FIN_TWO });
    expect(info.user?.name).toBe('fin.two');
    expect(await slackErrorOf(client.users.info({ user: 'U0NOBODY' }))).toBe('user_not_found');
  });

  it('lists usergroup members', async () => {
    const members = await client.usergroups.users.list({ usergroup: 'S0FINANCE' });
    expect(members.users).toEqual([FIN_ONE, FIN_TWO]);
    expect(await slackErrorOf(client.usergroups.users.list({ usergroup: 'S0NOPE' }))).toBe('no_such_subteam');
  });

  it('receives a CSV through filesUploadV2 and shares it in the channel', async () => {
    const csv = 'writer,amount\nU0WRITER,9.00\n';
    await client.filesUploadV2({
      channel_id: FINANCE,
      content: csv,
      filename: 'audit.csv',
      title: 'Audit export',
      initial_comment: 'Audit export for May',
    });

    expect(sim.files()).toEqual([
      expect.objectContaining({
        filename: 'audit.csv',
        title: 'Audit export',
        channelId: FINANCE,
        initialComment: 'Audit export for May',
        content: csv,
      }),
    ]);
    expect(sim.messages(FINANCE)).toEqual([
      expect.objectContaining({
        text: 'Audit export for May',
        files: [expect.objectContaining({ name: 'audit.csv' })],
      }),
    ]);
  });

  it('refuses a wrong token and an unknown method', async () => {
    const stranger = webClient(sim, { token: 'xoxb-wrong' });
    expect(await slackErrorOf(stranger.chat.postMessage({ channel: FINANCE, text: 'hi' }))).toBe(
      'invalid_auth',
    );
    expect(await slackErrorOf(client.apiCall('payments.teleport'))).toBe('unknown_method');
    expect(sim.messages(FINANCE)).toEqual([]);
  });

  it('rate-limits with 429 and Retry-After, and WebClient waits and retries', async () => {
    sim.setRateLimit('chat.postMessage', 1, { windowSeconds: 1 });
    const patient = webClient(sim, { retries: 2 });
    const retryAfters: number[] = [];
    patient.on(WebClientEvent.RATE_LIMITED, (seconds: number) => retryAfters.push(seconds));

    await patient.chat.postMessage({ channel: FINANCE, text: 'first' });
    await patient.chat.postMessage({ channel: FINANCE, text: 'second' });

    expect(retryAfters).toEqual([1]);
    expect(sim.calls('chat.postMessage').map((call) => call.error ?? 'ok')).toEqual([
      'ok',
      'ratelimited',
      'ok',
    ]);
    expect(sim.messages(FINANCE).map((message) => message.text)).toEqual(['first', 'second']);
  });

  it("enforces Slack's limits when asked: about a message a second per channel after a short burst, chat.update by its tier", async () => {
    const rejecting = new WebClient(sim.botToken, {
      slackApiUrl: sim.apiUrl,
      logger: quietLogger,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    const retryAfterOf = async (call: Promise<unknown>) => {
      try {
        await call;
        return 'ok';
      } catch (error) {
        return (error as { retryAfter?: number }).retryAfter;
      }
    };
    sim.enforceLimits({ perMinute: { 'chat.update': 2 } });
    try {
      const posts = [];
      for (let i = 0; i < 5; i += 1)
        posts.push(await retryAfterOf(rejecting.chat.postMessage({ channel: FINANCE, text: `p${i}` })));
      expect(posts).toEqual(['ok', 'ok', 'ok', 'ok', 1]);
      // Another conversation has its own allowance.
      expect(await retryAfterOf(rejecting.chat.postMessage({ channel: FIN_ONE, text: 'dm' }))).toBe('ok');
      const ts = sim.messages(FINANCE)[0]?.ts ?? '';
      const updates = [];
      for (let i = 0; i < 3; i += 1)
        updates.push(await retryAfterOf(rejecting.chat.update({ channel: FINANCE, ts, text: `u${i}` })));
      expect(updates).toEqual(['ok', 'ok', 30]);
      expect(sim.rateLimitedCount()).toBe(2);

      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(
        await retryAfterOf(rejecting.chat.postMessage({ channel: FINANCE, text: 'a second later' })),
      ).toBe('ok');
    } finally {
      sim.relaxLimits();
    }
    for (let i = 0; i < 10; i += 1) await client.chat.postMessage({ channel: FINANCE, text: `relaxed ${i}` });
    expect(sim.rateLimitedCount()).toBe(2);
  });

  it('opens a modal only with a fresh trigger_id and updates it by id', async () => {
    const view = {
      type: 'modal' as const,
      callback_id: 'topup_modal',
      title: { type: 'plain_text' as const, text: 'Top-up' },
      blocks: [],
    };
    expect(await slackErrorOf(client.views.open({ trigger_id: '', view }))).toBe('invalid_arguments');

    const triggerId = sim.newTriggerId(FIN_ONE);
    const opened = await client.views.open({ trigger_id: triggerId, view });
    const viewId = opened.view?.id ?? '';
    expect(viewId).toMatch(/^V/);
    expect(await slackErrorOf(client.views.open({ trigger_id: triggerId, view }))).toBe('trigger_exchanged');

    await client.views.update({ view_id: viewId, view: { ...view, private_metadata: 'step-2' } });
    expect(sim.views()).toEqual([
      expect.objectContaining({
        id: viewId,
        userId: FIN_ONE,
        callbackId: 'topup_modal',
        privateMetadata: 'step-2',
      }),
    ]);
    expect(await slackErrorOf(client.views.update({ view_id: 'V0NOPE', view }))).toBe('not_found');
  });

  it('waitFor resolves on the awaited effect and explains a timeout', async () => {
    setTimeout(() => void client.chat.postMessage({ channel: FINANCE, text: 'later' }), 20);
    const message = await sim.waitFor((s) => s.messages(FINANCE).find((m) => m.text === 'later'));
    expect(message.text).toBe('later');

    await expect(sim.waitFor(() => false, { timeoutMs: 50 })).rejects.toThrow(/timed out.*chat\.postMessage/);
  });
});

describe('renderMessageText', () => {
  it('renders blocks as readable lines with buttons as [Label]', () => {
    const names = { userName: (id: string) => (id === FIN_ONE ? 'fin.one' : undefined) };
    expect(renderMessageText({ text: 'fallback', blocks: requestBlocks }, names)).toBe(
      [
        '# Top-up request TU-0007 · $2,000.00',
        'Requested by @fin.one · memo <!channel>',
        '---',
        '[Approve] [Reject]',
      ].join('\n'),
    );
    expect(renderMessageText({ text: 'Paid <@U0WRITER|wendy>' })).toBe('Paid @wendy');
  });
});

describe('Slack simulator: signed requests to a real Bolt app', () => {
  let sim: SlackSimulator;
  let app: App;
  let slack: SlackRequestSender;
  const commands: { text: string; user_name: string; channel_id: string }[] = [];
  const clicks: { value?: string; block_id: string; messageTs?: string }[] = [];
  const submissions: { callbackId: string; amount?: string }[] = [];
  const events: string[] = [];
  const homeEvents: Record<string, unknown>[] = [];
  const homeClicks: Record<string, unknown>[] = [];

  beforeAll(async () => {
    sim = await startWorkspace();
    app = new App({
      receiver: new HTTPReceiver({ signingSecret, logLevel: LogLevel.ERROR }),
      token: sim.botToken,
      clientOptions: { slackApiUrl: sim.apiUrl },
      logLevel: LogLevel.ERROR,
    });
    app.command('/topup', async ({ ack, command, respond }) => {
      await ack();
      commands.push(command);
      await respond({ text: `Requested ${command.text}` });
    });
    app.action('approve', async ({ ack, body, respond }) => {
      await ack();
      const clicked = body.type === 'block_actions' ? body.actions[0] : undefined;
      if (body.type !== 'block_actions' || clicked?.type !== 'button') return;
      clicks.push({ value: clicked.value, block_id: clicked.block_id, messageTs: body.message?.ts });
      await respond({ replace_original: true, text: `Approved by <@${body.user.id}>` });
    });
    app.view('topup_modal', async ({ ack, view }) => {
      const amount = view.state.values.amount?.amount_input?.value ?? undefined;
      submissions.push({ callbackId: view.callback_id, amount });
      await ack({ response_action: 'errors', errors: { amount: 'Amount must be positive' } });
    });
    app.event('app_home_opened', async ({ event }) => {
      events.push(`${event.type}:${event.user}`);
      homeEvents.push(event as unknown as Record<string, unknown>);
    });
    app.action('home_approve', async ({ ack, body }) => {
      await ack();
      homeClicks.push(body as unknown as Record<string, unknown>);
    });
    const server = await app.start(0);
    slack = sim.requestsTo(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await app.stop();
    await sim.close();
  });
  beforeEach(() => {
    commands.length = 0;
    clicks.length = 0;
  });

  it('delivers a signed slash command, and the respond() reply lands as an ephemeral', async () => {
    const response = await slack.command({ userId: FIN_ONE, command: '/topup', text: '2000 Weekly' });

    expect(response.status).toBe(200);
    expect(commands).toEqual([
      expect.objectContaining({ text: '2000 Weekly', user_name: 'fin.one', channel_id: FINANCE }),
    ]);
    const [reply] = await sim.waitFor((s) => s.responses().length > 0 && s.responses());
    expect(reply?.body.text).toBe('Requested 2000 Weekly');
    expect(sim.ephemerals(FIN_ONE)).toEqual([
      expect.objectContaining({ channel: FINANCE, text: 'Requested 2000 Weekly', via: 'response_url' }),
    ]);
  });

  it.each([
    ['signed with the wrong secret', { signWith: 'not-the-secret' }],
    ['six minutes old', { timestampOffsetSeconds: -360 }],
    ['tampered with after signing', { tamperAfterSigning: (body: string) => body.replace('2000', '9000') }],
  ])('rejects a command %s with 401', async (_case, forge) => {
    const response = await slack.command({ userId: FIN_ONE, command: '/topup', text: '2000 Weekly' }, forge);
    expect(response.status).toBe(401);
    expect(commands).toEqual([]);
  });

  it('delivers a click on a button the app posted, and respond() replaces the message', async () => {
    const posted = await webClient(sim).chat.postMessage({
      channel: FINANCE,
      text: 'TU-0007',
      blocks: requestBlocks,
    });
    const messageTs = posted.ts ?? '';

    const response = await slack.blockAction({
      userId: FIN_TWO,
      actionId: 'approve',
      channelId: FINANCE,
      messageTs,
    });

    expect(response.status).toBe(200);
    expect(clicks).toEqual([{ value: 'TU-0007', block_id: 'decision', messageTs }]);
    await sim.waitFor((s) => s.message(FINANCE, messageTs)?.editCount === 1);
    expect(renderMessageText(sim.message(FINANCE, messageTs) ?? {})).toBe('Approved by @U0FIN2');
  });

  it('delivers a view submission and returns the ack body', async () => {
    const response = await slack.viewSubmission({
      userId: FIN_ONE,
      callbackId: 'topup_modal',
      values: { amount: { amount_input: '-5' } },
    });
    expect(response.status).toBe(200);
    expect(submissions).toEqual([{ callbackId: 'topup_modal', amount: '-5' }]);
    expect(response.json).toEqual({
      response_action: 'errors',
      errors: { amount: 'Amount must be positive' },
    });
  });

  it('delivers events and answers url_verification', async () => {
    const delivered = await slack.event({
      event: { type: 'app_home_opened', user: WRITER, channel: 'D0WRITER', tab: 'home' },
    });
    expect(delivered.status).toBe(200);
    await sim.waitFor(() => events.length > 0);
    expect(events).toEqual([`app_home_opened:${WRITER}`]);

    const verification = await slack.urlVerification('challenge-123');
    expect(verification.json).toEqual({ challenge: 'challenge-123' });
  });

  it('opens the Home tab and clicks on it as Slack does: the published view comes along, no channel, message or response_url', async () => {
    homeEvents.length = 0;
    await slack.appHomeOpened({ userId: FIN_TWO });
    // Two requests, each with its own Approve of the same action_id, as a Home lists them.
    const waiting = (ref: string) => ({
      type: 'actions',
      block_id: `waiting:${ref}`,
      elements: [
        {
          type: 'button',
          action_id: 'home_approve',
          text: { type: 'plain_text', text: 'Approve' },
          value: ref,
        },
      ],
    });
    await webClient(sim).views.publish({
      user_id: FIN_TWO,
      view: { type: 'home', blocks: [waiting('TU-0007'), waiting('TU-0008')] },
    });
    await slack.appHomeOpened({ userId: FIN_TWO });
    await sim.waitFor(() => homeEvents.length === 2);
    const home = sim.home(FIN_TWO);
    expect(homeEvents[0]).toMatchObject({
      type: 'app_home_opened',
      user: FIN_TWO,
      channel: sim.dmChannelOf(FIN_TWO),
      tab: 'home',
    });
    // Slack includes the view only once a Home was published for that person.
    expect(homeEvents[0]).not.toHaveProperty('view');
    expect(homeEvents[1]?.view).toMatchObject({ id: home?.id, type: 'home' });

    const response = await slack.blockAction({
      userId: FIN_TWO,
      actionId: 'home_approve',
      blockId: 'waiting:TU-0008',
      viewId: home?.id,
    });
    expect(response.status).toBe(200);
    const [click] = await sim.waitFor(() => homeClicks.length > 0 && homeClicks);
    expect(click).toMatchObject({
      type: 'block_actions',
      container: { type: 'view', view_id: home?.id },
      view: { id: home?.id, type: 'home' },
      actions: [{ action_id: 'home_approve', block_id: 'waiting:TU-0008', value: 'TU-0008' }],
    });
    for (const field of ['channel', 'message', 'response_url']) expect(click).not.toHaveProperty(field);
  });
});
