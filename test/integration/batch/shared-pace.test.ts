import { systemClock } from '../../../src/clock';
import type { Database } from '../../../src/db/connection';
import { mongoStripePace, SLOTS_PER_SECOND, slotQuota } from '../../../src/db/stripe-pace';
import type { PayoutRunHeader } from '../../../src/domain/batch/types';
import { connectTestDatabase } from '../../support/database';
import { startWorld, type World } from '../../support/world';
import { approve, requestRun, seedWriters, waitForRun } from './helpers';

/** How many of `times` (ms) fall in each whole second. */
function perWholeSecond(times: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const at of times) {
    const second = Math.floor(at / 1000);
    counts.set(second, (counts.get(second) ?? 0) + 1);
  }
  return counts;
}

describe('the Stripe pace shared through MongoDB', () => {
  let replicaA: Database;
  let replicaB: Database;

  beforeAll(async () => {
    const dbName = `pace_${Date.now().toString(36)}`;
    replicaA = await connectTestDatabase(dbName);
    replicaB = await connectTestDatabase(dbName);
  });
  afterAll(async () => {
    await replicaA.close();
    await replicaB.close();
  });

  it('spreads the rate over the slots of a second, adding up to it exactly', () => {
    for (const rate of [1, 7, 20, 25, 100]) {
      const quotas = Array.from({ length: SLOTS_PER_SECOND }, (_, slot) => slotQuota(1000 + slot, rate));
      expect(quotas.reduce((sum, quota) => sum + quota, 0)).toBe(rate);
      expect(Math.max(...quotas) - Math.min(...quotas)).toBeLessThanOrEqual(1);
    }
    expect(slotQuota(3, 20)).toBe(2);
  });

  it('two processes taking turns at once together stay at the rate in every whole second', async () => {
    const name = 'two-processes';
    const a = mongoStripePace({
      connection: replicaA.connection,
      perSecond: 20,
      name,
      now: () => systemClock().getTime(),
    });
    const b = mongoStripePace({
      connection: replicaB.connection,
      perSecond: 20,
      name,
      now: () => systemClock().getTime(),
    });
    const times: number[] = [];
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? a : b).take().then(() => times.push(Date.now()))),
    );
    const seconds = (Date.now() - started) / 1000;
    for (const count of perWholeSecond(times).values()) expect(count).toBeLessThanOrEqual(20);
    // 100 turns at 20/s: 4 whole seconds and parts of two more; never much more than 5 s.
    expect(seconds).toBeGreaterThan(4);
    expect(seconds).toBeLessThan(6.5);
  }, 30_000);

  it('reuses a slot counter whose time is over (the duplicate-key path works on this server)', async () => {
    const name = 'stale';
    // Every counter of the cycle exists already, full and expired, as after the first minute.
    await replicaA.models.stripePace.insertMany(
      Array.from({ length: 60 * SLOTS_PER_SECOND }, (_, key) => ({
        key: `${name}:${key}`,
        points: 99,
        expire: new Date(Date.now() - 1000),
      })),
    );
    const pace = mongoStripePace({
      connection: replicaA.connection,
      perSecond: 20,
      name,
      now: () => systemClock().getTime(),
    });
    const started = Date.now();
    for (let i = 0; i < 10; i += 1) await pace.take();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await replicaA.models.stripePace.countDocuments({ key: new RegExp(`^${name}:`) })).toBe(600);
    const indexes = await replicaA.models.stripePace.listIndexes();
    // No TTL index: expiry is the `expire` condition in the library's queries.
    expect(indexes.some((index) => index.expireAfterSeconds !== undefined)).toBe(false);
  }, 30_000);
});

const RUN_LINES = 100;
const PACE = 20;

/**
 * Two runs approved at once on two replicas, against the simulator limited to test mode's
 * 25 requests a second: together they keep to STRIPE_RATE_LIMIT_PER_SECOND (the 2 × 500-line
 * version is in the bench, test/bench/shared-pace.ts, `npm run bench:pace`).
 */
describe('two payout runs on two replicas share one pace', () => {
  let world: World;
  let runs: PayoutRunHeader[];
  let holders: string[];

  beforeAll(async () => {
    world = await startWorld({
      replicas: 2,
      env: { STRIPE_RATE_LIMIT_PER_SECOND: String(PACE), DAILY_TRANSFER_CAP_CENTS: '100000000' },
    });
    const writers = await seedWriters(world, 2 * RUN_LINES, 'P');
    world.stripe.setAvailableBalance(100_000_000);
    world.stripe.setRateLimit(25);
    const csvOf = (part: number) =>
      [
        'writer,amount,memo',
        ...writers
          .slice(part * RUN_LINES, (part + 1) * RUN_LINES)
          .map((writer) => `${writer.slackUserId},1.00,Pace ${part}`),
      ].join('\n');
    runs = [];
    for (const part of [0, 1]) runs.push((await requestRun(world.app, world, csvOf(part))).run);
    await Promise.all(runs.map((run, replica) => approve(world, run, undefined, replica)));
    const running = await Promise.all(
      runs.map((run, replica) => waitForRun(world.apps[replica] ?? world.app, run.id, ['running'], 10_000)),
    );
    holders = running.map((run) => run.lease.holder ?? '');
    await Promise.all(runs.map((run) => waitForRun(world.app, run.id, ['completed'], 60_000)));
    await world.drain();
  }, 120_000);
  afterAll(() => world.stop());

  it('ran one run on each replica', () => {
    expect(holders).toEqual(world.apps.map((app) => app.services.batchDeps.control.instanceId));
  });

  it('stays at the pace in every whole second, with no 429, and pays every line once', () => {
    const posts = world.stripe
      .requestLog()
      .filter((entry) => entry.method === 'POST' && entry.path === '/v1/transfers');
    expect(posts).toHaveLength(2 * RUN_LINES);
    const counts = [...perWholeSecond(posts.map((entry) => entry.at.getTime())).values()];
    // Timed where Stripe receives them: a turn taken at the end of a second's last slot may reach
    // Stripe in the next second on a loaded machine, so a second can show one slot's share more
    // (the turns themselves are checked to the exact pace above). Two paces of their own would
    // show twice the rate here, and Stripe's 429s.
    expect(Math.max(...counts)).toBeLessThanOrEqual(PACE + slotQuota(SLOTS_PER_SECOND - 1, PACE));
    expect(world.stripe.rateLimitedCount()).toBe(0);
    const transfers = world.stripe.listTransfers();
    expect(transfers).toHaveLength(2 * RUN_LINES);
    expect(new Set(transfers.map((transfer) => transfer.destination)).size).toBe(2 * RUN_LINES);
    const first = Math.min(...posts.map((entry) => entry.at.getTime()));
    const last = Math.max(...posts.map((entry) => entry.at.getTime()));
    // 200 requests at 20/s need at least 9 s between the first and the last; shared, not 2 × 20/s.
    expect((last - first) / 1000).toBeGreaterThan(9);
    expect((last - first) / 1000).toBeLessThan(12);
  });
});
