import type { WebClient } from '@slack/web-api';

const SEND_EVENT_TYPE = 'paydesk_outbox_send';
const PAGE_SIZE = 200;
/** A thousand messages since the uncertain try began; in a busier conversation it may be missed and posted again. */
const MAX_PAGES = 5;
/** Slack's clock and ours may differ; looking a little further back only costs a few messages. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** The metadata every post and DM from the outbox carries: the sends it delivers, by key. */
export function sendMetadata(keys: readonly string[]) {
  return { event_type: SEND_EVENT_TYPE, event_payload: { sends: keys.map((key) => ({ key })) } };
}

/** The outbox keys a message carries in its metadata (none for a message not sent by the outbox). */
export function keysIn(metadata: unknown): string[] {
  const { event_type: type, event_payload: payload } = (metadata ?? {}) as {
    event_type?: unknown;
    event_payload?: { sends?: unknown };
  };
  if (type !== SEND_EVENT_TYPE || !Array.isArray(payload?.sends)) return [];
  return payload.sends.flatMap((send: { key?: unknown }) =>
    typeof send?.key === 'string' ? [send.key] : [],
  );
}

/**
 * Which of `keys` this app already posted in `channel` since `since`: read back from the
 * conversation's history by the sends' metadata, only from messages of the app's own bot. The
 * Slack counterpart of looking a payment up at Stripe before creating it again.
 */
export async function deliveredKeys(input: {
  client: WebClient;
  botId: string;
  channel: string;
  since: Date;
  keys: readonly string[];
}): Promise<Set<string>> {
  const wanted = new Set(input.keys);
  const found = new Set<string>();
  const oldest = ((input.since.getTime() - CLOCK_SKEW_MS) / 1000).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES && found.size < wanted.size; page += 1) {
    const result = await input.client.conversations.history({
      channel: input.channel,
      oldest,
      limit: PAGE_SIZE,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    });
    for (const message of result.messages ?? []) {
      if (message.bot_id !== input.botId) continue;
      for (const key of keysIn(message.metadata)) if (wanted.has(key)) found.add(key);
    }
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!result.has_more || !cursor) break;
  }
  return found;
}
