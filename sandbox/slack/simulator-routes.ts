import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { handleFileDownload } from './file-download';
import { sendJson } from './http-responses';
import { handleResponseUrlPost } from './response-url-endpoint';
import type { SandboxWorkspace } from './sandbox-workspace';
import { handleFileUpload } from './upload-endpoint';
import { handleWebApiCall } from './web-api/web-api-endpoint';

type RouteHandler = (
  id: string,
  request: IncomingMessage,
  response: ServerResponse,
  workspace: SandboxWorkspace,
) => Promise<void>;

const routes: { pattern: RegExp; handler: RouteHandler }[] = [
  { pattern: /^\/api\/([A-Za-z0-9_.]+)$/, handler: handleWebApiCall },
  { pattern: /^\/upload\/([A-Za-z0-9]+)$/, handler: handleFileUpload },
  { pattern: /^\/response\/([A-Za-z0-9]+)$/, handler: handleResponseUrlPost },
  { pattern: /^\/files-pri\/[A-Z0-9]+-([A-Z0-9]+)\/(?:download\/)?[^/]+$/, handler: handleFileDownload },
];

/** The simulator's HTTP surface: the Web API, file upload and private download URLs, response_urls. */
export function simulatorRequestListener(workspace: SandboxWorkspace): RequestListener {
  return (request, response) => {
    const path = new URL(request.url ?? '/', 'http://sandbox').pathname;
    for (const { pattern, handler } of routes) {
      const id = pattern.exec(path)?.[1];
      if (id === undefined) continue;
      handler(id, request, response, workspace).catch((error: unknown) => {
        if (!response.headersSent) sendJson(response, 500, { ok: false, error: String(error) });
      });
      return;
    }
    sendJson(response, 404, { ok: false, error: 'not_found' });
  };
}
