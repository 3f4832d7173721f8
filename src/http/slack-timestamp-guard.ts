import type { IncomingMessage, ServerResponse } from 'node:http';

/** Slack's rule: refuse a request whose timestamp is more than five minutes from now, either way. */
export const SLACK_TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/**
 * Bolt refuses stale Slack timestamps but accepts ones from the future, so a captured request
 * signed with a future timestamp could be replayed for as long as it liked. This refuses those
 * before Bolt sees them; Bolt still checks the signature and the past side. `now` is the wall
 * clock, like Bolt's and Slack's, never the app's simulated one: signatures are made in real time.
 */
export function refusesFutureSlackTimestamp(
  req: IncomingMessage,
  res: ServerResponse,
  endpoints: string[],
  now: () => Date,
): boolean {
  if (req.method !== 'POST') return false;
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (!endpoints.includes(path)) return false;
  const header = req.headers['x-slack-request-timestamp'];
  const timestamp = Number(Array.isArray(header) ? header[0] : header);
  if (!Number.isFinite(timestamp) || timestamp - now().getTime() / 1000 <= SLACK_TIMESTAMP_TOLERANCE_SECONDS)
    return false;
  res.writeHead(401, { connection: 'close' });
  res.end();
  req.resume();
  return true;
}
