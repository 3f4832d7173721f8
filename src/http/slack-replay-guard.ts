import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseForm } from 'node:querystring';
import { isValidSlackRequest } from '@slack/bolt';
import getRawBody from 'raw-body';
import { DatabaseDownError } from '../domain/errors';
import type { SlackRequestLedger } from '../domain/ports/slack-requests';
import type { Logger } from '../logger';
import { answerableLater, type EarlyAnswerDeps, earlyAnswers } from './slack-early-answer';
import { noteSlackOutcome } from './slack-metrics';
import { checkSlackReplay, slackRequestIdentity } from './slack-replays';
import { tellThroughResponseUrl } from './slack-response-url';

/** The replay check's share of Slack's 3 s: what is left is for Bolt and the listener's ack. */
export const SLACK_REPLAY_CHECK_TIMEOUT_MS = 1500;

export type SlackReplayGuardDeps = {
  endpoints: string[];
  signingSecret: string;
  bodyLimit: number;
  ledger: SlackRequestLedger;
  /** The wall clock, like Slack's signatures and Bolt's timestamp check; never a simulated one. */
  now: () => Date;
  logger: Logger;
  /** Work to finish after the answer is sent (tracked, so shutdown and tests wait for it). */
  defer: (name: string, task: () => Promise<unknown>) => void;
  /**
   * Answering commands and message buttons before their check (slack-early-answer.ts). Without
   * it every request waits for its replay check and goes to Bolt through the receiver.
   */
  answersAhead?: Omit<EarlyAnswerDeps, 'ledger' | 'now' | 'logger'>;
  checkTimeoutMs?: number;
};

type SlackBody = Record<string, unknown>;

/**
 * In front of Bolt on the Slack endpoints: a correctly signed request is recorded once, by
 * identity, in the database all replicas share, and only the first delivery reaches Bolt. A
 * replay of it (same signature and body, within Slack's five minutes) or Slack's retry of an
 * event is answered 200 with an empty body and runs nothing. When the record cannot be written
 * the request is not run unprotected: the person is told the database is unavailable, and an
 * event is answered 503 so that Slack delivers it again later.
 *
 * The body is read here and handed to Bolt already buffered (`rawBody`), which Bolt reads
 * instead of the stream; Bolt still checks the signature itself and answers everything this
 * lets through, forged and malformed requests included.
 */
export function slackReplayGuard(
  deps: SlackReplayGuardDeps,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const answerAhead = deps.answersAhead && earlyAnswers({ ...deps, ...deps.answersAhead });
  return (req, res, next) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || !deps.endpoints.includes(path)) {
      next();
      return;
    }
    guard(req, res, deps, answerAhead).then(
      (pass) => {
        if (pass) next();
      },
      (error: unknown) => {
        deps.logger.error({ err: error }, 'Slack replay guard failed');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      },
    );
  };
}

/** True when Bolt should take the request from here. */
async function guard(
  req: IncomingMessage,
  res: ServerResponse,
  deps: SlackReplayGuardDeps,
  answerAhead: ReturnType<typeof earlyAnswers> | undefined,
): Promise<boolean> {
  let raw: Buffer;
  try {
    raw = await getRawBody(req, { limit: deps.bodyLimit });
  } catch (error) {
    const tooLarge = (error as { status?: number }).status === 413;
    if (tooLarge) deps.logger.warn({ limit: deps.bodyLimit }, 'Slack request body over the limit');
    // After an oversized body the rest of it is still on the wire: don't reuse the connection.
    res.writeHead(tooLarge ? 413 : 400, { connection: 'close' });
    res.end();
    return false;
  }
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;

  const signature = req.headers['x-slack-signature'];
  const timestampHeader = req.headers['x-slack-request-timestamp'];
  const timestamp = Number(timestampHeader);
  const rawBody = raw.toString();
  if (typeof signature !== 'string' || typeof timestampHeader !== 'string') return true;
  const signed = isValidSlackRequest({
    signingSecret: deps.signingSecret,
    body: rawBody,
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
  });
  // Bolt refuses what is not signed, and answers what is not JSON and Slack's handshakes.
  if (!signed) return true;
  const body = parseSlackBody(rawBody, req.headers['content-type']);
  if (body === undefined || body.ssl_check === '1' || body.type === 'url_verification') return true;

  const identity = slackRequestIdentity({ timestamp, rawBody, body });
  const responseUrl = answerableLater(body);
  const about = describe(body, req);
  if (
    answerAhead &&
    responseUrl !== undefined &&
    answerAhead(req, res, { body, identity, responseUrl, about })
  )
    return false;
  const outcome = await checkSlackReplay(
    deps.ledger,
    identity,
    deps.now(),
    deps.checkTimeoutMs ?? SLACK_REPLAY_CHECK_TIMEOUT_MS,
  );
  if (outcome.verdict === 'first') return true;
  noteSlackOutcome(req, outcome.verdict === 'replay' ? 'replay' : 'database_down');
  if (outcome.verdict === 'replay') {
    deps.logger.info(about, 'Slack request seen before (a replay or a retry): acknowledged, nothing run');
    res.writeHead(200);
    res.end();
    return false;
  }
  deps.logger.warn(
    { ...about, err: outcome.error },
    'could not record a Slack request: answered "database unavailable" instead of running it',
  );
  answerDatabaseDown(body, res, deps);
  return false;
}

/**
 * The existing "database unavailable" message, where Slack shows it: through the response_url
 * (commands, buttons), as an error on the form (modals); an event gets 503 and comes back.
 */
function answerDatabaseDown(body: SlackBody, res: ServerResponse, deps: SlackReplayGuardDeps): void {
  const text = new DatabaseDownError().userMessage;
  if (body.type === 'view_submission') {
    const blockId = firstInputBlockId(body.view);
    if (blockId !== undefined) {
      const answer = JSON.stringify({ response_action: 'errors', errors: { [blockId]: text } });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(answer);
      return;
    }
  }
  const responseUrl = body.type === 'event_callback' ? undefined : body.response_url;
  if (typeof responseUrl !== 'string' || responseUrl === '') {
    res.writeHead(503);
    res.end();
    return;
  }
  res.writeHead(200);
  res.end();
  deps.defer('slack: database unavailable', () => tellThroughResponseUrl(responseUrl, { text }, deps.logger));
}

/** The body as Bolt parses it: a form (an interactivity `payload` inside is JSON), or JSON. */
function parseSlackBody(rawBody: string, contentType: string | undefined): SlackBody | undefined {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = parseForm(rawBody);
      const parsed: unknown = typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
      return isRecord(parsed) ? parsed : undefined;
    }
    const parsed: unknown = JSON.parse(rawBody);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function firstInputBlockId(view: unknown): string | undefined {
  const blocks = isRecord(view) && Array.isArray(view.blocks) ? view.blocks : [];
  const input = blocks.find((block) => isRecord(block) && block.type === 'input');
  return isRecord(input) && typeof input.block_id === 'string' ? input.block_id : undefined;
}

/** What a log line may say about the request: its kind, never its content or signature. */
function describe(body: SlackBody, req: IncomingMessage): Record<string, unknown> {
  const retryNum = req.headers['x-slack-retry-num'];
  const retryReason = req.headers['x-slack-retry-reason'];
  return {
    slackRequest: typeof body.command === 'string' ? body.command : body.type,
    ...(typeof body.event_id === 'string' ? { eventId: body.event_id } : {}),
    ...(retryNum === undefined ? {} : { retryNum, retryReason }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
