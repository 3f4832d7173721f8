import { subMinutes } from 'date-fns';
import type { Logger } from '../../logger';
import { everyWithLease } from '../leased-timer';
import type { LeasesStore } from '../reconciler/ports';
import type {
  AlarmState,
  AlarmStore,
  PendingAlarmPost,
  RaisedAlarm,
  ResolvedAlarm,
  StuckMoney,
  StuckMoneyNotifier,
  StuckMoneySource,
} from './ports';

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

/** Remembered by request id: a transfer's retries share its ref, and each attempt can get stuck. */
const keyOf = (item: StuckMoney) => (item.kind === 'inbox' ? 'inbox' : `${item.kind}:${item.id}`);
const postKey = (episode: number, post: number | 'resolved') =>
  `alarm:${STUCK_MONEY_ALARM}:${episode}:${post}`;

/**
 * One look for stuck money: requests sending to Stripe or approved and not sent for longer than
 * the threshold, and an inbox whose oldest event waited that long. The finance channel gets one
 * alert when an episode starts, one more only for items that got stuck since, and one "resolved"
 * when nothing is stuck any more. Each change of state is saved (compare-and-set) with the message
 * it calls for before that message is queued, under a key of its episode: two replicas that race
 * save once, and a replica that dies before queuing leaves the message in the state, where the
 * next pass finds it and queues it. So no alert goes without its "resolved", and no alert of an
 * episode follows its "resolved".
 */
export async function checkStuckMoney(deps: StuckMoneyDeps): Promise<StuckMoneyPass> {
  const now = deps.clock();
  const found = await findStuck(deps, subMinutes(now, deps.thresholdMinutes));
  const state = await flushPending(deps, await deps.alarms.get(STUCK_MONEY_ALARM));
  if (!state) return 'raced';
  if (found.items.length === 0) return state.active ? resolve(deps, state, now) : 'clear';
  if (!state.active) {
    const episode = state.episode + 1;
    const pending: PendingAlarmPost = {
      key: postKey(episode, 0),
      kind: 'raised',
      alarm: alert(deps, found, false),
    };
    const next = { episode, active: true, since: now, announced: found.items.map(keyOf), posts: 1, pending };
    return (await saveAndPost(deps, state, next)) ? 'raised' : 'raced';
  }
  const fresh = found.items.filter((item) => !state.announced.includes(keyOf(item)));
  if (fresh.length === 0) return 'still raised';
  const pending: PendingAlarmPost = {
    key: postKey(state.episode, state.posts),
    kind: 'raised',
    alarm: alert(deps, { ...found, items: fresh }, true),
  };
  const announced = [...state.announced, ...fresh.map(keyOf)].slice(-REMEMBERED);
  const next = { ...state, announced, posts: state.posts + 1, pending };
  return (await saveAndPost(deps, state, next)) ? 'more' : 'raced';
}

async function resolve(deps: StuckMoneyDeps, state: AlarmState, now: Date): Promise<StuckMoneyPass> {
  const keys = state.announced.filter((key) => key !== 'inbox');
  const named = await deps.source.statusesOf(keys);
  const cleared = state.announced.flatMap((key): ResolvedAlarm['cleared'] => {
    if (key === 'inbox') return [{ ref: 'inbox', status: null }];
    const request = named.get(key);
    // A request gone from the database is left out rather than named by its id.
    return request ? [request] : [];
  });
  const pending: PendingAlarmPost = {
    key: postKey(state.episode, 'resolved'),
    kind: 'resolved',
    alarm: { raisedAt: state.since ?? now, at: now, cleared },
  };
  const next = { ...state, active: false, announced: [], pending };
  return (await saveAndPost(deps, state, next)) ? 'resolved' : 'raced';
}

/** Saves the next state with its message, then queues the message; false when another replica saved first. */
async function saveAndPost(
  deps: StuckMoneyDeps,
  state: AlarmState,
  next: Omit<AlarmState, 'rev'>,
): Promise<boolean> {
  if (!(await save(deps, state, next))) return false;
  await flushPending(deps, { ...next, rev: state.rev + 1 });
  return true;
}

/**
 * Queues the message saved with this state (again, if an earlier pass queued it and died before
 * clearing it: the outbox sends a key once), then clears it. Returns the state to go on from, or
 * undefined when another replica changed it meanwhile.
 */
async function flushPending(deps: StuckMoneyDeps, state: AlarmState): Promise<AlarmState | undefined> {
  const post = state.pending;
  if (!post) return state;
  if (post.kind === 'raised') await deps.notifier.raised(post.key, post.alarm);
  else await deps.notifier.resolved(post.key, post.alarm);
  const { rev, ...rest } = state;
  const cleared = { ...rest, pending: null };
  return (await save(deps, state, cleared)) ? { ...cleared, rev: rev + 1 } : undefined;
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

function alert(
  deps: StuckMoneyDeps,
  found: { items: StuckMoney[]; total: number },
  followUp: boolean,
): RaisedAlarm {
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
