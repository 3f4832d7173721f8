import { renderMessageText } from '../../../sandbox/slack';
import type { SlackSend } from '../../../src/domain/ports/slack-outbox';
import { approveTopup } from '../../../src/domain/topups/approve-topup';
import { requestTopup } from '../../../src/domain/topups/request-topup';
import { sendTopupNews } from '../../../src/domain/topups/topup-news';
import type { Topup } from '../../../src/domain/topups/types';
import { FINANCE, FINANCE_CHANNEL } from '../../support/config';
import { startWorld, type World, WRITER, WRITER_TWO } from '../../support/world';

const TEAM = 'T0SANDBOX';

function outboxOf(world: World, replica = 0) {
  return (world.apps[replica] ?? world.app).services.slackOutbox;
}

function post(key: string, text: string): SlackSend {
  return { kind: 'post', key, channel: FINANCE_CHANNEL, message: { text } };
}

/** A top-up request with its message in the finance channel, through the use case. */
async function fileTopup(world: World, amount: string, replica = 0): Promise<Topup> {
  const deps = (world.apps[replica] ?? world.app).services.topupDeps;
  const topup = await requestTopup(deps, {
    amountText: amount,
    description: `outbox ${amount}`,
    requestedBy: { teamId: TEAM, userId: FINANCE.one },
  });
  await world.drain();
  return (await deps.topups.load(topup.id)) as Topup;
}

async function settledTopup(world: World, amount: string): Promise<Topup> {
  const deps = world.app.services.topupDeps;
  const topup = await fileTopup(world, amount);
  await approveTopup(deps, {
    id: topup.id,
    approver: { teamId: TEAM, userId: FINANCE.two },
    isFinance: true,
  });
  await world.drain();
  const settled = await deps.topups.transition(topup.id, ['pending'], 'succeeded', { settledAt: new Date() });
  if (!settled) throw new Error(`${topup.ref} did not settle`);
  return settled;
}

async function eventually<T>(read: () => Promise<T | null | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A new state of a top-up's request message, `seconds` after the top-up's last change. */
function updateOf(topup: Topup, text: string, seconds: number): SlackSend {
  return {
    kind: 'update',
    channel: FINANCE_CHANNEL,
    ts: topup.slackMessage?.ts as string,
    message: { text },
    stateAt: new Date(topup.updatedAt.getTime() + seconds * 1000),
  };
}

/** Short, so a test waits little for a dead sender's claim to lapse. */
const CLAIM_MS = 1500;

/**
 * Two replicas with short claims; only the first (doomed) sends until the test starts the
 * survivor's sender.
 */
async function twoReplicasOneSending() {
  const world = await startWorld({ replicas: 2, slackOutbox: { claimMs: CLAIM_MS } });
  const [doomed, survivor] = world.apps.map((replica) => replica.services.slackOutbox);
  if (!doomed || !survivor) throw new Error('two replicas expected');
  await survivor.sender.stop();
  return { world, doomed, survivor };
}

function channelTexts(world: World): string[] {
  return world.slack.messages(FINANCE_CHANNEL).map((message) => renderMessageText(message));
}

describe('Slack outbox across replicas', () => {
  let world: World;
  afterEach(() => world.stop());

  it('two replicas, each with a sender, the same sends queued on both: each reaches Slack once', async () => {
    world = await startWorld({ replicas: 2 });
    world.stripe.setAutoDeliver(false);
    world.stripe.setAvailableBalance(1_000_000);
    const sends: SlackSend[] = Array.from({ length: 60 }, (_, i) =>
      i % 3 === 0
        ? {
            kind: 'dm',
            key: `test:dm:${i}`,
            user: i % 2 === 0 ? WRITER.id : WRITER_TWO.id,
            message: { text: `dm ${i}` },
          }
        : post(`test:post:${i}`, `post ${i}`),
    );
    const results = await Promise.all(
      sends.flatMap((send) => [
        outboxOf(world, 0).outbox.enqueue(send),
        outboxOf(world, 1).outbox.enqueue(send),
      ]),
    );
    expect(results.filter((result) => result === 'queued')).toHaveLength(60);
    expect(results.filter((result) => result === 'duplicate')).toHaveLength(60);

    // And the domain's alerts: news about the same settled top-ups told by both replicas at once.
    const topups = [
      await settledTopup(world, '101'),
      await settledTopup(world, '102'),
      await settledTopup(world, '103'),
    ];
    await Promise.all(
      topups.flatMap((topup) =>
        world.apps.map((replica) => sendTopupNews(replica.services.topupDeps, topup)),
      ),
    );
    await world.drain();

    const posted = world.slack
      .calls('chat.postMessage')
      .filter((call) => call.ok)
      .map((call) => String(call.params.text));
    for (const send of sends) {
      expect(posted.filter((text) => text === send.message.text)).toHaveLength(1);
    }
    for (const topup of topups) {
      const alerts = channelTexts(world).filter((text) => text.includes(`${topup.ref} settled`));
      expect(alerts).toHaveLength(1);
    }
    const docs = await world.app.db.models.slackOutbox.find({ key: /^(test|alert):/ }).lean();
    expect(docs.every((doc) => doc.status === 'sent')).toBe(true);
    const senders = new Set(docs.map((doc) => doc.sentBy));
    expect(senders).toEqual(new Set(world.apps.map((replica) => replica.services.slackOutbox.sender.holder)));
  }, 60_000);

  it('a sender that dies after claiming: its claim lapses and another replica sends it, once', async () => {
    const replicas = await twoReplicasOneSending();
    world = replicas.world;
    const { doomed, survivor } = replicas;
    doomed.sender.dieAfterNextClaim();

    await doomed.outbox.enqueue(post('test:lapse', 'sent after the claim lapsed'));
    const claimed = await eventually(() =>
      world.app.db.models.slackOutbox.findOne({ key: 'test:lapse', status: 'sending' }).lean(),
    );
    const lapsesAt = claimed.claimUntil?.getTime() ?? 0;
    expect(lapsesAt - Date.now()).toBeGreaterThan(CLAIM_MS / 2);

    survivor.sender.start();
    await new Promise((resolve) => setTimeout(resolve, CLAIM_MS / 3));
    expect(channelTexts(world)).not.toContain('sent after the claim lapsed');
    await world.slack.waitFor((sim) =>
      sim.messages(FINANCE_CHANNEL).find((m) => m.text === 'sent after the claim lapsed'),
    );
    expect(Date.now()).toBeGreaterThanOrEqual(lapsesAt);
    await world.drain();

    expect(channelTexts(world).filter((text) => text === 'sent after the claim lapsed')).toHaveLength(1);
    const doc = await world.app.db.models.slackOutbox.findOne({ key: 'test:lapse' }).lean();
    expect(doc).toMatchObject({ status: 'sent', sentBy: survivor.sender.holder, attempts: 2 });
  }, 30_000);

  it('a sender that dies after Slack took its post: the next sender finds the message and does not post it again', async () => {
    const replicas = await twoReplicasOneSending();
    world = replicas.world;
    const { doomed, survivor } = replicas;
    doomed.sender.dieAfterNextPost();

    await doomed.outbox.enqueue(post('test:posted-then-died', 'posted, then its sender died'));
    await world.slack.waitFor((sim) =>
      sim.messages(FINANCE_CHANNEL).find((m) => m.text === 'posted, then its sender died'),
    );
    await eventually(async () => !doomed.sender.running);
    expect(
      await world.app.db.models.slackOutbox.findOne({ key: 'test:posted-then-died' }).lean(),
    ).toMatchObject({
      status: 'sending',
    });

    survivor.sender.start();
    await world.drain();
    expect(channelTexts(world).filter((text) => text === 'posted, then its sender died')).toHaveLength(1);
    const doc = await world.app.db.models.slackOutbox.findOne({ key: 'test:posted-then-died' }).lean();
    expect(doc).toMatchObject({ status: 'sent', sentBy: survivor.sender.holder, attempts: 2 });
  }, 30_000);
});

describe('Slack outbox: a lost answer from Slack', () => {
  let world: World;
  afterEach(() => world.stop());

  const dmTexts = (userId: string) =>
    world.slack.messages(world.slack.dmChannelOf(userId)).map((message) => renderMessageText(message));
  const historyReads = () => world.slack.calls().filter((call) => call.method === 'conversations.history');

  it('a DM Slack took but whose answer was lost is not sent twice; a send that went through reads nothing back', async () => {
    world = await startWorld();
    const { outbox } = outboxOf(world);
    await outbox.enqueue({
      kind: 'dm',
      key: 'test:dm-first',
      user: WRITER.id,
      message: { text: 'first DM' },
    });
    await world.drain();
    expect(historyReads()).toHaveLength(0);

    world.slack.loseNextAnswer('chat.postMessage');
    await outbox.enqueue({
      kind: 'dm',
      key: 'test:dm-lost',
      user: WRITER.id,
      message: { text: 'answer lost' },
    });
    await world.drain();

    expect(dmTexts(WRITER.id)).toEqual(['first DM', 'answer lost']);
    expect(historyReads()).toHaveLength(1);
    const doc = await world.app.db.models.slackOutbox.findOne({ key: 'test:dm-lost' }).lean();
    expect(doc).toMatchObject({ status: 'sent', attempts: 2, uncertainSince: null });
  }, 30_000);

  it('a DM whose conversation cannot be read back (token installed without im:history) still goes out, not failed', async () => {
    const replicas = await twoReplicasOneSending();
    world = replicas.world;
    const { doomed, survivor } = replicas;
    world.slack.withdrawScope('im:history');
    doomed.sender.dieAfterNextClaim();
    await doomed.outbox.enqueue({
      kind: 'dm',
      key: 'test:dm-unreadable',
      user: WRITER.id,
      message: { text: 'unreadable' },
    });
    await eventually(async () => !doomed.sender.running);

    survivor.sender.start();
    await world.drain();
    expect(dmTexts(WRITER.id)).toEqual(['unreadable']);
    expect(world.slack.calls().filter((call) => call.error === 'missing_scope')).toHaveLength(1);
    expect(await world.app.db.models.slackOutbox.findOne({ key: 'test:dm-unreadable' }).lean()).toMatchObject(
      {
        status: 'sent',
      },
    );
  }, 30_000);

  it('a sender that read the conversation back keeps its claim only if nobody took the send meanwhile', async () => {
    world = await startWorld();
    const { outbox, sender, store } = outboxOf(world);
    await sender.stop();
    await outbox.enqueue(post('test:renew', 'renewed'));
    const [queued] = await store.due(new Date(), { busyChannels: [], busyKinds: [], limit: 10 });
    if (!queued) throw new Error('nothing due');
    const first = await store.claim([queued.id], new Date(), 1000, 'first');
    expect(first.map((send) => send.uncertainSince)).toEqual([null]);
    // Its claim lapses and another sender takes it: that one sees an earlier try may have posted.
    const later = new Date(Date.now() + 2000);
    const second = await store.claim([queued.id], later, 10_000, 'second');
    expect(second[0]?.uncertainSince).toBeInstanceOf(Date);

    expect(await store.renewClaim(first, later, 10_000)).toBe(false);
    expect(await store.renewClaim(second, later, 10_000)).toBe(true);
  });

  it('an alert Slack refused is posted on the next try without reading the channel back', async () => {
    world = await startWorld();
    world.slack.setRateLimit('chat.postMessage', 0, { windowSeconds: 1 });
    const { outbox } = outboxOf(world);
    await outbox.enqueue(post('test:refused', 'refused, then posted'));
    await world.slack.waitFor((sim) => sim.rateLimitedCount() > 0);
    world.slack.clearRateLimit('chat.postMessage');
    await world.drain();

    expect(channelTexts(world).filter((text) => text === 'refused, then posted')).toHaveLength(1);
    expect(historyReads()).toHaveLength(0);
  }, 30_000);
});

describe('Slack outbox: a request message always shows its latest state', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(() => world.stop());

  it('three refreshes queued quickly become one chat.update with the latest state; a stale one is dropped', async () => {
    const topup = await fileTopup(world, '250');
    const ts = topup.slackMessage?.ts as string;
    const { notifier } = world.app.services.topupDeps;
    const { sender, outbox } = outboxOf(world);
    await sender.stop();

    const at = (seconds: number) => new Date(topup.updatedAt.getTime() + seconds * 1000);
    const approvals = [{ userId: FINANCE.two, teamId: TEAM, at: at(1) }];
    await notifier.refresh({ ...topup, status: 'approved', approvals, updatedAt: at(1) });
    await notifier.refresh({
      ...topup,
      status: 'pending',
      approvals,
      stripeTopupId: 'tu_outbox',
      updatedAt: at(2),
    });
    await notifier.refresh({
      ...topup,
      status: 'succeeded',
      approvals,
      stripeTopupId: 'tu_outbox',
      settledAt: at(3),
      updatedAt: at(3),
    });
    // A refresh rendered from an older read, arriving last: it must not win.
    const stale = await outbox.enqueue({
      kind: 'update',
      channel: FINANCE_CHANNEL,
      ts,
      message: { text: 'stale' },
      stateAt: at(2),
    });
    expect(stale).toBe('superseded');

    const before = world.slack.calls('chat.update').length;
    sender.start();
    await world.drain();
    const updates = world.slack.calls('chat.update').slice(before);
    expect(updates.map((call) => call.params.ts)).toEqual([ts]);
    const shown = renderMessageText(world.slack.message(FINANCE_CHANNEL, ts) ?? {});
    expect(shown).toContain('settled');
    expect(shown).not.toContain('pending at Stripe');
  });

  it('a newer state queued while the older one is being sent goes out next', async () => {
    const topup = await fileTopup(world, '260');
    const ts = topup.slackMessage?.ts as string;
    const { sender, store } = outboxOf(world);
    await sender.stop();
    const update = (text: string, seconds: number) => updateOf(topup, text, seconds);
    expect(await store.enqueue(update('first state', 1), new Date())).toBe('queued');
    // A sender claims the first state and is sending it when the second arrives.
    const [inFlight] = await store.claim(
      (await store.due(new Date(), { busyChannels: [], busyKinds: [], limit: 10 })).map((send) => send.id),
      new Date(),
      30_000,
      'test-sender',
    );
    expect(inFlight?.message.text).toBe('first state');
    expect(await store.enqueue(update('second state', 2), new Date())).toBe('queued');
    await store.markSent(inFlight as NonNullable<typeof inFlight>, new Date(), 'test-sender');
    expect(await store.unfinished()).toBe(1);

    sender.start();
    await world.drain();
    expect(world.slack.message(FINANCE_CHANNEL, ts)?.text).toBe('second state');
  });

  it('orders states by the database’s count of changes, not by replicas’ clocks', async () => {
    const topup = await fileTopup(world, '280');
    const deps = world.app.services.topupDeps;
    await approveTopup(deps, {
      id: topup.id,
      approver: { teamId: TEAM, userId: FINANCE.two },
      isFinance: true,
    });
    await world.drain();
    const approved = (await deps.topups.load(topup.id)) as Topup;
    // Every recorded change raised the version: requested (0) → approved → submitting → pending.
    expect(approved.stateVersion).toBeGreaterThanOrEqual(3);

    const ts = topup.slackMessage?.ts as string;
    const { sender } = outboxOf(world);
    await sender.stop();
    const version = approved.stateVersion ?? 0;
    const at = (seconds: number) => new Date(approved.updatedAt.getTime() + seconds * 1000);
    // The newer state (settled), recorded by a replica whose clock runs a second behind…
    await deps.notifier.refresh({
      ...approved,
      status: 'succeeded',
      settledAt: at(-1),
      updatedAt: at(-1),
      stateVersion: version + 2,
    });
    // …is not undone by the older state (pending) from a replica whose clock runs ahead.
    await deps.notifier.refresh({
      ...approved,
      status: 'pending',
      updatedAt: at(5),
      stateVersion: version + 1,
    });
    sender.start();
    await world.drain();
    expect(world.slack.message(FINANCE_CHANNEL, ts)?.text).toMatch(/settled$/);
  });

  it('a newer state of an update Slack asked us to hold keeps its place: not sent before Retry-After', async () => {
    const topup = await fileTopup(world, '270');
    const { sender, store } = outboxOf(world);
    await sender.stop();
    const update = (text: string, seconds: number) => updateOf(topup, text, seconds);
    const now = new Date();
    await store.enqueue(update('first state', 1), now);
    const [claimed] = await store.claim(
      (await store.due(now, { busyChannels: [], busyKinds: [], limit: 10 })).map((send) => send.id),
      now,
      30_000,
      'test-sender',
    );
    // Slack answered 429 with Retry-After: 30; the send waits until then.
    const retryAt = new Date(now.getTime() + 30_000);
    await store.retryLater(claimed as NonNullable<typeof claimed>, retryAt, 'ratelimited', {
      countAttempt: false,
    });

    expect(await store.enqueue(update('second state', 2), new Date())).toBe('queued');
    expect(await store.due(new Date(), { busyChannels: [], busyKinds: [], limit: 10 })).toEqual([]);
    const [due] = await store.due(new Date(retryAt.getTime() + 1), {
      busyChannels: [],
      busyKinds: [],
      limit: 10,
    });
    expect(due?.message.text).toBe('second state');
  });

  it('a post or DM is stored once per key, whoever queues it and however often', async () => {
    const { outbox } = outboxOf(world);
    const send = post('test:once', 'posted once');
    const results = await Promise.all(Array.from({ length: 10 }, () => outbox.enqueue(send)));
    expect(results.filter((result) => result === 'queued')).toHaveLength(1);
    await world.drain();
    expect(await outbox.enqueue(send)).toBe('duplicate');
    await world.drain();
    expect(channelTexts(world).filter((text) => text === 'posted once')).toHaveLength(1);
  });
});

describe('Slack outbox when Slack refuses the app itself', () => {
  it('a revoked token loses nothing: alerts and DMs wait, counted as no attempt, and go out once the app is back', async () => {
    const world = await startWorld({ slackOutbox: { blockedRetryMs: 300 } });
    try {
      const { outbox, store } = outboxOf(world);
      world.slack.revokeBotToken();
      await outbox.enqueue(post('test:revoked:alert', 'alert while revoked'));
      await outbox.enqueue({
        kind: 'dm',
        key: 'test:revoked:dm',
        user: WRITER.id,
        message: { text: 'dm while revoked' },
      });
      // Far longer than twelve quick failures would take: the sends are still waiting, not failed.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const refused = world.slack.calls().filter((call) => call.error === 'token_revoked').length;
      expect(refused).toBeGreaterThan(1);
      const waiting = await world.app.db.models.slackOutbox.find({ key: /^test:revoked/ }).lean();
      expect(waiting.map((send) => [send.status, send.attempts])).toEqual([
        ['pending', 0],
        ['pending', 0],
      ]);
      expect(await store.unfinished()).toBe(2);

      world.slack.restoreBotToken();
      await world.drain();
      expect(channelTexts(world).filter((text) => text === 'alert while revoked')).toHaveLength(1);
      const dms = world.slack.messages(world.slack.dmChannelOf(WRITER.id)).map((m) => m.text);
      expect(dms.filter((text) => text === 'dm while revoked')).toHaveLength(1);
    } finally {
      await world.stop();
    }
  });
});
