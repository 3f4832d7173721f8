import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxWorkspace } from './sandbox-workspace';
import type { SimUpload } from './types';

/** Slack's private URLs: `…/files-pri/<team>-<file>/<name>` and `…/files-pri/<team>-<file>/download/<name>`. */
export function privateUrls(workspace: SandboxWorkspace, upload: SimUpload) {
  const base = `${workspace.identity.baseUrl}/files-pri/${workspace.identity.teamId}-${upload.id}`;
  const name = encodeURIComponent(upload.name);
  return { url_private: `${base}/${name}`, url_private_download: `${base}/download/${name}` };
}

/** files.info's file object for an upload. */
export function uploadObject(workspace: SandboxWorkspace, upload: SimUpload): Record<string, unknown> {
  return {
    id: upload.id,
    created: Math.floor(upload.at.getTime() / 1000),
    name: upload.name,
    title: upload.name,
    mimetype: upload.mimetype,
    filetype: upload.filetype,
    user: upload.userId,
    size: upload.bytes.length,
    mode: 'hosted',
    is_external: false,
    ...privateUrls(workspace, upload),
  };
}

const SIGN_IN_PAGE =
  '<!DOCTYPE html><html><head><title>Slack</title></head><body><h1>Sign in to your workspace</h1></body></html>';

/**
 * GET of a private file URL, with Slack's rule: only a request carrying a token that may read it
 * (`Authorization: Bearer xoxb-…`) gets the bytes; anyone else gets the sign-in page, as HTML
 * with status 200, which is what a browser without a session sees.
 */
export async function handleFileDownload(
  fileId: string,
  request: IncomingMessage,
  response: ServerResponse,
  workspace: SandboxWorkspace,
): Promise<void> {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const upload = workspace.files.upload(fileId);
  workspace.calls.record({
    method: 'files.download',
    params: { file: fileId },
    at: new Date(),
    ok: upload !== undefined && token === workspace.identity.botToken,
    ...(token === undefined ? {} : { token }),
  });
  if (token !== workspace.identity.botToken || request.method !== 'GET') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(SIGN_IN_PAGE);
    return;
  }
  if (upload === undefined) {
    response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!DOCTYPE html><html><body>File not found</body></html>');
    return;
  }
  response.writeHead(200, {
    'content-type': upload.mimetype,
    'content-length': upload.bytes.length,
    'content-disposition': `attachment; filename="${upload.name.replaceAll('"', '')}"`,
  });
  response.end(upload.bytes);
}
