import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { completeOAuth, type OAuthOutcome } from '../../domain/onboarding/complete-oauth';
import type { OnboardingDeps } from '../../domain/onboarding/deps';
import { CONNECT_PATHS } from '../../domain/onboarding/links';
import { type ReturnOutcome, returnFromStripe } from '../../domain/onboarding/return-from-stripe';
import {
  refreshOnboarding,
  type StartOutcome,
  startOnboarding,
} from '../../domain/onboarding/start-onboarding';
import type { Logger } from '../../logger';
import { BINDER_COOKIE, binderCookie, clearBinderCookie, readCookie } from './cookies';
import { PAGES, type Page, sendPage, sendRedirect } from './pages';

type RouteRequest = Parameters<CustomRoute['handler']>[0];
type Handler = (req: RouteRequest, res: ServerResponse) => Promise<void>;

function query(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://paydesk.invalid').searchParams;
}

function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  return values.length === 1 ? values[0] : undefined;
}

/** Never a stack trace or a secret on a page: failures are logged and the person gets a plain 500. */
function guarded(logger: Logger, name: string, handler: Handler): CustomRoute['handler'] {
  return (req, res) => {
    handler(req, res).catch((error) => {
      logger.error({ err: error, route: name }, 'connect route failed');
      if (!res.headersSent) sendPage(res, PAGES.internalError());
      else res.end();
    });
  };
}

function startPage(outcome: Exclude<StartOutcome, { kind: 'redirect' }>): Page {
  switch (outcome.kind) {
    case 'link_expired':
      return PAGES.linkExpired();
    case 'already_connected':
      return PAGES.alreadyConnected();
    case 'disconnected':
      return PAGES.disconnected();
    default:
      return PAGES.linkInvalid();
  }
}

function oauthPage(outcome: OAuthOutcome): Page {
  switch (outcome.kind) {
    case 'connected':
      return PAGES.connected(outcome.ready, outcome.needs);
    case 'state_rejected':
      return PAGES.stateRejected();
    case 'cancelled':
      return PAGES.cancelled();
    case 'invalid_grant':
      return PAGES.invalidGrant();
    case 'stripe_refused':
      return PAGES.stripeRefused();
    case 'account_conflict':
      return PAGES.accountConflict();
    default:
      return PAGES.stripeError();
  }
}

function returnPage(outcome: ReturnOutcome): Page {
  switch (outcome.kind) {
    case 'done':
      return PAGES.done();
    case 'needs_more':
      return PAGES.needsMore(outcome.needs, outcome.continueUrl);
    case 'in_review':
      return PAGES.inReview();
    case 'link_expired':
      return PAGES.linkExpired();
    case 'disconnected':
      return PAGES.disconnected();
    case 'no_account':
      return PAGES.noAccount();
    default:
      return PAGES.linkInvalid();
  }
}

/**
 * The writer's browser side of onboarding: the DM's start link, the OAuth redirect, and the
 * Account Link refresh/return URLs. Each handler calls one use case and renders its outcome.
 */
export function connectRoutes(deps: OnboardingDeps, logger: Logger): CustomRoute[] {
  const publicUrl = deps.settings.publicUrl;

  const sendStart = (res: ServerResponse, outcome: StartOutcome) => {
    if (outcome.kind !== 'redirect') return sendPage(res, startPage(outcome));
    const headers: Record<string, string> = outcome.binder
      ? { 'set-cookie': binderCookie(outcome.binder, publicUrl) }
      : {};
    return sendRedirect(res, outcome.location, headers);
  };

  return [
    {
      path: `${CONNECT_PATHS.start}/:token`,
      method: ['GET'],
      handler: guarded(logger, 'connect.start', async (req, res) => {
        sendStart(res, await startOnboarding(deps, req.params?.token));
      }),
    },
    {
      path: CONNECT_PATHS.oauth,
      method: ['GET'],
      handler: guarded(logger, 'connect.oauth', async (req, res) => {
        const params = query(req);
        const outcome = await completeOAuth(deps, {
          state: single(params, 'state'),
          code: single(params, 'code'),
          error: single(params, 'error'),
          binder: readCookie(req, BINDER_COOKIE),
        });
        const done = outcome.kind !== 'state_rejected';
        sendPage(res, oauthPage(outcome), done ? { 'set-cookie': clearBinderCookie(publicUrl) } : {});
      }),
    },
    {
      path: CONNECT_PATHS.refresh,
      method: ['GET'],
      handler: guarded(logger, 'connect.refresh', async (req, res) => {
        sendStart(res, await refreshOnboarding(deps, single(query(req), 'writer')));
      }),
    },
    {
      path: CONNECT_PATHS.return,
      method: ['GET'],
      handler: guarded(logger, 'connect.return', async (req, res) => {
        sendPage(res, returnPage(await returnFromStripe(deps, single(query(req), 'writer'))));
      }),
    },
  ];
}
