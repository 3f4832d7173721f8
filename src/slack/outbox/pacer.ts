import type { SendKind } from '../../domain/ports/slack-outbox';
import type { SlackLimits } from './limits';

type Bucket = { tokens: number; at: number; heldUntil: number };
type Rate = { perMs: number; burst: number };

const UPDATES = 'updates';
const POSTS = 'posts';
/** DMs open their conversation first (conversations.open, a workspace tier): a 429 there holds all DMs. */
export const DMS = 'dms';
const channelLane = (channel: string) => `channel:${channel}`;

/** The lanes a send draws from: its conversation and the workspace's posts (and DMs), or the workspace's updates. */
export function lanesOf(send: { kind: SendKind; channel: string }): string[] {
  if (send.kind === 'update') return [UPDATES];
  return send.kind === 'dm' ? [channelLane(send.channel), POSTS, DMS] : [channelLane(send.channel), POSTS];
}

/**
 * Token buckets, one per lane (a conversation, all posts, all updates): a lane sends while it has a
 * token, refilled at its rate up to its burst; a 429 holds the lane until its Retry-After. Times are
 * milliseconds on a monotonic clock. In memory: each replica paces its own sends.
 */
export class SlackPacer {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly limits: SlackLimits) {}

  /** Takes a token from every lane, or none when one of them has none. */
  take(lanes: string[], now: number): boolean {
    const buckets = lanes.map((lane) => this.bucket(lane, now));
    if (!buckets.every((bucket) => bucket.tokens >= 1 && bucket.heldUntil <= now)) return false;
    for (const bucket of buckets) bucket.tokens -= 1;
    return true;
  }

  hold(lanes: string[], until: number, now: number): void {
    for (const lane of lanes) {
      const bucket = this.bucket(lane, now);
      bucket.heldUntil = Math.max(bucket.heldUntil, until);
      bucket.tokens = Math.min(bucket.tokens, 1);
    }
  }

  /** What cannot send now, for the outbox query to leave out; forgets lanes that are full again. */
  busy(now: number): { channels: string[]; kinds: SendKind[]; readyInMs: number | undefined } {
    const channels: string[] = [];
    const kinds: SendKind[] = [];
    let readyInMs: number | undefined;
    for (const lane of [...this.buckets.keys()]) {
      const refilled = this.bucket(lane, now);
      const wait = this.waitFor(lane, refilled, now);
      if (wait === 0) {
        if (refilled.tokens >= this.rate(lane).burst) this.buckets.delete(lane);
        continue;
      }
      readyInMs = readyInMs === undefined ? wait : Math.min(readyInMs, wait);
      if (lane === UPDATES) kinds.push('update');
      else if (lane === POSTS) kinds.push('post', 'dm');
      else if (lane === DMS) kinds.push('dm');
      else channels.push(lane.slice('channel:'.length));
    }
    return { channels, kinds, readyInMs };
  }

  private waitFor(lane: string, bucket: Bucket, now: number): number {
    const held = Math.max(0, bucket.heldUntil - now);
    const refill = bucket.tokens >= 1 ? 0 : Math.ceil((1 - bucket.tokens) / this.rate(lane).perMs);
    return Math.max(held, refill);
  }

  private rate(lane: string): Rate {
    if (lane === UPDATES)
      return { perMs: this.limits.updates.perMinute / 60_000, burst: this.limits.updates.burst };
    const limit = lane === POSTS || lane === DMS ? this.limits.posts : this.limits.perChannel;
    return { perMs: limit.perSecond / 1000, burst: limit.burst };
  }

  private bucket(lane: string, now: number): Bucket {
    const rate = this.rate(lane);
    const bucket = this.buckets.get(lane) ?? { tokens: rate.burst, at: now, heldUntil: 0 };
    bucket.tokens = Math.min(rate.burst, bucket.tokens + (now - bucket.at) * rate.perMs);
    bucket.at = now;
    this.buckets.set(lane, bucket);
    return bucket;
  }
}
