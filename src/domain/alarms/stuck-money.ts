import { subMinutes } from 'date-fns';
import type { Logger } from '../../logger';
import { everyWithLease } from '../leased-timer';
import type { LeasesStore } from '../reconciler/ports';
import type { AlarmState, AlarmStore, StuckMoney, StuckMoneyNotifier, StuckMoneySource } from './ports';

export const STUCK_MONEY_ALARM = 'stuck-money';
/** How often the lease holder looks; the threshold is minutes, so a minute late is fine. */
export const STUCK_MONEY_CHECK_MS = 60_000;
/** Items named in one message; the rest are counted ("22 in all"). */
const LISTED = 10;
/** References remembered per episode, so a long episode cannot grow the state document without end. */
const REMEMBERED = 500;

export type StuckMoneyDeps = {
  source: StuckMoneySource;
  alarms: AlarmStore;
  notifier: StuckMoneyNotifier;
  clock: () => Date;
  thresholdMinutes: number;
  logger: Logger;
};

export type StuckMoneyPass = 'clear' | 'raised' | 'still raised' | 'more' | 'resolved' | 'raced';

const keyOf = (item: StuckMoney) => (item.kind === 'inbox' ? 'inbox' : item.ref);
const postKey = (episode: number, post: number | 'resolved') =>
  `alarm:${STUCK_MONEY_ALARM}:${episode}:${post}`;

/**
 * One look for stuck money: requests sending to Stripe or approved and not sent for longer than
 * the threshold, and an inbox whose oldest event waited that long. The finance channel gets one
 * alert when an episode starts, one more only for items that got stuck since, and one "resolved"
 * when nothing is stuck any more. Each message is queued under a key of its episode before the
 * state is saved (compare-and-set), so a replica that dies in between, or two that race, queue
 * the same key, which the outbox sends once.
 */
export async function checkStuckMoney(deps: StuckMoneyDeps): Promise<StuckMoneyPass> {
  const now = deps.clock();
  const found = await findStuck(deps, subMinutes(now, deps.thresholdMinutes));
  const state = await deps.alarms.get(STUCK_MONEY_ALARM);
  if (found.items.length === 0) return state.active ? resolve(deps, state, now) : 'clear';
  if (!state.active) {
    const episode = state.episode + 1;
    await deps.notifier.raised(postKey(episode, 0), alert(deps, found, false));
    const next = { episode, active: true, since: now, announced: found.items.map(keyOf), posts: 1 };
    return (await save(deps, state, next)) ? 'raised' : 'raced';
  }
  const fresh = found.items.filter((item) => !state.announced.includes(keyOf(item)));
  if (fresh.length === 0) return 'still raised';
  await deps.notifier.raised(
    postKey(state.episode, state.posts),
    alert(deps, { ...found, items: fresh }, true),
  );
  const announced = [...state.announced, ...fresh.map(keyOf)].slice(-REMEMBERED);
  return (await save(deps, state, { ...state, announced, posts: state.posts + 1 })) ? 'more' : 'raced';
}

async function resolve(deps: StuckMoneyDeps, state: AlarmState, now: Date): Promise<StuckMoneyPass> {
  const refs = state.announced.filter((key) => key !== 'inbox');
  const statuses = await deps.source.statusesOf(refs);
  const cleared = state.announced.map((ref) => ({ ref, status: statuses.get(ref) ?? null }));
  await deps.notifier.resolved(postKey(state.episode, 'resolved'), {
    raisedAt: state.since ?? now,
    at: now,
    cleared,
  });
  return (await save(deps, state, { ...state, active: false, announced: [] })) ? 'resolved' : 'raced';
}

async function findStuck(
  deps: StuckMoneyDeps,
  olderThan: Date,
): Promise<{ items: StuckMoney[]; total: number }> {
  const [requests, inbox] = await Promise.all([
    deps.source.stuckRequests(olderThan, LISTED),
    deps.source.inboxBacklog(),
  ]);
  const items: StuckMoney[] = [...requests.items];
  let total = requests.total;
  if (inbox.oldestReceivedAt && inbox.oldestReceivedAt < olderThan) {
    items.unshift({ kind: 'inbox', waiting: inbox.count, since: inbox.oldestReceivedAt });
    total += 1;
  }
  return { items, total };
}

function alert(deps: StuckMoneyDeps, found: { items: StuckMoney[]; total: number }, followUp: boolean) {
  return {
    items: found.items.slice(0, LISTED),
    total: found.total,
    thresholdMinutes: deps.thresholdMinutes,
    followUp,
  };
}

async function save(
  deps: StuckMoneyDeps,
  state: AlarmState,
  next: Omit<AlarmState, 'rev'>,
): Promise<boolean> {
  const saved = await deps.alarms.save(STUCK_MONEY_ALARM, state.rev, next);
  if (!saved) deps.logger.info('stuck-money alarm: another replica saved its state first');
  return saved;
}

/** The check every minute on whichever replica holds the alarm's lease. */
export function startStuckMoneyAlarm(deps: StuckMoneyDeps & { leases: LeasesStore; intervalMs?: number }): {
  runOnce(): Promise<StuckMoneyPass | undefined>;
  stop(): Promise<void>;
} {
  const timer = everyWithLease(
    deps,
    {
      lease: `${STUCK_MONEY_ALARM}-alarm`,
      intervalMs: deps.intervalMs ?? STUCK_MONEY_CHECK_MS,
      failure: 'stuck-money check failed; will try again',
    },
    () => checkStuckMoney(deps),
  );
  return {
    async runOnce() {
      const run = await timer.runOnce();
      return run.ran ? run.result : undefined;
    },
    stop: timer.stop,
  };
}
