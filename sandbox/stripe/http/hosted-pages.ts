import type { FormParams } from '../api/params';
import type { SimulatorCore } from '../core';
import { followAccountLink } from '../operations/account-links';
import { mintOAuthCode } from '../operations/oauth';

/** What a browser gets from one of Stripe's hosted pages: a redirect, or a small HTML page. */
export type HostedPageResult =
  | { kind: 'redirect'; location: string }
  | { kind: 'page'; status: number; title: string; message: string };

/**
 * Stand-ins for the pages Stripe hosts for people (not for API clients): Express onboarding behind an Account
 * Link, the Express OAuth consent page, and the Express dashboard. They need no API key, so a demo or a test
 * can click through them like a writer would. Returns null for paths that are not hosted pages.
 */
export function handleHostedPage(
  core: SimulatorCore,
  method: string,
  path: string,
  query: FormParams,
): HostedPageResult | null {
  if (method !== 'GET') return null;
  const onboarding = /^\/express\/onboarding\/([^/]+)$/.exec(path);
  if (onboarding?.[1]) return followOnboardingLink(core, onboarding[1]);
  if (path === '/express/oauth/authorize' || path === '/oauth/authorize') return authorizeOAuth(core, query);
  const login = /^\/express\/login\/([^/]+)$/.exec(path);
  if (login?.[1]) return expressDashboard(core, login[1]);
  return null;
}

function followOnboardingLink(core: SimulatorCore, token: string): HostedPageResult {
  const location = followAccountLink(core, token);
  if (!location)
    return { kind: 'page', status: 404, title: 'Link not found', message: 'This link does not exist.' };
  return { kind: 'redirect', location };
}

/**
 * The Express OAuth page: the writer "signs up" and is sent back to redirect_uri with a code (or with
 * error=access_denied when the query has deny=1). `activate=0` leaves the new account with requirements due.
 */
function authorizeOAuth(core: SimulatorCore, query: FormParams): HostedPageResult {
  const { client_id: clientId, redirect_uri: redirectUri, state, deny, activate } = query;
  if (typeof clientId !== 'string' || !clientId.startsWith('ca_')) {
    return { kind: 'page', status: 400, title: 'Invalid client_id', message: 'client_id must be a ca_ id.' };
  }
  if (typeof redirectUri !== 'string' || !/^https?:\/\//.test(redirectUri)) {
    return {
      kind: 'page',
      status: 400,
      title: 'Invalid redirect_uri',
      message: 'redirect_uri must be an http(s) URL.',
    };
  }
  const location = new URL(redirectUri);
  if (deny === '1' || deny === 'true') {
    location.searchParams.set('error', 'access_denied');
    location.searchParams.set('error_description', 'The user denied your request');
  } else {
    const stripeUser = query.stripe_user;
    const email = typeof stripeUser === 'object' && !Array.isArray(stripeUser) ? stripeUser.email : undefined;
    const minted = mintOAuthCode(core, {
      ...(typeof email === 'string' ? { email } : {}),
      activate: activate !== '0' && activate !== 'false',
    });
    location.searchParams.set('code', minted.code);
    location.searchParams.set('scope', 'express');
  }
  if (typeof state === 'string') location.searchParams.set('state', state);
  return { kind: 'redirect', location: location.toString() };
}

function expressDashboard(core: SimulatorCore, token: string): HostedPageResult {
  const link = core.store.loginLinks.get(token);
  if (!link)
    return { kind: 'page', status: 404, title: 'Link not found', message: 'This link does not exist.' };
  return {
    kind: 'page',
    status: 200,
    title: 'Express dashboard (Stripe simulator)',
    message: `Signed in to the Express dashboard of ${link.accountId}.`,
  };
}
