import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendText } from './http-responses';
import { extractUploadedBytes, readRawBody } from './request-body';
import type { SandboxWorkspace } from './sandbox-workspace';

/** POST /upload/<file id>: step 2 of files.uploadV2, the bytes sent to the URL step 1 handed out. */
export async function handleFileUpload(
  fileId: string,
  request: IncomingMessage,
  response: ServerResponse,
  workspace: SandboxWorkspace,
): Promise<void> {
  const bytes = await extractUploadedBytes(await readRawBody(request), request.headers['content-type']);
  if (!workspace.files.receiveBytes(fileId, bytes)) {
    sendText(response, 404, 'unknown upload');
    return;
  }
  workspace.calls.notifyChange();
  // Slack's upload endpoint answers in plain text like this; WebClient only checks for status 200.
  sendText(response, 200, `OK - ${bytes.length}`);
}
