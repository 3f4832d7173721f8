interface MethodLimit {
  maxCalls: number;
  windowMs: number;
  acceptedAt: number[];
}

export type RateLimitDecision = { limited: false } | { limited: true; retryAfterSeconds: number };

/**
 * Slack's per-method rate limits: a sliding window of accepted calls; over the limit the call is
 * refused with 429 and Retry-After (whole seconds, as Slack sends it) until the oldest call leaves
 * the window. The window is a minute unless a test shortens it to stay fast.
 */
export class RateLimiter {
  private readonly limitsByMethod = new Map<string, MethodLimit>();

  set(method: string, maxCalls: number, windowSeconds = 60): void {
    this.limitsByMethod.set(method, { maxCalls, windowMs: windowSeconds * 1000, acceptedAt: [] });
  }

  clear(method?: string): void {
    if (method === undefined) this.limitsByMethod.clear();
    else this.limitsByMethod.delete(method);
  }

  check(method: string, now = Date.now()): RateLimitDecision {
    const limit = this.limitsByMethod.get(method);
    if (limit === undefined) return { limited: false };
    limit.acceptedAt = limit.acceptedAt.filter((at) => now - at < limit.windowMs);
    if (limit.acceptedAt.length >= limit.maxCalls) {
      const oldest = limit.acceptedAt[0] ?? now;
      return {
        limited: true,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + limit.windowMs - now) / 1000)),
      };
    }
    limit.acceptedAt.push(now);
    return { limited: false };
  }
}
