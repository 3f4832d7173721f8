/** A request holding money that has not moved for longer than the alarm's threshold. */
export type StuckRequest = {
  kind: 'topup' | 'transfer';
  /** The stored request's id: what the alarm remembers it by (a transfer's retries share its ref). */
  id: string;
  /** Its reference as people read it, with the attempt for a retry ("TR-0003 (attempt 2)"). */
  ref: string;
  /** `submitting`: sent to Stripe, no answer recorded; `approved`: approved, never sent. */
  status: 'submitting' | 'approved';
  amountCents: number;
  /** The writer being paid (a transfer); null for a top-up, which goes to the platform's balance. */
  payeeSlackUserId: string | null;
  /** A line of a payout run (its run drives it), not a request of its own. */
  payoutRunLine: boolean;
  /** When it entered that status. */
  since: Date;
};

/** The webhook inbox's oldest unprocessed Stripe event, when it is older than the threshold. */
export type StuckInbox = { kind: 'inbox'; waiting: number; since: Date };

export type StuckMoney = StuckRequest | StuckInbox;

/** Where stuck money is looked for (src/db/repositories/operations.ts). */
export type StuckMoneySource = {
  /** Oldest first, at most `limit` of them, and how many there are in all. */
  stuckRequests(olderThan: Date, limit: number): Promise<{ items: StuckRequest[]; total: number }>;
  inboxBacklog(): Promise<{ count: number; oldestReceivedAt: Date | null }>;
  /**
   * What each of these remembered requests (`topup:<id>`, `transfer:<id>`) is called and its
   * status now, for the "resolved" message; an alarm saved before ids were remembered holds refs.
   */
  statusesOf(keys: string[]): Promise<Map<string, { ref: string; status: string }>>;
};

/** The first alert of an episode, or one more for items stuck since. */
export type RaisedAlarm = {
  /** What to name (at most ten); `total` counts everything stuck now, the inbox included. */
  items: StuckMoney[];
  total: number;
  thresholdMinutes: number;
  /** Items that got stuck after the episode's first alert. */
  followUp: boolean;
};

export type ResolvedAlarm = { raisedAt: Date; at: Date; cleared: { ref: string; status: string | null }[] };

/**
 * A message the alarm decided to post, saved with the state it belongs to before it is queued;
 * whichever pass comes next queues it again under the same key (the outbox sends a key once)
 * and then clears it, so a replica dying in between loses nothing and repeats nothing.
 */
export type PendingAlarmPost =
  | { key: string; kind: 'raised'; alarm: RaisedAlarm }
  | { key: string; kind: 'resolved'; alarm: ResolvedAlarm };

/**
 * The alarm's state, one document for all replicas: an episode starts when something gets stuck
 * and ends when nothing is; `posts` counts the messages of this episode (the first alert, then one
 * per batch of newly stuck items), `announced` is what they named. Saved by compare-and-set on `rev`.
 */
export type AlarmState = {
  episode: number;
  active: boolean;
  since: Date | null;
  announced: string[];
  posts: number;
  /** The message of the last change, saved before it was queued; null once it is queued. */
  pending: PendingAlarmPost | null;
  rev: number;
};

export type AlarmStore = {
  /** The stored state, or a fresh one (episode 0, rev 0) when there is none yet. */
  get(name: string): Promise<AlarmState>;
  /** Compare-and-set: false when another replica saved first. */
  save(name: string, expectedRev: number, next: Omit<AlarmState, 'rev'>): Promise<boolean>;
};

/** What finance sees; each message is sent once per key, however many replicas send it. */
export type StuckMoneyNotifier = {
  raised(key: string, alarm: RaisedAlarm): Promise<void>;
  resolved(key: string, alarm: ResolvedAlarm): Promise<void>;
};
