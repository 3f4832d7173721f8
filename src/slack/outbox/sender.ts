import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { Clock } from '../../clock';
import type { OutboxMessage, QueuedSend, SlackOutboxStore } from '../../domain/ports/slack-outbox';
import type { Logger } from '../../logger';
import { ownBotId } from '../own-bot-id';
import { alertDigest } from '../views/alert-digest';
import { deliveredKeys, sendMetadata } from './delivered-lookup';
import { DIGEST_ABOVE, SLACK_LIMITS, type SlackLimits } from './limits';
import { DMS, lanesOf, SlackPacer } from './pacer';

export type SlackSenderOptions = {
  limits: SlackLimits;
  /** How long a claim holds a send; a sender that dies lets it lapse and another sends it. */
  claimMs: number;
  /** How often an idle sender looks for what other replicas queued or let lapse. */
  pollMs: number;
  /** How long everything waits when Slack refuses the bot token itself, before trying again. */
  blockedRetryMs: number;
};

/**
 * A send is at most two Slack calls (a DM opens its conversation first) of SLACK_CALL_TIMEOUT_MS
 * each; one that reads the conversation back first renews its claim before posting.
 */
export const SLACK_CALL_TIMEOUT_MS = 4_000;

export const SLACK_SENDER_DEFAULTS: SlackSenderOptions = {
  limits: SLACK_LIMITS,
  // Longer than a send can take; a dead replica's sends wait this long for another sender.
  claimMs: 10_000,
  pollMs: 250,
  blockedRetryMs: 60_000,
};

/** Sends in flight at once (different conversations, or updates). */
const IN_FLIGHT = 8;
const DUE_PAGE = 200;
/** Alerts in one digest: their keys travel in its metadata, which Slack keeps small. */
const DIGEST_MAX_SENDS = 50;
/** Transient failures are retried with a doubling back-off up to 5 minutes, about half an hour in all. */
const MAX_ATTEMPTS = 12;
const MAX_BACKOFF_MS = 5 * 60_000;
const KEEP_SENT_MS = 30 * 24 * 3600_000;
const SWEEP_EVERY_MS = 3600_000;
/** Slack errors worth another try; any other error means the send can never succeed as it is. */
const TRANSIENT = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

/**
 * Slack refuses the app itself (token revoked, app uninstalled, workspace gone): no send can work
 * until an operator acts, and every one would "fail for good" in seconds. They wait instead,
 * held for every replica, and go out once the token works again.
 */
const APP_REFUSED = new Set([
  'not_authed',
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'team_disabled',
]);

/**
 * Slack answered, but these may mean the work was done before it failed: the message may be
 * in the conversation, so the next try looks first.
 */
const MAYBE_DONE = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** conversations.open failed: a limit there is the workspace's, not the conversation's. */
class DmOpenError extends Error {
  constructor(override readonly cause: unknown) {
    super('could not open the DM');
  }
}

type SlackError = { code?: string; retryAfter?: number; data?: { error?: string } };

function slackErrorOf(error: unknown): SlackError {
  return typeof error === 'object' && error !== null ? (error as SlackError) : {};
}

/** Seconds Slack asked us to wait (a 429's Retry-After), if it did. */
function retryAfterSeconds(error: unknown): number | undefined {
  const e = slackErrorOf(error);
  if (e.code === ErrorCode.RateLimitedError) return Math.max(1, e.retryAfter ?? 1);
  if (e.code === ErrorCode.PlatformError && e.data?.error === 'ratelimited') return 1;
  return undefined;
}

/** Whether a failed post certainly left nothing in Slack (it said no, or was never made). */
function certainlyNotPosted(error: unknown): boolean {
  if (error instanceof DmOpenError || retryAfterSeconds(error) !== undefined) return true;
  const e = slackErrorOf(error);
  return e.code === ErrorCode.PlatformError && !MAYBE_DONE.has(e.data?.error ?? '');
}

function describe(error: unknown): { code: string; permanent: boolean } {
  const e = slackErrorOf(error);
  if (e.code === ErrorCode.PlatformError) {
    const code = e.data?.error ?? 'unknown_error';
    return { code, permanent: !TRANSIENT.has(code) };
  }
  // No answer, or an HTTP error: Slack may well take it on the next try.
  return { code: e.code ?? (error instanceof Error ? error.message : String(error)), permanent: false };
}

/**
 * Sends what the Slack outbox holds, one sender per replica: claims due sends (compare-and-set
 * with an expiry), sends them paced per conversation and per workspace, honours a 429's
 * Retry-After (for every replica: the wait is stored with the sends), and records each outcome.
 * More than DIGEST_ABOVE alerts due at once in one channel go out as one digest.
 *
 * Each send goes out once. Every post and DM carries its key in the message metadata; when an
 * earlier delivery may have reached Slack (its sender died or stalled past its claim, or Slack's
 * answer was lost), the next sender reads the conversation back and records what it finds there
 * instead of posting it again. Only a sender that stalls past its claim while its own post is still
 * on the way can still cause a repeat; nothing is ever lost.
 */
export class SlackSender {
  readonly holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  /** 429s Slack answered (each was retried after its Retry-After). */
  rateLimited = 0;
  private state: 'stopped' | 'running' | 'killed' = 'stopped';
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private poked = false;
  private dieAfterClaim = false;
  private dieAfterPost = false;
  private lastSweep = Number.NEGATIVE_INFINITY;
  private readonly pacer: SlackPacer;
  private readonly options: SlackSenderOptions;
  /** DM conversation by user: conversations.open answers the same one every time. */
  private readonly dmChannels = new Map<string, string>();
  private readonly botId: () => Promise<string>;

  constructor(
    private readonly deps: {
      store: SlackOutboxStore;
      /** A WebClient that rejects rate-limited calls and does not retry: the sender does both. */
      client: WebClient;
      logger: Logger;
      /** Real time: Slack's limits and claims are in seconds of the wall clock, not business time. */
      now: Clock;
      monotonicMs: () => number;
      options?: Partial<SlackSenderOptions>;
    },
  ) {
    this.options = { ...SLACK_SENDER_DEFAULTS, ...deps.options };
    this.botId = ownBotId(deps.client);
    this.pacer = new SlackPacer(this.options.limits);
  }

  get running(): boolean {
    return this.state === 'running';
  }

  start(): void {
    if (this.state !== 'stopped') return;
    this.state = 'running';
    this.loop = this.run();
  }

  /** Finishes the sends in flight and stops; what is still queued waits for any sender. */
  async stop(): Promise<void> {
    if (this.state === 'running') this.state = 'stopped';
    this.poke();
    await this.loop;
  }

  /** Something was queued: look now instead of at the next poll. */
  poke(): void {
    this.poked = true;
    this.wake?.();
  }

  /** Test fault injection: the sender dies right after its next claim, sending and recording nothing. */
  dieAfterNextClaim(): void {
    this.dieAfterClaim = true;
  }

  /** Test fault injection: the sender dies right after Slack took its next post, recording nothing. */
  dieAfterNextPost(): void {
    this.dieAfterPost = true;
  }

  /** Waits until nothing is queued or being sent, by any replica (tests and the demo drain with it). */
  async idle(timeoutMs = 120_000): Promise<void> {
    const deadline = this.deps.monotonicMs() + timeoutMs;
    for (;;) {
      this.poke();
      const left = await this.deps.store.unfinished();
      if (left === 0) return;
      if (this.deps.monotonicMs() > deadline) {
        throw new Error(`the Slack outbox still has ${left} sends after ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async run(): Promise<void> {
    while (this.state === 'running') {
      let waitMs = this.options.pollMs;
      try {
        await this.sweep();
        const pass = await this.pass();
        if (pass.sent) continue;
        if (pass.readyInMs !== undefined) waitMs = Math.min(waitMs, pass.readyInMs);
      } catch (error) {
        this.deps.logger.error({ err: error }, 'the Slack outbox could not be read; trying again');
        waitMs = 1000;
      }
      await this.sleep(waitMs);
    }
  }

  private async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
      if (this.poked || this.state !== 'running') done();
    });
    this.wake = undefined;
    this.poked = false;
  }

  /** One round: what is due and may be sent now, claimed and sent concurrently. */
  private async pass(): Promise<{ sent: boolean; readyInMs?: number }> {
    const { store } = this.deps;
    const busy = this.pacer.busy(this.deps.monotonicMs());
    const due = await store.due(this.deps.now(), {
      busyChannels: busy.channels,
      busyKinds: busy.kinds,
      limit: DUE_PAGE,
    });
    const units = this.plan(due);
    if (units.length === 0)
      return { sent: false, readyInMs: this.pacer.busy(this.deps.monotonicMs()).readyInMs };
    const claimed = await store.claim(
      units.flat().map((send) => send.id),
      this.deps.now(),
      this.options.claimMs,
      this.holder,
    );
    if (this.dieAfterClaim) {
      this.state = 'killed';
      return { sent: false };
    }
    const mine = new Map(claimed.map((send) => [send.id, send]));
    await Promise.all(
      units.map((unit) =>
        this.sendUnit(unit.flatMap((send) => mine.get(send.id) ?? [])).catch((error) =>
          this.deps.logger.error({ err: error }, 'could not record a Slack send; its claim will lapse'),
        ),
      ),
    );
    return { sent: true };
  }

  /**
   * What to send this round: per conversation the oldest send (queue order), or a digest when
   * more than DIGEST_ABOVE alerts of one group are due there; updates by age. Each unit takes a
   * token from its lanes, so the round never exceeds the pace.
   */
  private plan(due: QueuedSend[]): QueuedSend[][] {
    const now = this.deps.monotonicMs();
    const units: QueuedSend[][] = [];
    const conversations = new Set<string>();
    for (const send of due) {
      if (units.length >= IN_FLIGHT) break;
      const post = send.kind !== 'update';
      if (post && conversations.has(send.channel)) continue;
      if (post) conversations.add(send.channel);
      if (!this.pacer.take(lanesOf(send), now)) continue;
      units.push(send.kind === 'post' && send.group ? this.digestOrOne(send, due) : [send]);
    }
    return units;
  }

  private digestOrOne(send: QueuedSend, due: QueuedSend[]): QueuedSend[] {
    const group = due.filter(
      (other) => other.kind === 'post' && other.channel === send.channel && other.group === send.group,
    );
    if (group.length <= DIGEST_ABOVE) return [send];
    return group.slice(0, Math.min(DIGEST_MAX_SENDS, alertDigest(group.map(lineOf)).included));
  }

  private async sendUnit(claimed: QueuedSend[]): Promise<void> {
    const { store } = this.deps;
    let sends = claimed;
    // Whether an earlier try may have posted them and nobody looked: a refusal now proves nothing then.
    let earlierUnknown = false;
    const uncertain = claimed.filter((send) => send.kind !== 'update' && send.uncertainSince !== null);
    if (uncertain.length > 0) {
      let found = new Set<string>();
      try {
        found = await this.alreadyDelivered(uncertain);
      } catch (error) {
        if (error instanceof DmOpenError || retryAfterSeconds(error) !== undefined) {
          await this.failed(claimed, error, { earlierUnknown: true });
          return;
        }
        earlierUnknown = true;
        // Not knowing must not lose the message: it goes out, at worst a second time.
        this.deps.logger.warn(
          { err: error, keys: uncertain.map((send) => send.key) },
          'could not read the conversation back to look for an earlier try; posting anyway (it may show twice)',
        );
      }
      for (const send of claimed.filter((send) => found.has(send.key))) {
        this.deps.logger.info({ key: send.key }, 'already in Slack from an earlier try; not posted again');
        // A database error here leaves the claim to lapse; the next try finds the message again.
        await store.markSent(send, this.deps.now(), this.holder);
      }
      sends = claimed.filter((send) => !found.has(send.key));
      // Reading back took time of the claim: hold on to it, or leave the sends to whoever took them.
      if (sends.length > 0 && !(await this.renewed(sends))) return;
    }
    const first = sends[0];
    if (!first) return;
    const digest = sends.length > 1 ? alertDigest(sends.map(lineOf)) : undefined;
    const included = digest ? sends.slice(0, digest.included) : [first];
    const left = sends.slice(included.length);
    try {
      await this.deliver(
        first,
        digest ?? first.message,
        included.map((send) => send.key),
      );
    } catch (error) {
      await this.failed(sends, error, { earlierUnknown });
      return;
    }
    if (this.dieAfterPost && first.kind !== 'update') {
      this.dieAfterPost = false;
      this.state = 'killed';
      return;
    }
    // Slack has it: a database error from here on must not send it again. Left unrecorded, the
    // claim lapses and the next sender finds the message in the conversation.
    try {
      for (const send of included) await store.markSent(send, this.deps.now(), this.holder);
      for (const send of left)
        await store.retryLater(send, this.deps.now(), 'digest full', {
          countAttempt: false,
          nothingPosted: true,
        });
    } catch (error) {
      this.deps.logger.error({ err: error }, 'sent to Slack but not recorded as sent');
    }
  }

  /**
   * Keys of `uncertain` sends an earlier, unrecorded try already put in their conversation (all
   * sends of a unit go to one conversation).
   */
  private async alreadyDelivered(uncertain: QueuedSend[]): Promise<Set<string>> {
    const first = uncertain[0] as QueuedSend;
    return deliveredKeys({
      client: this.deps.client,
      botId: await this.botId(),
      channel: first.kind === 'dm' ? await this.dmChannel(first.channel) : first.channel,
      since: new Date(Math.min(...uncertain.map((send) => send.uncertainSince?.getTime() ?? Infinity))),
      keys: uncertain.map((send) => send.key),
    });
  }

  /** A fresh claim on `sends`, if this sender still holds every one of them. */
  private async renewed(sends: QueuedSend[]): Promise<boolean> {
    if (await this.deps.store.renewClaim(sends, this.deps.now(), this.options.claimMs)) return true;
    this.deps.logger.warn(
      { keys: sends.map((send) => send.key) },
      'lost the claim while reading the conversation back; another sender has these',
    );
    return false;
  }

  private async deliver(send: QueuedSend, message: OutboxMessage, keys: string[]): Promise<void> {
    const { client } = this.deps;
    const content = { text: message.text, blocks: (message.blocks ?? []) as never[] };
    if (send.kind === 'update') {
      await client.chat.update({ channel: send.channel, ts: send.ts ?? '', ...content });
      return;
    }
    const channel = send.kind === 'dm' ? await this.dmChannel(send.channel) : send.channel;
    try {
      await client.chat.postMessage({ channel, ...content, metadata: sendMetadata(keys) });
    } catch (error) {
      if (!slackErrorOf(error).data?.error?.includes('metadata')) throw error;
      // Refused for its metadata alone, so nothing was posted: post it plain (it just cannot be looked up).
      this.deps.logger.warn(
        { key: send.key, err: error },
        'Slack refused the send metadata; posted without it',
      );
      await client.chat.postMessage({ channel, ...content });
    }
  }

  private async dmChannel(userId: string): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known) return known;
    const opened = await this.deps.client.conversations.open({ users: userId }).catch((error: unknown) => {
      throw new DmOpenError(error);
    });
    if (!opened.channel?.id) throw new Error(`conversations.open gave no channel for ${userId}`);
    this.dmChannels.set(userId, opened.channel.id);
    return opened.channel.id;
  }

  /**
   * `earlierUnknown`: an earlier try may have posted these and reading the conversation back did
   * not rule it out, so even Slack's refusal of this try leaves them uncertain.
   */
  private async failed(
    sends: QueuedSend[],
    failure: unknown,
    history: { earlierUnknown: boolean },
  ): Promise<void> {
    const { store, logger } = this.deps;
    const first = sends[0] as QueuedSend;
    const now = this.deps.now();
    const opening = failure instanceof DmOpenError;
    const error = opening ? failure.cause : failure;
    const nothingPosted = !history.earlierUnknown && certainlyNotPosted(failure);
    const retryAfter = retryAfterSeconds(error);
    if (retryAfter !== undefined) {
      this.rateLimited += 1;
      const until = new Date(now.getTime() + retryAfter * 1000);
      // Held for every replica (stored) and in this one's pacer: the conversation, all DMs, or all updates.
      const nowMs = this.deps.monotonicMs();
      this.pacer.hold(opening ? [DMS] : lanesOf(first).slice(0, 1), nowMs + retryAfter * 1000, nowMs);
      await store.hold(
        first.kind === 'update'
          ? { kinds: ['update'] }
          : opening
            ? { kinds: ['dm'] }
            : { kinds: ['post', 'dm'], channel: first.channel },
        until,
      );
      for (const send of sends)
        await store.retryLater(send, until, 'ratelimited', { countAttempt: false, nothingPosted });
      logger.info({ channel: first.channel, kind: first.kind, retryAfter }, 'Slack asked us to slow down');
      return;
    }
    const { code, permanent } = describe(error);
    if (APP_REFUSED.has(code)) {
      const until = new Date(now.getTime() + this.options.blockedRetryMs);
      await store.hold({ kinds: ['post', 'dm', 'update'] }, until);
      for (const send of sends)
        await store.retryLater(send, until, code, { countAttempt: false, nothingPosted });
      logger.error(
        { code, waiting: await store.unfinished().catch(() => undefined), retryAt: until.toISOString() },
        'Slack refuses the bot token: nothing is sent until SLACK_BOT_TOKEN works again (reinstall the app or fix the token); every message waits and goes out then',
      );
      return;
    }
    for (const send of sends) {
      if (permanent || send.attempts >= MAX_ATTEMPTS) {
        logger.error({ key: send.key, code, attempts: send.attempts }, 'a Slack send failed for good');
        await store.markFailed(send, code, now);
      } else {
        const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (send.attempts - 1));
        logger.warn({ key: send.key, code, backoffMs: backoff }, 'a Slack send failed; trying again');
        await store.retryLater(send, new Date(now.getTime() + backoff), code, { nothingPosted });
      }
    }
  }

  private async sweep(): Promise<void> {
    const nowMs = this.deps.monotonicMs();
    if (nowMs - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = nowMs;
    await this.deps.store.sweep(new Date(this.deps.now().getTime() - KEEP_SENT_MS));
  }
}

function lineOf(send: QueuedSend): string {
  return send.line ?? send.message.text;
}
