import type { CustomRoute } from '@slack/bolt';
import { type CheckResult, type ReadinessCheck, withTimeout } from './readiness';
import { sendJson } from './respond';

/**
 * /healthz: the process answers. /readyz: 200 when every check holds, else 503, with each check
 * named and why (load balancers route on the status, people read the body). Without the database
 * nothing else can be checked, so the other checks then say so instead of waiting for it.
 */
export function healthRoutes(deps: { ping: () => Promise<void>; checks?: ReadinessCheck[] }): CustomRoute[] {
  return [
    { path: '/healthz', method: ['GET'], handler: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        readiness(deps).then(
          (checks) => {
            const ready = Object.values(checks).every((check) => check.ok);
            sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
          },
          () => sendJson(res, 503, { status: 'not ready' }),
        );
      },
    },
  ];
}

async function readiness(deps: {
  ping: () => Promise<void>;
  checks?: ReadinessCheck[];
}): Promise<Record<string, CheckResult>> {
  const database = await deps.ping().then(
    () => ({ ok: true, detail: 'answers' }),
    () => ({ ok: false, detail: 'unreachable' }),
  );
  const checks: Record<string, CheckResult> = { database };
  const others = deps.checks ?? [];
  const results = database.ok
    ? await Promise.all(others.map((check) => withTimeout(check)))
    : others.map(() => ({ ok: false, detail: 'not checked: the database is unreachable' }));
  others.forEach((check, i) => {
    checks[check.name] = results[i] as CheckResult;
  });
  return checks;
}
