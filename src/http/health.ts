import type { CustomRoute } from '@slack/bolt';
import { sendJson } from './respond';

/** /healthz: the process answers. /readyz: the database answers too (load balancers route on it). */
export function healthRoutes(deps: { ping: () => Promise<void> }): CustomRoute[] {
  return [
    { path: '/healthz', method: ['GET'], handler: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        deps.ping().then(
          () => sendJson(res, 200, { status: 'ready', database: 'ok' }),
          () => sendJson(res, 503, { status: 'not ready', database: 'unreachable' }),
        );
      },
    },
  ];
}
