import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoWorld } from '../world';
import { SandboxActions } from './actions';
import { sandboxCsp, sandboxPage } from './page';
import { sandboxState } from './state';

export type SandboxWeb = { url: string; port: number; actions: SandboxActions; close(): Promise<void> };

const BODY_LIMIT = 64 * 1024;

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...headers,
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  response.end(body);
}

const json = (response: ServerResponse, status: number, body: unknown) =>
  send(response, status, 'application/json', JSON.stringify(body));

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

/**
 * Only the page itself may act: a JSON body (a cross-site form cannot send one without CORS),
 * and no Origin other than this server's.
 */
function fromThePage(request: IncomingMessage): boolean {
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * The sandbox Slack as a web page, served by the demo (not by the app) on loopback only:
 * GET /sandbox is the page, GET /sandbox/api/state what it shows, and POSTs under /sandbox/api/
 * are what people do on it.
 */
export async function startSandboxWeb(
  world: DemoWorld,
  options: { port?: number; host?: string } = {},
): Promise<SandboxWeb> {
  const actions = new SandboxActions(world);
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
    const route = `${request.method} ${url.pathname}`;
    if (route === 'GET /' || route === 'GET /sandbox/') {
      response.writeHead(302, { location: '/sandbox' });
      response.end();
      return;
    }
    if (route === 'GET /sandbox') {
      const page = sandboxPage();
      return send(response, 200, 'text/html', page.html, {
        'content-security-policy': sandboxCsp(page.nonce),
      });
    }
    if (route === 'GET /sandbox/api/state') {
      const state = sandboxState(world, {
        userId: url.searchParams.get('user') ?? '',
        conversationId: url.searchParams.get('conversation') ?? undefined,
        closedViews: actions.closedViews,
      });
      return state === undefined
        ? json(response, 404, { error: 'no such user' })
        : json(response, 200, state);
    }
    if (request.method === 'POST' && url.pathname.startsWith('/sandbox/api/')) {
      if (!fromThePage(request))
        return json(response, 403, { ok: false, message: 'Only the sandbox page may do that.' });
      const body = await readJson(request);
      switch (url.pathname.slice('/sandbox/api/'.length)) {
        case 'command':
          return json(response, 200, await actions.command(body));
        case 'click':
          return json(response, 200, await actions.click(body));
        case 'home':
          return json(response, 200, await actions.openHome(body));
        case 'submit':
          return json(response, 200, await actions.submit(body));
        case 'close':
          return json(response, 200, actions.close(body));
        case 'stripe':
          return json(response, 200, await actions.stripe(body));
        default:
          return json(response, 404, { ok: false, message: 'Not found' });
      }
    }
    send(response, 404, 'text/plain', 'Not found');
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        json(response, 500, { ok: false, message: error instanceof Error ? error.message : String(error) });
      } else response.end();
    });
  });
  const host = options.host ?? '127.0.0.1';
  const port = await listenOn(server, host, options.port ?? 0).catch((error: NodeJS.ErrnoException) => {
    // The default port is taken: any free one will do; the URL is printed anyway.
    if (error.code === 'EADDRINUSE' && options.port !== 0) return listenOn(server, host, 0);
    throw error;
  });
  return {
    url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`,
    port,
    actions,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listenOn(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
