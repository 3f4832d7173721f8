import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SlackDeliveryResponse } from '../../../sandbox/slack';
import { freePort } from '../../../src/db/peers/free-port';
import { type MongoPeer, startMongoPeer } from '../../../src/db/peers/mongo-peer';
import { ACTIONS } from '../../../src/slack/ids';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { startWorld, type World } from '../../support/world';

type Sent = SlackDeliveryResponse['sent'];

/** What Slack shows and what Paydesk stored, to compare before and after replays. */
async function snapshot(world: World) {
  await world.drain();
  return {
    topups: await world.app.db.models.topups.countDocuments(),
    channel: world.slack.messages(FINANCE_CHANNEL).length,
    ephemerals: world.slack.ephemerals().length,
    slackCalls: world.slack.calls().length,
    audit: (await world.app.services.audit.latest(100)).length,
    stripeTopups: world.stripe.listTopups().length,
  };
}

async function replayed(world: World, sent: Sent, times: number, replica = 0): Promise<void> {
  const sender = world.senders[replica] ?? world.send;
  for (let i = 0; i < times; i += 1) {
    const answer = await sender.replay(sent);
    // Acknowledged, and nothing else: no body, so Slack shows nothing.
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
  }
}

describe('a replayed Slack request is acknowledged and does nothing new', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld({ replicas: 2 });
    world.stripe.setAvailableBalance(50_000);
  });
  afterEach(() => world.stop());

  it('a slash command replayed 5 times makes one top-up request and one channel message', async () => {
    const first = await world.send.command({
      userId: FINANCE.one,
      command: '/topup',
      text: '100 replay test',
    });
    expect(first.status).toBe(200);
    const once = await snapshot(world);
    expect(once).toMatchObject({ topups: 1, channel: 1 });
    expect(world.slack.ephemerals(FINANCE.one)).toHaveLength(1);

    await replayed(world, first.sent, 5);
    expect(await snapshot(world)).toEqual(once);
    expect(await world.app.db.models.topups.countDocuments({ description: 'replay test' })).toBe(1);
  });

  it('an Approve click replayed 5 times approves once, audits once and makes one Stripe top-up', async () => {
    await world.send.command({ userId: FINANCE.one, command: '/topup', text: '100 replay click' });
    await world.drain();
    const request = world.slack.messages(FINANCE_CHANNEL).at(-1);
    const click = await world.send.blockAction({
      userId: FINANCE.two,
      actionId: ACTIONS.approveTopup,
      channelId: FINANCE_CHANNEL,
      messageTs: request?.ts as string,
    });
    expect(click.status).toBe(200);
    const once = await snapshot(world);

    await replayed(world, click.sent, 5);
    expect(await snapshot(world)).toEqual(once);
    const stored = await world.app.db.models.topups.findOne().lean();
    expect(stored?.status).toBe('pending');
    expect(stored?.approvals.map((approval) => approval.userId)).toEqual([FINANCE.two]);
    const approvals = (await world.app.services.audit.latest(100)).filter(
      (entry) => entry.action === 'topup.approved',
    );
    expect(approvals).toHaveLength(1);
    expect(world.stripe.listTopups()).toHaveLength(1);
    // The clicker was told nothing more: no "already approved" for the replays.
    expect(world.slack.ephemerals(FINANCE.two)).toHaveLength(0);
  });

  it("Slack's retries of an event (x-slack-retry-num, new signature, same event_id) are handled once", async () => {
    const seen: string[] = [];
    for (const replica of world.apps) {
      replica.slackApp.event('app_home_opened', async ({ body }) => {
        seen.push(body.event_id);
      });
    }
    const event = {
      event: { type: 'app_home_opened', user: FINANCE.one, tab: 'home' },
      eventId: 'Ev0RETRY01',
    };
    const eventTime = Math.floor(Date.now() / 1000);
    const first = await world.send.event({ ...event, eventTime });
    expect(first.status).toBe(200);
    // Slack's redeliveries: the same body, signed again with a later timestamp, to any replica.
    for (const [retry, reason] of [
      ['1', 'http_timeout'],
      ['2', 'http_error'],
    ] as const) {
      const again = await world.senders[Number(retry) - 1]?.event(
        { ...event, eventTime },
        {
          timestampOffsetSeconds: Number(retry),
          headers: { 'x-slack-retry-num': retry, 'x-slack-retry-reason': reason },
        },
      );
      expect(again?.status).toBe(200);
      expect(again?.sent.headers['x-slack-signature']).not.toBe(first.sent.headers['x-slack-signature']);
    }
    await replayed(world, first.sent, 2);
    await world.drain();
    expect(seen).toEqual(['Ev0RETRY01']);

    // Another event is another event.
    await world.send.event({ ...event, eventId: 'Ev0RETRY02' });
    await world.drain();
    expect(seen).toEqual(['Ev0RETRY01', 'Ev0RETRY02']);
  });

  it('two replicas receiving the same signed command make one request', async () => {
    const first = await world.senders[0]?.command({
      userId: FINANCE.one,
      command: '/topup',
      text: '100 replay test',
    });
    expect(first?.status).toBe(200);
    const once = await snapshot(world);
    expect(once).toMatchObject({ topups: 1, channel: 1 });

    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => world.senders[i % 2]?.replay(first?.sent as Sent)),
    );
    expect(answers.map((answer) => answer?.status)).toEqual(Array(6).fill(200));
    expect(await snapshot(world)).toEqual(once);
  });

  it('a replay with the signature and timestamp headers spelled differently is still the same request', async () => {
    const first = await world.send.command({ userId: FINANCE.one, command: '/topup', text: '100 respelled' });
    const once = await snapshot(world);
    const { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp } = first.sent.headers;
    // All still verify: Bolt reads the signature up to a second '=', and the timestamp as a number.
    const respelled: Record<string, string>[] = [
      { 'x-slack-signature': `${signature}=again` },
      { 'x-slack-request-timestamp': `${timestamp}.0` },
      { 'x-slack-request-timestamp': `0${timestamp}` },
    ];
    for (const headers of respelled) {
      const answer = await world.send.replay(first.sent, headers);
      expect(answer.status).toBe(200);
      expect(answer.text).toBe('');
    }
    expect(await snapshot(world)).toEqual(once);
  });

  it('a message button is answered before its replay check, and runs once the check says it is new', async () => {
    await world.send.command({ userId: FINANCE.one, command: '/topup', text: '100 slow check' });
    await world.drain();
    const request = world.slack.messages(FINANCE_CHANNEL).at(-1);
    const ledger = world.app.services.slackRequests;
    const remember = ledger.remember.bind(ledger);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let checks = 0;
    ledger.remember = async (identity, now) => {
      checks += 1;
      await held;
      return remember(identity, now);
    };

    // The database has not answered the check (it is held past the 1.5 s a waiting check gets),
    // yet Slack has its ack.
    const click = await world.send.blockAction({
      userId: FINANCE.two,
      actionId: ACTIONS.approveTopup,
      channelId: FINANCE_CHANNEL,
      messageTs: request?.ts as string,
    });
    expect([click.status, click.text]).toEqual([200, '']);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(checks).toBe(1);
    expect((await world.app.db.models.topups.findOne().lean())?.status).toBe('requested');

    release();
    await world.drain();
    expect((await world.app.db.models.topups.findOne().lean())?.status).toBe('pending');
    expect(world.stripe.listTopups()).toHaveLength(1);
    expect(world.slack.ephemerals(FINANCE.two)).toHaveLength(0);
  });

  it("what a command's listener puts in its ack reaches the person through the response_url", async () => {
    world.app.slackApp.command('/paydesk-echo', async ({ ack, command }) => {
      await ack(`echo: ${command.text}`);
    });
    const answer = await world.send.command({ userId: FINANCE.one, command: '/paydesk-echo', text: 'hello' });
    expect([answer.status, answer.text]).toEqual([200, '']);
    const told = await world.slack.waitFor((sim) => sim.ephemerals(FINANCE.one).at(-1));
    expect(told.text).toBe('echo: hello');
  });

  it('a command no listener handles is not met with silence: the person is told', async () => {
    const answer = await world.send.command({
      userId: FINANCE.one,
      command: '/paydesk-nobody',
      text: 'hello',
    });
    expect([answer.status, answer.text]).toEqual([200, '']);
    const told = await world.slack.waitFor((sim) => sim.ephemerals(FINANCE.one).at(-1));
    expect(told.text).toBe(
      "Paydesk couldn't handle that. Try again, and tell the Paydesk admins if it keeps happening.",
    );
  });

  it('a new command with the same text is a new request, not a replay', async () => {
    await world.send.command({ userId: FINANCE.one, command: '/topup', text: '100 twice on purpose' });
    await world.send.command({ userId: FINANCE.one, command: '/topup', text: '100 twice on purpose' });
    await world.drain();
    expect(await world.app.db.models.topups.countDocuments()).toBe(2);
  });
});

describe('when the replay check cannot be recorded, nothing runs unprotected', () => {
  it('a command and a message button are answered at once; the person is told the database is unavailable, and nothing runs', async () => {
    const dataFile = path.join(mkdtempSync(path.join(tmpdir(), 'paydesk-replay-')), 'paydesk.mv.db');
    let peer: MongoPeer = await startMongoPeer({ skipMongod: true, dataFile, port: await freePort() });
    const world = await startWorld({ mongodbUri: peer.uri });
    try {
      world.stripe.setAvailableBalance(50_000);
      await world.send.command({ userId: FINANCE.one, command: '/topup', text: '100 before the outage' });
      await world.drain();
      const request = world.slack.messages(FINANCE_CHANNEL).at(-1);
      const ephemeralsBefore = world.slack.ephemerals().length;

      await peer.stop();
      const command = await world.send.command({
        userId: FINANCE.one,
        command: '/topup',
        text: '200 during',
      });
      const click = await world.send.blockAction({
        userId: FINANCE.two,
        actionId: ACTIONS.approveTopup,
        channelId: FINANCE_CHANNEL,
        messageTs: request?.ts as string,
      });
      // Slack has its empty acks before the database is even asked.
      expect([command.status, command.text, click.status, click.text]).toEqual([200, '', 200, '']);
      const told = await world.slack.waitFor(
        (sim) => (sim.ephemerals().length >= ephemeralsBefore + 2 ? sim.ephemerals() : undefined),
        { timeoutMs: 40_000 },
      );
      const unavailable =
        "Paydesk can't reach its database right now, so nothing was changed. Try again in a minute.";
      expect(told.slice(ephemeralsBefore).map((message) => [message.user, message.text])).toEqual(
        expect.arrayContaining([
          [FINANCE.one, unavailable],
          [FINANCE.two, unavailable],
        ]),
      );

      peer = await startMongoPeer({ skipMongod: true, dataFile, port: peer.port });
      await world.slack.waitFor(
        async () => (await fetch(`${world.app.url}/readyz`)).status === 200 || undefined,
        { timeoutMs: 15_000 },
      );
      await world.drain();
      expect(await world.app.db.models.topups.countDocuments()).toBe(1);
      expect((await world.app.db.models.topups.findOne().lean())?.status).toBe('requested');
      expect(world.stripe.listTopups()).toHaveLength(0);
    } finally {
      await world.stop();
      await peer.stop();
    }
  }, 90_000);

  it('a modal shows "database unavailable" in the form, an event gets 503 and is handled once Slack retries', async () => {
    const dataFile = path.join(mkdtempSync(path.join(tmpdir(), 'paydesk-replay-')), 'paydesk.mv.db');
    const port = await freePort();
    let peer: MongoPeer = await startMongoPeer({ skipMongod: true, dataFile, port });
    const world = await startWorld({ mongodbUri: peer.uri });
    try {
      const seen: string[] = [];
      world.app.slackApp.event('app_home_opened', async ({ body }) => {
        seen.push(body.event_id);
      });
      await world.send.command({ userId: FINANCE.one, command: '/topup' });
      const modal = await world.slack.waitFor((sim) => sim.views().at(-1));

      await peer.stop();
      const started = Date.now();
      const submitted = await world.send.viewSubmission({
        userId: FINANCE.one,
        viewId: modal.id,
        values: { amount: { amount_input: '100' } },
      });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(submitted.status).toBe(200);
      expect(submitted.json).toEqual({
        response_action: 'errors',
        errors: {
          amount:
            "Paydesk can't reach its database right now, so nothing was changed. Try again in a minute.",
        },
      });
      const event = {
        event: { type: 'app_home_opened', user: FINANCE.one, tab: 'home' },
        eventId: 'Ev0DOWN01',
      };
      expect((await world.send.event(event)).status).toBe(503);
      expect(seen).toEqual([]);

      peer = await startMongoPeer({ skipMongod: true, dataFile, port });
      await world.slack.waitFor(
        async () => (await fetch(`${world.app.url}/readyz`)).status === 200 || undefined,
        { timeoutMs: 15_000 },
      );
      for (const retry of ['1', '2']) {
        const again = await world.send.event(event, {
          headers: { 'x-slack-retry-num': retry, 'x-slack-retry-reason': 'http_error' },
        });
        expect(again.status).toBe(200);
      }
      await world.drain();
      expect(seen).toEqual(['Ev0DOWN01']);
      expect(await world.app.db.models.topups.countDocuments()).toBe(0);
    } finally {
      await world.stop();
      await peer.stop();
    }
  }, 60_000);
});
