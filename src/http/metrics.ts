import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger';
import { renderMetrics } from '../metrics/exposition';

export type MetricsRouteDeps = {
  registry: Registry;
  /** When set, a scrape must send `Authorization: Bearer <token>`. */
  token?: string;
  logger: Logger;
};

/** Compares digests, so neither the token's length nor its first differing byte shows in the timing. */
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function authorized(req: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) return true;
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match !== null && sameToken(match[1] as string, token);
}

/** GET /metrics in Prometheus' text format. */
export function serveMetrics(req: IncomingMessage, res: ServerResponse, deps: MetricsRouteDeps): void {
  if (!authorized(req, deps.token)) {
    res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' });
    res.end('Unauthorized');
    return;
  }
  renderMetrics(deps.registry).then(
    ({ contentType, text }) => {
      res.writeHead(200, { 'content-type': contentType });
      res.end(text);
    },
    (error: unknown) => {
      deps.logger.error({ err: error }, 'could not render the metrics');
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('metrics unavailable');
    },
  );
}

/** The route on the app's own port: only with a token, since that port faces Slack and Stripe. */
export function metricsRoutes(deps: MetricsRouteDeps): CustomRoute[] {
  if (deps.token === undefined) return [];
  return [{ path: '/metrics', method: ['GET'], handler: (req, res) => serveMetrics(req, res, deps) }];
}

/** GET /metrics alone on a port of its own (METRICS_PORT), for scrapes from inside the network. */
export async function startMetricsServer(
  port: number,
  deps: MetricsRouteDeps,
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === '/metrics') return serveMetrics(req, res, deps);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
