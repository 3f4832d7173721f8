/**
 * How fast the outbox sends, per replica. Slack's documented limits
 * (https://docs.slack.dev/apis/web-api/rate-limits):
 * - chat.postMessage: about one message per second per channel, short bursts allowed, and a
 *   workspace-wide limit Slack does not publish;
 * - chat.update: Tier 3, 50+ per minute per workspace, sporadic bursts welcome.
 * A 429 is honoured whatever these say: its Retry-After holds the channel (or all updates).
 */
export type SlackLimits = {
  /** Posts and DMs to one conversation. */
  perChannel: { perSecond: number; burst: number };
  /** Posts and DMs across the workspace (our own ceiling under Slack's unpublished one). */
  posts: { perSecond: number; burst: number };
  /** chat.update across the workspace. */
  updates: { perMinute: number; burst: number };
};

export const SLACK_LIMITS: SlackLimits = {
  perChannel: { perSecond: 1, burst: 3 },
  posts: { perSecond: 10, burst: 20 },
  updates: { perMinute: 50, burst: 10 },
};

/** More alerts than this due at once in one channel go out as a digest. */
export const DIGEST_ABOVE = 5;
