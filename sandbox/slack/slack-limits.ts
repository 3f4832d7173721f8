/**
 * Slack's documented rate limits (https://docs.slack.dev/apis/web-api/rate-limits), as the
 * simulator enforces them when asked to:
 * - chat.postMessage: about one message per second per conversation; short bursts are allowed;
 * - per-method tiers per workspace: chat.update is Tier 3, 50+ a minute, sporadic bursts welcome.
 * Slack's workspace-wide limit on posting is not published, so it is not modelled.
 */
export interface SlackLimitOptions {
  perChannel: { perSecond: number; burst: number };
  /** Calls a minute per method, across the workspace (a minute's worth may come at once). */
  perMinute: Record<string, number>;
}

export const SLACK_DOCUMENTED_LIMITS: SlackLimitOptions = {
  perChannel: { perSecond: 1, burst: 4 },
  perMinute: { 'chat.update': 50 },
};

type Bucket = { tokens: number; at: number };

export type SlackLimitDecision = { limited: false } | { limited: true; retryAfterSeconds: number };

/**
 * Token buckets: a conversation's posts refill at `perSecond` up to `burst`; a tiered method's
 * calls at perMinute/60 a second up to perMinute. An empty bucket answers 429 with Retry-After
 * (whole seconds, as Slack sends it) until the next token. Off unless `enforce` was called.
 */
export class SlackLimits {
  private options: SlackLimitOptions | undefined;
  private readonly buckets = new Map<string, Bucket>();

  enforce(options: Partial<SlackLimitOptions> = {}): void {
    this.options = {
      perChannel: options.perChannel ?? SLACK_DOCUMENTED_LIMITS.perChannel,
      perMinute: { ...SLACK_DOCUMENTED_LIMITS.perMinute, ...options.perMinute },
    };
    this.buckets.clear();
  }

  relax(): void {
    this.options = undefined;
    this.buckets.clear();
  }

  get enforced(): boolean {
    return this.options !== undefined;
  }

  /** Forgets what was spent; whether limits are enforced stays as it is. */
  reset(): void {
    this.buckets.clear();
  }

  check(method: string, conversation: string | undefined, now = Date.now()): SlackLimitDecision {
    const options = this.options;
    if (options === undefined) return { limited: false };
    if (method === 'chat.postMessage' && conversation !== undefined) {
      const { perSecond, burst } = options.perChannel;
      return this.take(`channel:${conversation}`, perSecond / 1000, burst, now);
    }
    const perMinute = options.perMinute[method];
    if (perMinute !== undefined) return this.take(`method:${method}`, perMinute / 60_000, perMinute, now);
    return { limited: false };
  }

  private take(key: string, perMs: number, burst: number, now: number): SlackLimitDecision {
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { limited: false };
    }
    return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
  }
}
