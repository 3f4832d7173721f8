import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http-responses';
import { isRecord, parseJsonOr, readRawBody } from './request-body';
import { applyResponseUrlBody } from './response-url-effects';
import type { SandboxWorkspace } from './sandbox-workspace';
import type { ResponseUrlBody } from './types';

/** POST /response/<id>: what the app sends to a response_url (Bolt's `respond()`). */
export async function handleResponseUrlPost(
  id: string,
  request: IncomingMessage,
  response: ServerResponse,
  workspace: SandboxWorkspace,
): Promise<void> {
  const body = parseResponseBody((await readRawBody(request)).toString('utf8'));
  if (body === undefined) {
    sendJson(response, 400, { ok: false, error: 'invalid_payload' });
    return;
  }
  const admission = workspace.responseUrls.admit(id);
  if (!admission.ok) {
    // Slack answers a dead response_url with 404, which Bolt's respond() turns into an error.
    sendJson(response, 404, { ok: false, error: admission.error });
    return;
  }
  applyResponseUrlBody(workspace, admission.owner, body);
  workspace.responseUrls.record({
    id,
    url: `${workspace.identity.baseUrl}/response/${id}`,
    owner: admission.owner,
    body,
    at: new Date(),
  });
  workspace.calls.notifyChange();
  sendJson(response, 200, { ok: true });
}

/** JSON, as Bolt sends it; a form with `payload=<json>` is accepted too, as Slack does. */
function parseResponseBody(text: string): ResponseUrlBody | undefined {
  const payload = text.trimStart().startsWith('{') ? text : new URLSearchParams(text).get('payload');
  const parsed = payload === null ? undefined : parseJsonOr(payload, undefined);
  return isRecord(parsed) ? (parsed as ResponseUrlBody) : undefined;
}
