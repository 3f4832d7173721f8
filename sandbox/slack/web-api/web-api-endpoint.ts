import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http-responses';
import { parseWebApiParams, readRawBody } from '../request-body';
import type { SandboxWorkspace } from '../sandbox-workspace';
import type { SlackParams } from '../types';
import { fail, type SlackResult } from './method-handler';
import { webApiMethods } from './method-table';

/**
 * POST /api/<method>: authenticates, applies rate limits, runs the method and records the call.
 * The call is recorded after its effects, so a test that sees the call also sees the message.
 */
export async function handleWebApiCall(
  method: string,
  request: IncomingMessage,
  response: ServerResponse,
  workspace: SandboxWorkspace,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://sandbox');
  const params = await parseWebApiParams(
    await readRawBody(request),
    request.headers['content-type'],
    url.searchParams,
  );
  const token = bearerToken(request.headers.authorization) ?? tokenParam(params);
  delete params.token;

  const record = (result: SlackResult) =>
    workspace.calls.record({
      method,
      params,
      at: new Date(),
      ok: result.ok,
      ...(token === undefined ? {} : { token }),
      ...(result.error === undefined ? {} : { error: result.error }),
    });

  const refusal = refuse(method, token, workspace);
  if (refusal !== undefined) {
    record(refusal);
    sendJson(response, 200, refusal);
    return;
  }
  const rateLimit = workspace.rateLimiter.check(method);
  const slackLimit = rateLimit.limited
    ? rateLimit
    : workspace.slackLimits.check(method, conversation(params, workspace));
  if (slackLimit.limited) {
    const limited = fail('ratelimited');
    record(limited);
    sendJson(response, 429, limited, { 'retry-after': String(slackLimit.retryAfterSeconds) });
    return;
  }
  const result = runMethod(method, params, workspace);
  record(result);
  if (workspace.answersToLose.delete(method)) {
    // Done at Slack, and the answer never arrives: the caller cannot tell whether it happened.
    request.socket.destroy();
    return;
  }
  sendJson(response, 200, result);
}

function refuse(
  method: string,
  token: string | undefined,
  workspace: SandboxWorkspace,
): SlackResult | undefined {
  if (!Object.hasOwn(webApiMethods, method)) return fail('unknown_method');
  if (token === undefined) return fail('not_authed');
  if (token !== workspace.identity.botToken) return fail('invalid_auth');
  if (workspace.tokenRevoked) return fail('token_revoked');
  return undefined;
}

function runMethod(method: string, params: SlackParams, workspace: SandboxWorkspace): SlackResult {
  const handler = webApiMethods[method];
  if (handler === undefined) return fail('unknown_method');
  try {
    return handler(params, workspace);
  } catch (error) {
    // A bug in the simulator must not look like a Slack answer the app could handle.
    return fail('fatal_error', { detail: error instanceof Error ? error.message : String(error) });
  }
}

/** The conversation a post goes to, as Slack counts it (a user id means the DM with them). */
function conversation(params: SlackParams, workspace: SandboxWorkspace): string | undefined {
  const channel = typeof params.channel === 'string' ? params.channel : undefined;
  return channel === undefined ? undefined : workspace.directory.resolveConversation(channel);
}

function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

function tokenParam(params: SlackParams): string | undefined {
  return typeof params.token === 'string' && params.token !== '' ? params.token : undefined;
}
