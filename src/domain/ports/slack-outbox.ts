/** A message as Slack takes it: the notification text and the Block Kit blocks (src/slack/views). */
export type OutboxMessage = { text: string; blocks?: readonly unknown[] };

/**
 * One Slack send, stored before it is sent. A post or DM has a stable key (`alert:<topupId>:<status>`,
 * `dm:paid:<transferId>`) and is stored once per key, however often it is asked for; an update is
 * keyed by the message it edits and always carries that message's latest state.
 */
export type SlackSend =
  | {
      kind: 'post';
      key: string;
      channel: string;
      message: OutboxMessage;
      /** Posts of one group due together in one channel may go out as a digest, this line each. */
      digest?: { group: string; line: string };
    }
  | {
      kind: 'update';
      channel: string;
      ts: string;
      message: OutboxMessage;
      /** When the state shown was current; an update older than the one queued is dropped. */
      stateAt: Date;
      /**
       * The shown state's version (the database's count of its changes): when both have one, it
       * decides which update is newer, whatever the replicas' clocks say.
       */
      stateVersion?: number;
    }
  | { kind: 'dm'; key: string; user: string; message: OutboxMessage };

/** `duplicate`: that key was already queued (or sent); `superseded`: a newer state of the message is queued. */
export type EnqueueResult = 'queued' | 'duplicate' | 'superseded';

/** Where Slack sends go; a paced sender on every replica delivers them (src/slack/outbox). */
export type SlackOutbox = {
  enqueue(send: SlackSend): Promise<EnqueueResult>;
};

export type SendKind = SlackSend['kind'];

/** A stored send as the sender sees it; `channel` is the user id for a DM. */
export type QueuedSend = {
  id: string;
  key: string;
  kind: SendKind;
  channel: string;
  ts: string | null;
  message: OutboxMessage;
  group: string | null;
  line: string | null;
  /** Tries so far, this one included. */
  attempts: number;
  /** Which claim holds it; only that claim may record the outcome. */
  claimToken: string | null;
  /** Changes when an update's payload is replaced, so a send of the older payload is not taken as the latest. */
  rev: string;
  /**
   * As claimed: when an earlier delivery of this post or DM began that may have reached Slack
   * (its sender died or stalled past its claim, or Slack's answer was lost); null when none may have.
   */
  uncertainSince: Date | null;
};

/** The outbox collection (MongoDB), shared by every replica's sender. */
export type SlackOutboxStore = {
  enqueue(send: SlackSend, now: Date): Promise<EnqueueResult>;
  /**
   * Sends that may be claimed now (pending and due, or claimed by a sender whose claim lapsed),
   * oldest first, leaving out posts and DMs to `busyChannels` and sends of `busyKinds`.
   */
  due(
    now: Date,
    options: { busyChannels: string[]; busyKinds: SendKind[]; limit: number },
  ): Promise<QueuedSend[]>;
  /**
   * Compare-and-set per send: only sends still claimable are taken; returns those as they were
   * (`uncertainSince` from earlier deliveries), and marks the posts and DMs among them as possibly
   * delivered from `now` on, until an outcome is recorded.
   */
  claim(ids: string[], now: Date, holdMs: number, holder: string): Promise<QueuedSend[]>;
  /** Holds `sends` (one claim's) for another `holdMs`, if that claim still has every one of them. */
  renewClaim(sends: QueuedSend[], now: Date, holdMs: number): Promise<boolean>;
  /** Sent; an update whose payload was replaced meanwhile goes back to pending instead. */
  markSent(send: QueuedSend, at: Date, holder: string): Promise<void>;
  /**
   * Back to pending, due at `notBefore`; a rate-limited try does not count as an attempt.
   * `nothingPosted`: Slack said no (or it was not sent), so no earlier delivery needs looking for.
   */
  retryLater(
    send: QueuedSend,
    notBefore: Date,
    error: string,
    options?: { countAttempt?: boolean; nothingPosted?: boolean },
  ): Promise<void>;
  markFailed(send: QueuedSend, error: string, at: Date): Promise<void>;
  /** After a 429: nothing pending of these kinds (in this channel, if given) is due before `until`. */
  hold(scope: { kinds: SendKind[]; channel?: string }, until: Date): Promise<void>;
  /** Pending or being sent: what a drain waits for. */
  unfinished(): Promise<number>;
  /** Clean-up: forgets sends delivered before `before`. */
  sweep(before: Date): Promise<number>;
};
