import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseForm } from 'node:querystring';
import { monotonicMs } from '../clock';
import type { PaydeskMetrics } from '../metrics/metrics';

export type SlackRequestKind = 'command' | 'action' | 'view' | 'event' | 'other';

export type GuardOutcome = 'ok' | 'replay' | 'database_down' | 'error';

/** Outcomes a guard in front of Bolt decided on, which the status code alone does not tell. */
const decided = new WeakMap<IncomingMessage, GuardOutcome | Promise<GuardOutcome>>();

/** The replay guard says what it did with a request it answered itself. */
export function noteSlackOutcome(req: IncomingMessage, outcome: GuardOutcome): void {
  decided.set(req, outcome);
}

/**
 * For a request answered before the guard knew what to do with it: the outcome is counted when
 * `decide` is called (the ack's latency is still timed at the answer).
 */
export function noteSlackOutcomeLater(req: IncomingMessage): (outcome: GuardOutcome) => void {
  let decide: (outcome: GuardOutcome) => void = () => {};
  decided.set(
    req,
    new Promise<GuardOutcome>((resolve) => {
      decide = resolve;
    }),
  );
  return decide;
}

/**
 * Counts a request to a Slack endpoint by kind and outcome and times it from arrival to the end
 * of its answer (the ack). The body is looked at once the answer is sent, off Slack's 3 s.
 */
export function observeSlackRequest(
  req: IncomingMessage,
  res: ServerResponse,
  endpoints: readonly string[],
  metrics: PaydeskMetrics['slack'],
): void {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method !== 'POST' || !endpoints.includes(path)) return;
  const started = monotonicMs();
  res.once('close', () => {
    const kind = slackRequestKind(req);
    metrics.ackSeconds.observe({ kind }, (monotonicMs() - started) / 1000);
    const outcome = res.writableFinished ? (decided.get(req) ?? outcomeOf(res.statusCode)) : 'abandoned';
    void Promise.resolve(outcome).then((known) => metrics.requests.inc({ kind, outcome: known }));
  });
}

function outcomeOf(status: number): string {
  if (status < 400) return 'ok';
  if (status < 500) return 'refused';
  return 'error';
}

/** From the body the replay guard buffered (`rawBody`); a request it never read is `other`. */
export function slackRequestKind(req: IncomingMessage): SlackRequestKind {
  const raw = (req as IncomingMessage & { rawBody?: Buffer }).rawBody;
  if (!raw) return 'other';
  const text = raw.toString('utf8');
  try {
    if (isForm(req.headers['content-type'])) {
      const form = parseForm(text);
      if (typeof form.command === 'string') return 'command';
      if (typeof form.payload !== 'string') return 'other';
      return interactiveKind((JSON.parse(form.payload) as { type?: unknown }).type);
    }
    const body = JSON.parse(text) as { type?: unknown };
    return body.type === 'event_callback' ? 'event' : 'other';
  } catch {
    return 'other';
  }
}

/** The media type alone: a `; charset=utf-8` after it still means a form. */
function isForm(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

function interactiveKind(type: unknown): SlackRequestKind {
  if (type === 'block_actions' || type === 'interactive_message' || type === 'block_suggestion')
    return 'action';
  if (type === 'view_submission' || type === 'view_closed') return 'view';
  return 'other';
}
