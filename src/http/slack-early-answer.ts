import type { IncomingMessage, ServerResponse } from 'node:http';
import { DatabaseDownError } from '../domain/errors';
import type { SlackRequestLedger } from '../domain/ports/slack-requests';
import type { Logger } from '../logger';
import { noteSlackOutcomeLater } from './slack-metrics';
import { checkSlackReplay } from './slack-replays';
import { tellThroughResponseUrl } from './slack-response-url';

/**
 * For a request already answered: Slack is not waiting, so the check may take as long as a
 * database failing over does; past this the person is told the database is unavailable.
 */
export const SLACK_REPLAY_CHECK_AFTER_ANSWER_MS = 20_000;

/**
 * How many answered requests may wait for their check and listener at once on a replica (at a
 * few KB of body each, some 25 MB at most): far more than people click, room for a burst. Past
 * it, requests wait for their check before their answer again, as every request did before, so
 * a flood (replays of one signed request, say) slows its senders instead of filling memory.
 */
export const MAX_ANSWERED_AHEAD = 5000;

type SlackBody = Record<string, unknown>;

/** Bolt's ReceiverEvent, as far as the guard fills it in (`App.processEvent`). */
export type SlackDispatchedEvent = { body: SlackBody; ack: (response?: unknown) => Promise<void> };

export type EarlyAnswerDeps = {
  ledger: SlackRequestLedger;
  now: () => Date;
  logger: Logger;
  dispatch: (event: SlackDispatchedEvent) => Promise<void>;
  /**
   * Runs the check and the listener after the answer, tracked so shutdown and tests wait for it:
   * in a bounded lane of its own that yields to answers still owed (answers-first.ts, at most
   * 1 s), so a slow database cannot hold the slots replies need, and a listener still has time
   * for its trigger_id (3 s).
   */
  track: (name: string, task: () => Promise<unknown>) => void;
};

const NOT_HANDLED =
  "Paydesk couldn't handle that. Try again, and tell the Paydesk admins if it keeps happening.";

/**
 * Slash commands and message buttons: Paydesk's listeners acknowledge them with an empty body
 * and say everything through the response_url, so the empty 200 can go out as soon as the
 * signature is good, with the replay check and the listener after it. A burst of clicks is then
 * answered at the pace of reading and verifying requests, not of the database. A click on App
 * Home or in a modal has no response_url: it waits for its check as before, so that a database
 * that cannot record it still shows the person an error (the 503 Slack marks on the button).
 */
export function answerableLater(body: SlackBody): string | undefined {
  const isCommand = typeof body.command === 'string';
  if (!isCommand && body.type !== 'block_actions') return undefined;
  const url = body.response_url;
  return typeof url === 'string' && url !== '' ? url : undefined;
}

/** Answers now and runs later, up to MAX_ANSWERED_AHEAD at once; false when that many wait. */
export function earlyAnswers(deps: EarlyAnswerDeps, limit = MAX_ANSWERED_AHEAD) {
  let waiting = 0;
  return (
    req: IncomingMessage,
    res: ServerResponse,
    request: { body: SlackBody; identity: string; responseUrl: string; about: Record<string, unknown> },
  ): boolean => {
    if (waiting >= limit) return false;
    waiting += 1;
    const decide = noteSlackOutcomeLater(req);
    res.writeHead(200);
    res.end();
    deps.track('slack: checked after its answer', async () => {
      try {
        decide(await checkThenRun(request, deps));
      } catch (error) {
        decide('error');
        throw error;
      } finally {
        waiting -= 1;
      }
    });
    return true;
  };
}

async function checkThenRun(
  request: { body: SlackBody; identity: string; responseUrl: string; about: Record<string, unknown> },
  deps: EarlyAnswerDeps,
): Promise<'ok' | 'replay' | 'database_down' | 'error'> {
  const { about, responseUrl } = request;
  const outcome = await checkSlackReplay(
    deps.ledger,
    request.identity,
    deps.now(),
    SLACK_REPLAY_CHECK_AFTER_ANSWER_MS,
  );
  if (outcome.verdict === 'replay') {
    deps.logger.info(about, 'Slack request seen before (a replay or a retry): acknowledged, nothing run');
    return 'replay';
  }
  if (outcome.verdict === 'unknown') {
    deps.logger.warn(
      { ...about, err: outcome.error },
      'could not record a Slack request: answered "database unavailable" instead of running it',
    );
    await tellThroughResponseUrl(responseUrl, { text: new DatabaseDownError().userMessage }, deps.logger);
    return 'database_down';
  }
  let acked = false;
  const isCommand = typeof request.body.command === 'string';
  try {
    await deps.dispatch({
      body: request.body,
      ack: async (response) => {
        acked = true;
        // A command's ack body is what the person would have seen; Slack ignores a button's.
        const message =
          typeof response === 'string' ? (response === '' ? undefined : { text: response }) : response;
        if (isCommand && isRecord(message)) await tellThroughResponseUrl(responseUrl, message, deps.logger);
      },
    });
  } catch (error) {
    deps.logger.error({ ...about, err: error }, 'a Slack request failed in Bolt after its answer');
  }
  if (acked) return 'ok';
  // Bolt would have answered 404 or 500 here, and Slack shown the person an error: say it instead.
  deps.logger.error(about, 'no listener acknowledged a Slack request answered ahead');
  await tellThroughResponseUrl(responseUrl, { text: NOT_HANDLED }, deps.logger);
  return 'error';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
