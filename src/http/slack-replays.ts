import { createHash } from 'node:crypto';
import type { SlackRequestLedger } from '../domain/ports/slack-requests';

export type ReplayVerdict =
  | { verdict: 'first' }
  | { verdict: 'replay' }
  | { verdict: 'unknown'; error: unknown };

/**
 * What makes two Slack requests the same request. An Events API delivery is its `event_id`:
 * Slack's retries (`x-slack-retry-num`) carry the same event under a new timestamp and signature.
 * Anything else is the exact text Slack signed, `v0:<timestamp>:<body>`, hashed: a replay has the
 * same text whatever it does to the signature header's spelling, and a new request (a new
 * trigger_id, a new timestamp) has another.
 */
export function slackRequestIdentity(request: {
  timestamp: number;
  rawBody: string;
  body: Record<string, unknown>;
}): string {
  const eventId = request.body.event_id;
  if (request.body.type === 'event_callback' && typeof eventId === 'string' && eventId !== '') {
    return `event:${eventId}`;
  }
  const signed = `v0:${request.timestamp}:${request.rawBody}`;
  return `signed:${createHash('sha256').update(signed).digest('hex')}`;
}

/**
 * Is this request a replay? The ledger is asked once; `unknown` when it failed or did not answer
 * within `timeoutMs` (Slack wants its answer within 3 s), so the caller can refuse the request
 * rather than run it unprotected.
 */
export async function checkSlackReplay(
  ledger: SlackRequestLedger,
  identity: string,
  now: Date,
  timeoutMs: number,
): Promise<ReplayVerdict> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<ReplayVerdict>((resolve) => {
    timer = setTimeout(
      () => resolve({ verdict: 'unknown', error: new Error(`no answer within ${timeoutMs} ms`) }),
      timeoutMs,
    );
  });
  const remembered = ledger.remember(identity, now).then(
    (outcome): ReplayVerdict => (outcome === 'seen' ? { verdict: 'replay' } : { verdict: 'first' }),
    (error: unknown): ReplayVerdict => ({ verdict: 'unknown', error }),
  );
  try {
    return await Promise.race([remembered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
