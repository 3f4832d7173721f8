import { lanesOf, SlackPacer } from '../../../src/slack/outbox/pacer';

const LIMITS = {
  perChannel: { perSecond: 1, burst: 3 },
  posts: { perSecond: 10, burst: 20 },
  updates: { perMinute: 60, burst: 2 },
};

describe('outbox pacer', () => {
  const post = lanesOf({ kind: 'post', channel: 'C1' });

  it('lets a short burst into a channel, then about one message a second', () => {
    const pacer = new SlackPacer(LIMITS);
    expect([0, 1, 2, 3].map(() => pacer.take(post, 0))).toEqual([true, true, true, false]);
    expect(pacer.busy(0).channels).toEqual(['C1']);
    expect(pacer.busy(0).readyInMs).toBe(1000);
    expect(pacer.take(post, 999)).toBe(false);
    expect(pacer.take(post, 1000)).toBe(true);
    expect(pacer.take(post, 1500)).toBe(false);
    // Another channel has its own budget.
    expect(pacer.take(lanesOf({ kind: 'dm', channel: 'U1' }), 1500)).toBe(true);
  });

  it('paces updates by the workspace tier, apart from posts', () => {
    const pacer = new SlackPacer(LIMITS);
    const update = lanesOf({ kind: 'update', channel: 'C1' });
    expect([pacer.take(update, 0), pacer.take(update, 0), pacer.take(update, 0)]).toEqual([
      true,
      true,
      false,
    ]);
    expect(pacer.busy(0).kinds).toEqual(['update']);
    expect(pacer.take(post, 0)).toBe(true);
    expect(pacer.take(update, 1000)).toBe(true);
  });

  it("holds a lane until a 429's Retry-After, however many tokens it had", () => {
    const pacer = new SlackPacer(LIMITS);
    pacer.hold(post.slice(0, 1), 2000, 0);
    expect(pacer.take(post, 1999)).toBe(false);
    expect(pacer.busy(1000)).toMatchObject({ channels: ['C1'], readyInMs: 1000 });
    expect(pacer.take(post, 2000)).toBe(true);
  });

  it('forgets lanes that are full again', () => {
    const pacer = new SlackPacer(LIMITS);
    pacer.take(post, 0);
    expect(pacer.busy(10_000)).toEqual({ channels: [], kinds: [], readyInMs: undefined });
  });
});
