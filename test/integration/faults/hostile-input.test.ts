import { Types } from 'mongoose';
import Stripe from 'stripe';
import { requestTopup } from '../../../src/domain/topups/request-topup';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL, OUTSIDER, TEST_SECRETS } from '../../support/config';
import { startWorld, type World, WRITER } from '../../support/world';
import { seedConnectedWriter } from '../../support/writers';

type Verdict = { refused: boolean; detail: string };
type Case = { name: string; run: (world: World) => Promise<Verdict> };

const signer = new Stripe(TEST_SECRETS.stripeSecretKey);

/** Everything a hostile input must not change: requests, writers, tokens, and Stripe. */
async function fingerprint(world: World): Promise<string> {
  const db = world.app.db.connection;
  const rows = async (name: string, fields: string[]) =>
    (
      await db
        .collection(name)
        .find({}, { projection: Object.fromEntries(fields.map((f) => [f, 1])) })
        .toArray()
    ).map((doc) => JSON.stringify(doc));
  return JSON.stringify({
    topups: await rows('topups', ['status', 'approvals', 'amountCents', 'description']),
    transfers: await rows('transfers', ['status', 'approvals', 'amountCents', 'memo']),
    writers: await rows('writers', ['status', 'stripeAccountId']),
    stripeAccounts: await db.collection('stripeAccounts').countDocuments(),
    stripePosts: world.stripe.requestLog().filter((entry) => entry.method === 'POST').length,
  });
}

function byStatus(expected: number) {
  return (status: number): Verdict => ({ refused: status === expected, detail: `HTTP ${status}` });
}

async function lastAnswer(world: World, userId: string, before: number): Promise<string> {
  await world.drain();
  const answers = world.slack.ephemerals(userId);
  return answers.length > before ? (answers.at(-1)?.text ?? '') : '';
}

function commandCase(name: string, userId: string, command: string, text: string, expected: RegExp): Case {
  return {
    name,
    run: async (world) => {
      const before = world.slack.ephemerals(userId).length;
      const response = await world.send.command({ userId, command, text });
      const answer = await lastAnswer(world, userId, before);
      return { refused: response.status === 200 && expected.test(answer), detail: answer.slice(0, 120) };
    },
  };
}

function clickCase(name: string, userId: string, actionId: string, value: string, expected: RegExp): Case {
  return {
    name,
    run: async (world) => {
      const before = world.slack.ephemerals(userId).length;
      await world.send.blockAction({ userId, actionId, value, channelId: FINANCE_CHANNEL });
      const answer = await lastAnswer(world, userId, before);
      return { refused: expected.test(answer), detail: answer.slice(0, 120) };
    },
  };
}

const NOT_FINANCE = /Only the finance team/;
const NOT_FOUND = /doesn't exist/;
const BAD_AMOUNT = /Couldn't request a (top-up|transfer): .* Nothing was changed\./;

const HOSTILE_AMOUNTS = [
  '1e9',
  '-0',
  '0.001',
  'NaN',
  '١٠٠',
  'Infinity',
  '-Infinity',
  '0x10',
  '1_000',
  '$-5',
  '5$',
  '1.2.3',
  '1,00',
  '12,3456',
  '99999999999999999999',
  '0',
  '-5',
  '.',
  '$',
  '+5',
  '5e-2',
  '1/2',
  '５',
  '--5',
];

const INJECTIONS = ['{"$gt": ""}', '{"$ne": null}', '{"$where": "sleep(1000)"}', '$gt', '{ "$regex": ".*" }'];

function cases(ctx: { topupId: string; foreignTopupId: string; transferId: string }): Case[] {
  const slackForgeries: Case[] = [
    [
      'command',
      (w: World, f: object) =>
        w.send.command({ userId: FINANCE.one, command: '/topup', text: '100 forged' }, f),
    ],
    [
      'click',
      (w: World, f: object) =>
        w.send.blockAction(
          {
            userId: FINANCE.two,
            actionId: ACTIONS.approveTopup,
            value: ctx.topupId,
            channelId: FINANCE_CHANNEL,
          },
          f,
        ),
    ],
    [
      'view',
      (w: World, f: object) =>
        w.send.viewSubmission(
          {
            userId: FINANCE.one,
            callbackId: 'topup_request_modal',
            values: { amount: { amount_input: '100' } },
          },
          f,
        ),
    ],
    [
      'event',
      (w: World, f: object) => w.send.event({ event: { type: 'app_home_opened', user: FINANCE.one } }, f),
    ],
  ].flatMap(([kind, send]) =>
    (
      [
        ['a wrong signing secret', { signWith: 'guessed-secret-0000' }],
        ['a timestamp 6 minutes old', { timestampOffsetSeconds: -360 }],
        ['a timestamp 6 minutes ahead', { timestampOffsetSeconds: 360 }],
        [
          'a body changed after signing',
          { tamperAfterSigning: (body: string) => `${body}&user_id=${FINANCE.three}` },
        ],
      ] as const
    ).map(([how, forge]) => ({
      name: `Slack ${kind} with ${how}`,
      run: async (world: World) =>
        byStatus(401)(
          (await (send as (w: World, f: object) => Promise<{ status: number }>)(world, forge)).status,
        ),
    })),
  );
  const rawSlack: Case[] = [
    {
      name: 'Slack request without signature headers',
      run: async (w) =>
        byStatus(401)(
          (await fetch(`${w.app.url}/slack/events`, { method: 'POST', body: 'command=%2Ftopup&text=100' }))
            .status,
        ),
    },
    {
      name: 'Slack 5 MB body',
      run: async (w) =>
        byStatus(413)(
          (
            await w.send.raw({
              body: `text=${'x'.repeat(5 * 1024 * 1024)}`,
              contentType: 'application/x-www-form-urlencoded',
            })
          ).status,
        ),
    },
    {
      name: 'Slack signed interactivity payload that is not JSON',
      run: async (w) => {
        const status = (
          await w.send.raw({ body: 'payload=%7Bnot-json', contentType: 'application/x-www-form-urlencoded' })
        ).status;
        return { refused: status >= 400 && status < 500, detail: `HTTP ${status}` };
      },
    },
    {
      name: 'Slack signed JSON event that is not JSON',
      run: async (w) => {
        const status = (
          await w.send.raw({ body: '{"type": "event_callback", ', contentType: 'application/json' })
        ).status;
        return { refused: status >= 400 && status < 500, detail: `HTTP ${status}` };
      },
    },
  ];
  const stripeEvent = JSON.stringify({
    id: 'evt_hostile',
    object: 'event',
    type: 'topup.succeeded',
    livemode: false,
    created: 1,
    data: { object: { id: 'tu_x', object: 'topup', metadata: { paydesk_request_id: ctx.topupId } } },
  });
  const postStripe = (w: World, body: string, signature?: string) =>
    fetch(`${w.app.url}/stripe/webhooks`, {
      method: 'POST',
      headers: signature ? { 'stripe-signature': signature } : {},
      body,
    }).then((r) => r.status);
  const stripeCases: Case[] = [
    {
      name: 'Stripe event signed with a guessed secret',
      run: async (w) =>
        byStatus(400)(
          await postStripe(
            w,
            stripeEvent,
            signer.webhooks.generateTestHeaderString({ payload: stripeEvent, secret: 'whsec_guessed' }),
          ),
        ),
    },
    {
      name: 'Stripe event with a stale signature',
      run: async (w) =>
        byStatus(400)(
          await postStripe(
            w,
            stripeEvent,
            signer.webhooks.generateTestHeaderString({
              payload: stripeEvent,
              secret: TEST_SECRETS.stripeWebhookSecret,
              timestamp: Math.floor(Date.now() / 1000) - 600,
            }),
          ),
        ),
    },
    {
      name: 'Stripe event tampered after signing',
      run: async (w) =>
        byStatus(400)(
          await postStripe(
            w,
            stripeEvent.replace('tu_x', 'tu_y'),
            signer.webhooks.generateTestHeaderString({
              payload: stripeEvent,
              secret: TEST_SECRETS.stripeWebhookSecret,
            }),
          ),
        ),
    },
    {
      name: 'Stripe event without a signature',
      run: async (w) => byStatus(400)(await postStripe(w, stripeEvent)),
    },
    {
      name: 'Stripe event with a garbage signature header',
      run: async (w) => byStatus(400)(await postStripe(w, stripeEvent, 't=abc,v1=zzz')),
    },
    {
      name: 'Stripe signed body that is not JSON',
      run: async (w) =>
        byStatus(400)(
          await postStripe(
            w,
            '{nope',
            signer.webhooks.generateTestHeaderString({
              payload: '{nope',
              secret: TEST_SECRETS.stripeWebhookSecret,
            }),
          ),
        ),
    },
    {
      name: 'Stripe 1 MB body',
      run: async (w) => byStatus(413)(await postStripe(w, 'x'.repeat(1024 * 1024), 't=1,v1=x')),
    },
  ];
  const outsiders: Case[] = [
    commandCase('outsider /topup', OUTSIDER, '/topup', '100 mine', NOT_FINANCE),
    commandCase('outsider /topup with no arguments', OUTSIDER, '/topup', '', NOT_FINANCE),
    commandCase('outsider /transfer', OUTSIDER, '/transfer', `<@${WRITER.id}> 5 me`, NOT_FINANCE),
    ...[
      'audit',
      'audit verify',
      'audit export',
      'balance',
      'pending',
      'history',
      `invite <@${OUTSIDER}>`,
      'writers',
      'batch',
    ].map((sub) => commandCase(`outsider /payouts ${sub}`, OUTSIDER, '/payouts', sub, NOT_FINANCE)),
    clickCase('outsider approves a top-up', OUTSIDER, ACTIONS.approveTopup, ctx.topupId, NOT_FINANCE),
    clickCase('outsider rejects a top-up', OUTSIDER, ACTIONS.rejectTopup, ctx.topupId, NOT_FINANCE),
    clickCase('outsider approves a transfer', OUTSIDER, ACTIONS.approveTransfer, ctx.transferId, NOT_FINANCE),
    clickCase('outsider rejects a transfer', OUTSIDER, ACTIONS.rejectTransfer, ctx.transferId, NOT_FINANCE),
    clickCase('outsider retries a transfer', OUTSIDER, ACTIONS.retryTransfer, ctx.transferId, NOT_FINANCE),
    clickCase('outsider cancels a top-up', OUTSIDER, ACTIONS.cancelTopup, ctx.topupId, NOT_FINANCE),
  ];
  const bogusIds = [
    new Types.ObjectId().toString(),
    'not-an-id',
    '{"$gt":""}',
    'x'.repeat(2000),
    ctx.foreignTopupId,
  ];
  const bogusActions: Case[] = bogusIds.flatMap((value, i) => [
    clickCase(
      `approve top-up naming ${i === 4 ? "another team's request" : `a request that does not exist (${i})`}`,
      FINANCE.two,
      ACTIONS.approveTopup,
      value,
      NOT_FOUND,
    ),
    ...(i === 4
      ? []
      : [
          clickCase(
            `approve transfer naming a request that does not exist (${i})`,
            FINANCE.two,
            ACTIONS.approveTransfer,
            value,
            NOT_FOUND,
          ),
        ]),
  ]);
  const amounts: Case[] = HOSTILE_AMOUNTS.flatMap((amount) => [
    commandCase(`/topup ${amount}`, FINANCE.one, '/topup', `${amount} hostile`, BAD_AMOUNT),
    commandCase(
      `/transfer ${amount}`,
      FINANCE.one,
      '/transfer',
      `<@${WRITER.id}> ${amount} hostile`,
      BAD_AMOUNT,
    ),
  ]);
  const injections: Case[] = INJECTIONS.flatMap((text) => [
    commandCase(
      `/transfer to ${text}`,
      FINANCE.one,
      '/transfer',
      `${text} 5`,
      /isn't a Slack mention|Couldn't request a transfer/,
    ),
    commandCase(
      `/payouts history ${text}`,
      FINANCE.one,
      '/payouts',
      `history ${text}`,
      /isn't a Slack mention/,
    ),
    commandCase(
      `/payouts audit export ${text}`,
      FINANCE.one,
      '/payouts',
      `audit export ${text}`,
      /isn't a date/,
    ),
  ]);
  const onboarding: Case[] = [
    {
      name: 'guessed onboarding token',
      run: async (w) =>
        byStatus(403)(
          (await fetch(`${w.app.url}/connect/start/${'A'.repeat(43)}`, { redirect: 'manual' })).status,
        ),
    },
    {
      name: 'empty-looking onboarding token',
      run: async (w) =>
        byStatus(403)(
          (await fetch(`${w.app.url}/connect/start/%7B%22%24gt%22%3A%22%22%7D`, { redirect: 'manual' }))
            .status,
        ),
    },
    {
      name: 'guessed OAuth state',
      run: async (w) =>
        byStatus(403)(
          (
            await fetch(`${w.app.url}/connect/oauth?code=ac_x&state=${'B'.repeat(43)}`, {
              redirect: 'manual',
            })
          ).status,
        ),
    },
    {
      name: 'OAuth callback with an operator as state',
      run: async (w) =>
        byStatus(403)(
          (await fetch(`${w.app.url}/connect/oauth?code=ac_x&state[$ne]=1`, { redirect: 'manual' })).status,
        ),
    },
    {
      name: 'OAuth callback with no state',
      run: async (w) =>
        byStatus(403)((await fetch(`${w.app.url}/connect/oauth?code=ac_x`, { redirect: 'manual' })).status),
    },
  ];
  return [
    ...slackForgeries,
    ...rawSlack,
    ...stripeCases,
    ...outsiders,
    ...bogusActions,
    ...amounts,
    ...injections,
    ...onboarding,
  ];
}

describe('hostile input', () => {
  let world: World;
  let corpus: Case[];
  const verdicts: { name: string; refused: boolean; detail: string }[] = [];

  beforeAll(async () => {
    world = await startWorld({ env: { ONBOARDING_MODE: 'oauth' } });
    await seedConnectedWriter(world, WRITER);
    const deps = world.app.services.topupDeps;
    const topup = await requestTopup(deps, {
      amountText: '100',
      description: 'target',
      requestedBy: { teamId: world.slack.teamId, userId: FINANCE.one },
    });
    const foreign = await requestTopup(deps, {
      amountText: '100',
      description: 'elsewhere',
      requestedBy: { teamId: 'TOTHERTEAM', userId: FINANCE.three },
    });
    await world.send.command({ userId: FINANCE.one, command: '/transfer', text: `<@${WRITER.id}> 5 target` });
    await world.drain();
    const transfer = await world.app.db.models.transfers.findOne().lean();
    corpus = cases({
      topupId: topup.id,
      foreignTopupId: foreign.id,
      transferId: transfer?._id.toString() ?? '',
    });
  });
  afterAll(async () => {
    const accepted = verdicts.filter((v) => !v.refused);
    console.log(`${verdicts.length - accepted.length} hostile inputs refused, ${accepted.length} accepted`);
    await world.stop();
  });

  it('refuses every case with the right status or message and changes nothing', async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    for (const hostile of corpus) {
      const before = await fingerprint(world);
      const verdict = await hostile.run(world).catch((error: Error) => ({
        refused: false,
        detail: `threw ${error.message} ${String((error.cause as Error | undefined)?.message ?? '')}`,
      }));
      await world.drain();
      const unchanged = (await fingerprint(world)) === before;
      verdicts.push({
        name: hostile.name,
        refused: verdict.refused && unchanged,
        detail: unchanged ? verdict.detail : `CHANGED STATE; ${verdict.detail}`,
      });
    }
    expect(verdicts.filter((v) => !v.refused)).toEqual([]);
  }, 120_000);

  it('shows what people typed instead of acting on it: no mention or channel ping from user text', async () => {
    const memo = '<!channel> <!here> <@UFIN0002> <https://evil.example|click me> & more';
    await world.send.command({
      userId: FINANCE.one,
      command: '/transfer',
      text: `<@${WRITER.id}> 5 ${memo}`,
    });
    await world.send.command({ userId: FINANCE.one, command: '/topup', text: `50 ${memo}` });
    await world.drain();
    const posted = world.slack
      .messages(FINANCE_CHANNEL)
      .slice(-2)
      .map((m) => JSON.stringify(m.blocks));
    for (const blocks of posted) {
      expect(blocks).toContain(
        '&lt;!channel&gt; &lt;!here&gt; &lt;@UFIN0002&gt; &lt;https://evil.example|click me&gt; &amp; more',
      );
      expect(blocks).not.toMatch(/<!channel>|<!here>|<@UFIN0002>|<https:\/\/evil/);
    }
  });
});
