import type { WaitingRequest } from '../requests/waiting';
import type { ReminderState } from './schedule';

/** What was sent about each waiting request, shared by every replica (MongoDB). */
export type ReminderStore = {
  /** The state of each key that has one; keys never reminded are absent. */
  statesOf(keys: string[]): Promise<Map<string, ReminderState>>;
  /**
   * Compare-and-set, before anything is sent: records reminder number `expectedSent + 1` only if
   * exactly `expectedSent` were recorded so far. False when another replica (or pass) got there first.
   */
  claim(key: string, expectedSent: number, at: Date, lastWarning: boolean): Promise<boolean>;
  /** Reminder number `sent` is in the outbox: no pass needs to queue it again. */
  markQueued(key: string, sent: number): Promise<void>;
  /**
   * Once per expired request: true for the first caller, and again for any caller while that
   * notice is not known to be queued (queuing it twice is harmless: the outbox sends a key once).
   */
  claimExpiryNotice(key: string, at: Date): Promise<boolean>;
  markExpiryNoticeQueued(key: string): Promise<void>;
};

export type Reminder = {
  request: WaitingRequest;
  /** Who is nudged: those who can still approve it. */
  approvers: string[];
  /** 1 for the first reminder of this request, 2 for the next, … (part of each DM's outbox key). */
  number: number;
  lastWarning: boolean;
  expiresAt: Date | null;
};

/** The DMs (src/slack/notify/reminder-notifier.ts), sent once each through the Slack outbox. */
export type ReminderNotifier = {
  /**
   * Queues the DMs unless `stillWaiting` (asked right before they are queued) says the request
   * was decided meanwhile; true when this call queued any (false when another pass already had).
   */
  remind(reminder: Reminder, stillWaiting: () => Promise<boolean>): Promise<boolean>;
  /** Tells the requester their request expired undecided. */
  expired(request: WaitingRequest, expiryDays: number): Promise<void>;
};
