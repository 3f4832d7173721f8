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
  /** Once per expired request: true for the first caller only. */
  claimExpiryNotice(key: string, at: Date): Promise<boolean>;
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
  remind(reminder: Reminder): Promise<void>;
  /** Tells the requester their request expired undecided. */
  expired(request: WaitingRequest, expiryDays: number): Promise<void>;
};
